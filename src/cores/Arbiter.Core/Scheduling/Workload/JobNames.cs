namespace Arbiter.Core.Scheduling.Workload;

/// <summary>Default job names in the textbook's style: A … Z, then AA, AB … (spreadsheet columns).</summary>
public static class JobNames
{
    /// <summary>The name of the job at <paramref name="index"/> (0 → A, 25 → Z, 26 → AA).</summary>
    public static string Of(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Span<char> buffer = stackalloc char[8];
        int at = buffer.Length;
        long n = index + 1L;
        while (n > 0)
        {
            n--;
            buffer[--at] = (char)('A' + (n % 26));
            n /= 26;
        }

        return new string(buffer[at..]);
    }
}
