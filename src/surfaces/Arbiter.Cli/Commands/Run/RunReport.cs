using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Isolation.Container;

namespace Arbiter.Cli.Commands.Run;

/// <summary>What <c>arbiter run</c> says when the command has ended: the OOM line, <c>--stats</c>, <c>--json</c>.</summary>
internal static class RunReport
{
    public static void Write(CliContext context, ContainerResult result, bool stats, bool json)
    {
        if (result.OomKilled)
        {
            context.Err.WriteLine($"arbiter: killed: {OutOfMemory(result)}");
        }

        if (stats)
        {
            context.Err.WriteLine(Line(result));
        }

        if (json)
        {
            context.Json(Document(result));
        }
    }

    /// <summary>"out of memory (limit 64 MiB)", or without the limit when none was set.</summary>
    public static string OutOfMemory(ContainerResult result) =>
        "out of memory" + (result.Limits.MemoryBytes is { } m ? $" (limit {RunInput.ShowSize(m)})" : "");

    /// <summary>The <c>--json</c> document of one run (snake_case keys); callers may add keys.</summary>
    public static Dictionary<string, object?> Document(ContainerResult result) => new()
    {
        ["status"] = result.Status,
        ["exit_code"] = result.ExitCode,
        ["signal"] = result.Signal,
        ["oom_killed"] = result.OomKilled,
        ["elapsed_ms"] = Math.Round(result.Elapsed.TotalMilliseconds, 3),
        ["cpu_time_ms"] = Math.Round(result.Usage.CpuTime.TotalMilliseconds, 3),
        ["memory_peak_bytes"] = result.Usage.MemoryPeakBytes,
        ["pids_peak"] = result.Usage.PidsPeak,
        ["limits"] = new Dictionary<string, object?>
        {
            ["memory_bytes"] = result.Limits.MemoryBytes,
            ["cpus"] = result.Limits.Cpus,
            ["pids"] = result.Limits.Pids,
        },
    };

    /// <summary>One line: "arbiter: exit 0 · 4.1 ms · cpu 1.2 ms · peak memory 312 KiB · peak pids 3".</summary>
    public static string Line(ContainerResult result)
    {
        string how = result.Signal is { } s ? $"killed by signal {s}{(result.OomKilled ? " (out of memory)" : "")}" : $"exit {result.ExitCode}";
        var parts = new List<string>
        {
            how,
            Labs.LabInput.ShowDuration(result.Elapsed),
            "cpu " + Labs.LabInput.ShowDuration(result.Usage.CpuTime),
        };
        if (result.Usage.MemoryPeakBytes is { } peak)
        {
            parts.Add("peak memory " + RunInput.ShowSize(peak));
        }

        if (result.Usage.PidsPeak is { } pids)
        {
            parts.Add("peak pids " + pids.ToString(CultureInfo.InvariantCulture));
        }

        return "arbiter: " + string.Join(" · ", parts);
    }
}
