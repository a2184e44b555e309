using Arbiter.Cli.App;
using Arbiter.Cli.Input;
using Arbiter.Core.Scheduling.Workload;

namespace Arbiter.Cli.Commands.Sched;

/// <summary>
/// Reads a workload (JSON or YAML, by extension):
/// <code>
/// jobs:
///   - name: A          # optional: A, B, C … in order
///     arrival: 0       # optional, default 0
///     length: 10
///     io: 4/3          # optional: an I/O every 4 ticks of CPU, lasting 3 (or {every: 4, duration: 3})
///     priority: 0      # optional (priority policy; 0 is most urgent)
///     tickets: 100     # optional (lottery, stride)
///     nice: 0          # optional (cfs; −20 … 19)
/// </code>
/// Errors name the file, line and field.
/// </summary>
internal static class WorkloadFile
{
    public static JobList Load(string path) => Read(DocumentLoader.Load(path));

    public static JobList Parse(string path, string text) => Read(DocumentLoader.Parse(path, text));

    private static JobList Read(DocumentNode root)
    {
        var top = root.Fields("jobs");
        if (!top.TryGetValue("jobs", out var jobsNode))
        {
            throw root.Error("missing field 'jobs'");
        }

        var items = jobsNode.Items("a list of jobs");
        if (items.Count == 0)
        {
            throw jobsNode.Error("the workload has no jobs");
        }

        var jobs = new List<Job>(items.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            var node = items[i];
            var f = node.Fields("name", "arrival", "length", "io", "priority", "tickets", "nice");
            string name = f.TryGetValue("name", out var n) ? n.Text("a job name") : JobNames.Of(i);
            if (!names.Add(name))
            {
                throw (f.TryGetValue("name", out var nn) ? nn : node).Error($"job name '{name}' is used twice");
            }

            if (!f.TryGetValue("length", out var lengthNode))
            {
                throw node.Error("missing field 'length'");
            }

            long length = Long(lengthNode, 1);
            long arrival = f.TryGetValue("arrival", out var a) ? Long(a, 0) : 0;
            IoPattern? io = f.TryGetValue("io", out var ioNode) ? Io(ioNode) : null;
            int priority = f.TryGetValue("priority", out var p) ? p.Int() : 0;
            int tickets = f.TryGetValue("tickets", out var t) ? t.Int() : 100;
            int nice = f.TryGetValue("nice", out var ni) ? ni.Int() : 0;
            if (tickets < 1)
            {
                throw t!.Error($"must be at least 1 (got {tickets})");
            }

            if (nice is < -20 or > 19)
            {
                throw ni!.Error($"must be between -20 and 19 (got {nice})");
            }

            jobs.Add(new Job(name, arrival, length, io, priority, tickets, nice));
        }

        try
        {
            return JobList.Create(jobs);
        }
        catch (WorkloadException e)
        {
            throw new InputException($"{root.File}: {e.Message}", e);
        }
    }

    private static long Long(DocumentNode node, long min)
    {
        string text = node.Text("a whole number");
        if (!long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long value))
        {
            throw node.Error($"expected a whole number, got '{text}'");
        }

        if (value < min || value > JobList.MaxTicks)
        {
            throw node.Error(value < min ? $"must be at least {min} (got {value})" : $"must be at most {JobList.MaxTicks} (got {value})");
        }

        return value;
    }

    private static IoPattern Io(DocumentNode node)
    {
        if (node.IsMapping)
        {
            var f = node.Fields("every", "duration");
            if (!f.TryGetValue("every", out var every) || !f.TryGetValue("duration", out var duration))
            {
                throw node.Error("expected both 'every' and 'duration'");
            }

            return new IoPattern(Long(every, 1), Long(duration, 1));
        }

        string[] parts = node.Text("EVERY/DURATION, e.g. 4/3").Split('/');
        if (parts.Length != 2
            || !long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out long e)
            || !long.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out long d))
        {
            throw node.Error("expected EVERY/DURATION, e.g. 4/3 (an I/O every 4 ticks of CPU, lasting 3)");
        }

        if (e < 1 || d < 1 || e > JobList.MaxTicks || d > JobList.MaxTicks)
        {
            throw node.Error($"both numbers must be between 1 and {JobList.MaxTicks} (got {e}/{d})");
        }

        return new IoPattern(e, d);
    }
}
