using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Isolation.Container;
using Arbiter.Isolation.Supervision;

namespace Arbiter.Cli.Commands.Run;

/// <summary>
/// Parsing of <c>arbiter run</c>'s values — sizes, CPUs, mounts, variables, host names — each failing with the
/// one-line bad-input error (exit 2) that names the option and the value.
/// </summary>
internal static class RunInput
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40),
        ("KB", 1L << 10), ("MB", 1L << 20), ("GB", 1L << 30), ("TB", 1L << 40),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("T", 1L << 40), ("B", 1),
    ];

    /// <summary>
    /// A size such as <c>64M</c>, <c>1.5G</c>, <c>512k</c>, <c>64MiB</c> or <c>1048576</c> (bytes); units are
    /// powers of 1024, as in docker and runc. At least 4 KiB.
    /// </summary>
    public static long ParseSize(string text, string option)
    {
        string t = text.Trim();
        long factor = 1;
        foreach (var (suffix, f) in Units)
        {
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                factor = f;
                t = t[..^suffix.Length];
                break;
            }
        }

        if (!double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new InputException($"{option}: '{text}' is not a size (use a number and a unit: 64M, 1.5G, 512k)");
        }

        double bytes = Math.Round(value * factor);
        if (bytes < 4096 || bytes > long.MaxValue / 2)
        {
            throw new InputException($"{option}: '{text}' is out of range (4 KiB … 4 EiB)");
        }

        return (long)bytes;
    }

    /// <summary>A size the way people read it: 64 MiB, 1.5 GiB, 4 KiB, or bytes.</summary>
    public static string ShowSize(long bytes)
    {
        foreach (var (unit, f) in new[] { ("TiB", 1L << 40), ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10) })
        {
            if (bytes >= f)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{(double)bytes / f:0.##} {unit}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
    }

    /// <summary>A CPU count such as 0.5 or 2: more than 0, at most 1024.</summary>
    public static double ParseCpus(string text)
    {
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double cpus) || !(cpus > 0) || cpus > 1024)
        {
            throw new InputException($"--cpus: '{text}' is not a number of CPUs (more than 0, at most 1024; e.g. 0.5 or 2)");
        }

        return cpus;
    }

    /// <summary><c>SRC:DST[:ro|rw]</c>: an existing host path bound at an absolute path inside.</summary>
    public static MountSpec ParseMount(string text)
    {
        string[] parts = text.Split(':');
        bool readOnly = false;
        if (parts.Length == 3 && parts[2] is "ro" or "rw")
        {
            readOnly = parts[2] == "ro";
        }
        else if (parts.Length != 2)
        {
            throw new InputException($"--mount: '{text}' is not SRC:DST or SRC:DST:ro");
        }

        if (parts[0].Length == 0 || !Path.Exists(parts[0]))
        {
            throw new InputException($"--mount: source '{parts[0]}' does not exist (in '{text}')");
        }

        if (!parts[1].StartsWith('/') || parts[1].Split('/').Contains(".."))
        {
            throw new InputException($"--mount: destination '{parts[1]}' must be an absolute path without '..' (in '{text}')");
        }

        return MountSpec.BindMount(Path.GetFullPath(parts[0]), parts[1], readOnly);
    }

    /// <summary><c>NAME=VALUE</c>, or <c>NAME</c> alone to pass the host's value.</summary>
    public static string ParseEnv(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        string name = eq < 0 ? text : text[..eq];
        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || c == '\0'))
        {
            throw new InputException($"--env: '{text}' is not NAME=VALUE");
        }

        if (eq >= 0)
        {
            return text;
        }

        return Environment.GetEnvironmentVariable(name) is { } value
            ? $"{name}={value}"
            : throw new InputException($"--env: '{name}' has no value here (use {name}=VALUE)");
    }

    /// <summary>
    /// <c>--restart never|on-failure[:N]|always[:N]</c> with <c>--restart-delay</c> as the first backoff (0 … 5 min);
    /// null when <c>--restart</c> is not given (then no supervision, and <c>--restart-delay</c> is an error).
    /// </summary>
    public static RestartPolicy? ParseRestart(string? restart, string? delay)
    {
        if (restart is null)
        {
            return delay is null ? null : throw new InputException("--restart-delay: needs --restart (never, on-failure, on-failure:N, always or always:N)");
        }

        RestartPolicy policy;
        try
        {
            policy = RestartPolicy.Parse(restart);
        }
        catch (FormatException)
        {
            throw new InputException($"--restart: '{restart}' is not a restart policy (never, on-failure, on-failure:N, always or always:N)");
        }

        TimeSpan? initial = delay is null ? null : Labs.LabInput.ParseDuration(delay, "--restart-delay", TimeSpan.Zero, TimeSpan.FromMinutes(5));
        // A fresh seed per process: many supervisors failing together must not restart in lockstep.
        return policy with { InitialDelay = initial, Seed = Random.Shared.Next() };
    }

    /// <summary>A host name: 1–63 letters, digits, '-' and '.', not starting with '-' (RFC 1123).</summary>
    public static string ParseHostname(string text)
    {
        bool ok = text.Length is > 0 and <= 63 && text[0] != '-' && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');
        return ok ? text : throw new InputException($"--hostname: '{text}' is not a host name (1–63 letters, digits, '-' or '.')");
    }
}
