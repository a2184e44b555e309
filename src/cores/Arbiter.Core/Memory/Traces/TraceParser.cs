using System.Globalization;

namespace Arbiter.Core.Memory.Traces;

/// <summary>
/// Reads a reference string: page numbers (whole numbers ≥ 0) separated by commas and/or white space, over one or
/// many lines; <c>#</c> starts a comment that runs to the end of its line. Two commas with nothing between them
/// (<c>1,,2</c>), a trailing comma and anything that is not a page number (<c>1,x</c>) are errors that name the
/// item by its position (1-based) and, when the text has several lines, its line.
/// </summary>
public static class TraceParser
{
    /// <summary>The largest page number accepted (2^52 − 1: a 64-bit address space with 4 KiB pages).</summary>
    public const long MaxPage = (1L << 52) - 1;

    /// <summary>Parses <paramref name="text"/> into pages; throws <see cref="TraceFormatException"/> naming the bad item.</summary>
    public static long[] Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pages = new List<long>();
        string[] lines = text.Split('\n');
        bool multiline = lines.Count(l => l.Trim().Length > 0) > 1;
        for (int l = 0; l < lines.Length; l++)
        {
            string line = lines[l];
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            string where = multiline ? $"line {l + 1}, " : "";
            foreach (string field in line.Split(','))
            {
                string[] words = field.Split((char[])[' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0)
                {
                    throw new TraceFormatException($"{where}item {pages.Count + 1} is empty (two commas with nothing between, or a comma at an end)");
                }

                foreach (string word in words)
                {
                    if (!long.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out long page) || page > MaxPage)
                    {
                        throw new TraceFormatException($"{where}item {pages.Count + 1}: '{word}' is not a page number (a whole number from 0 to {MaxPage})");
                    }

                    pages.Add(page);
                }
            }
        }

        if (pages.Count == 0)
        {
            throw new TraceFormatException("the reference string is empty");
        }

        return [.. pages];
    }
}
