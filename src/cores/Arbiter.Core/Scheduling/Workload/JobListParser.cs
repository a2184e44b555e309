using System.Globalization;

namespace Arbiter.Core.Scheduling.Workload;

/// <summary>
/// The command-line job syntax. Items are separated by commas; each item is <c>LENGTH</c> (arriving at 0) or
/// <c>ARRIVAL:LENGTH</c>, followed by optional <c>:key=value</c> attributes: <c>io=EVERY/DURATION</c>,
/// <c>prio=N</c>, <c>tickets=N</c>, <c>nice=N</c>. Jobs are named A, B, C … in the order given.
/// Examples: <c>10,20,30</c>; <c>0:10,5:20:io=4/3</c>; <c>100:tickets=300,100:tickets=100</c>.
/// </summary>
public static class JobListParser
{
    /// <summary>Parses <paramref name="text"/>; a malformed item throws <see cref="WorkloadException"/> naming it.</summary>
    public static JobList Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Length == 0)
        {
            throw new WorkloadException("the job list is empty");
        }

        string[] items = text.Split(',');
        var jobs = new List<Job>(items.Length);
        for (int i = 0; i < items.Length; i++)
        {
            jobs.Add(ParseItem(items[i].Trim(), JobNames.Of(i)));
        }

        return JobList.Create(jobs);
    }

    private static Job ParseItem(string item, string name)
    {
        string where = $"job {name} ('{item}')";
        if (item.Length == 0)
        {
            throw new WorkloadException($"{where}: empty item (two commas in a row?)");
        }

        var numbers = new List<long>(2);
        IoPattern? io = null;
        int priority = 0, tickets = 100, nice = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string raw in item.Split(':'))
        {
            string field = raw.Trim();
            if (field.Length == 0)
            {
                throw new WorkloadException($"{where}: empty field (expected LENGTH or ARRIVAL:LENGTH, then :key=value)");
            }

            int equals = field.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                if (seen.Count > 0)
                {
                    throw new WorkloadException($"{where}: '{field}': numbers come before the key=value attributes");
                }

                if (numbers.Count == 2)
                {
                    throw new WorkloadException($"{where}: too many numbers (expected LENGTH or ARRIVAL:LENGTH)");
                }

                numbers.Add(Number(where, numbers.Count == 0 ? "length or arrival" : "length", field));
                continue;
            }

            string key = field[..equals].Trim().ToLowerInvariant();
            string value = field[(equals + 1)..].Trim();
            if (!seen.Add(key))
            {
                throw new WorkloadException($"{where}: '{key}' given twice");
            }

            switch (key)
            {
                case "io":
                    io = Io(where, value);
                    break;
                case "prio" or "priority":
                    priority = Int(where, key, value);
                    break;
                case "tickets":
                    tickets = Int(where, key, value);
                    break;
                case "nice":
                    nice = Int(where, key, value);
                    break;
                default:
                    throw new WorkloadException($"{where}: unknown attribute '{key}' (expected io=EVERY/DURATION, prio=N, tickets=N or nice=N)");
            }
        }

        if (numbers.Count == 0)
        {
            throw new WorkloadException($"{where}: missing length (expected LENGTH or ARRIVAL:LENGTH first)");
        }

        long arrival = numbers.Count == 2 ? numbers[0] : 0;
        long length = numbers[^1];
        try
        {
            return JobList.Create([new Job(name, arrival, length, io, priority, tickets, nice)]).Jobs[0];
        }
        catch (WorkloadException e)
        {
            // Re-word "job A: length must be …" so that the message quotes the item as written.
            string detail = e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..];
            throw new WorkloadException($"{where}: {detail}", e);
        }
    }

    private static IoPattern Io(string where, string value)
    {
        string[] parts = value.Split('/');
        if (parts.Length != 2)
        {
            throw new WorkloadException($"{where}: io: expected EVERY/DURATION, e.g. io=4/3 (an I/O every 4 ticks of CPU, lasting 3), got '{value}'");
        }

        return new IoPattern(Number(where, "io every", parts[0].Trim()), Number(where, "io duration", parts[1].Trim()));
    }

    private static long Number(string where, string what, string text)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw new WorkloadException($"{where}: {what}: '{text}' is not a whole number");
        }

        return value;
    }

    private static int Int(string where, string key, string text)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            throw new WorkloadException($"{where}: {key}: '{text}' is not a whole number");
        }

        return value;
    }
}
