using System.Globalization;

namespace Arbiter.Isolation.Cgroups;

/// <summary>Parsing helpers for cgroup control files shared by both versions.</summary>
internal static class CgroupFiles
{
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A file holding one number ("12345\n"); "max" reads as null.</summary>
    public static long? ParseNumber(string text, string path)
    {
        string t = text.Trim();
        if (t == "max")
        {
            return null;
        }

        return long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw new CgroupException($"{path}: expected a number, read '{Shorten(t)}'");
    }

    /// <summary>The value of "key value" line in a flat-keyed file (memory.events, cpu.stat, memory.oom_control); null when absent.</summary>
    public static long? ParseKey(string text, string key, string path)
    {
        foreach (string line in text.Split('\n'))
        {
            string[] kv = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (kv.Length == 2 && kv[0] == key)
            {
                return long.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out long v)
                    ? v
                    : throw new CgroupException($"{path}: '{key}' is not a number: '{Shorten(kv[1])}'");
            }
        }

        return null;
    }

    /// <summary>The pids in a cgroup.procs file.</summary>
    public static IEnumerable<int> ParsePids(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => int.TryParse(l.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : 0)
            .Where(p => p > 0);

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
