using System.Globalization;

namespace Arbiter.Isolation.Oci;

/// <summary>Signal names and numbers of Linux (signal(7)), as <c>kill</c> and <c>runc kill</c> accept them.</summary>
public static class Signals
{
    /// <summary>Names by number (index 0 unused).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM",
        "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
        "WINCH", "IO", "PWR", "SYS",
    ];

    /// <summary>
    /// The number of <paramref name="text"/>: a name with or without SIG (any case: TERM, SIGKILL, hup), RTMIN+N,
    /// or a number 1–64. Throws <see cref="OciException"/> (bad input) otherwise.
    /// </summary>
    public static int Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            return n is >= 1 and <= 64 ? n : throw new OciException($"signal {text}: numbers go from 1 to 64");
        }

        string name = text.ToUpperInvariant();
        name = name.StartsWith("SIG", StringComparison.Ordinal) ? name[3..] : name;
        for (int i = 1; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        if (name == "IOT")
        {
            return 6;
        }

        if (name.StartsWith("RTMIN", StringComparison.Ordinal))
        {
            string rest = name[5..];
            if (rest.Length == 0)
            {
                return 34;
            }

            if (rest[0] == '+' && int.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k <= 30)
            {
                return 34 + k;
            }
        }

        throw new OciException($"unknown signal '{text}' (use a name such as TERM, KILL, HUP or a number 1-64)");
    }
}
