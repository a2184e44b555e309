namespace Arbiter.Core.Scheduling.Workload;

/// <summary>
/// A validated workload: at least one job, names unique, every number in range. The list order is the order
/// "given": jobs that arrive at the same tick are queued in this order, and order-based tie-breaks (SJF, stride,
/// CFS) use a job's index in this list.
/// </summary>
public sealed class JobList
{
    /// <summary>Largest tick accepted for an arrival, a length or an I/O field, so that no sum of them can overflow.</summary>
    public const long MaxTicks = 1L << 40;

    private JobList(Job[] jobs) => Jobs = jobs;

    /// <summary>The jobs, in the order given.</summary>
    public IReadOnlyList<Job> Jobs { get; }

    /// <summary>Number of jobs.</summary>
    public int Count => Jobs.Count;

    /// <summary>The job at <paramref name="index"/>.</summary>
    public Job this[int index] => Jobs[index];

    /// <summary>Validates <paramref name="jobs"/>; throws <see cref="WorkloadException"/> naming the first bad job.</summary>
    public static JobList Create(IEnumerable<Job> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        Job[] array = jobs.ToArray();
        if (array.Length == 0)
        {
            throw new WorkloadException("the workload has no jobs");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (Job job in array)
        {
            string who = $"job {job.Name}";
            if (string.IsNullOrWhiteSpace(job.Name))
            {
                throw new WorkloadException("a job has an empty name");
            }

            if (!names.Add(job.Name))
            {
                throw new WorkloadException($"{who}: the name is used twice");
            }

            Range(who, "arrival", job.Arrival, 0);
            Range(who, "length", job.Length, 1);
            if (job.Io is { } io)
            {
                Range(who, "io every", io.Every, 1);
                Range(who, "io duration", io.Duration, 1);
            }

            if (job.Tickets < 1)
            {
                throw new WorkloadException($"{who}: tickets must be at least 1 (got {job.Tickets})");
            }

            if (job.Nice is < -20 or > 19)
            {
                throw new WorkloadException($"{who}: nice must be between -20 and 19 (got {job.Nice})");
            }

            total += job.Length;
            if (total > MaxTicks)
            {
                throw new WorkloadException($"{who}: the lengths add up to more than {MaxTicks} ticks");
            }
        }

        return new JobList(array);
    }

    private static void Range(string who, string field, long value, long min)
    {
        if (value < min || value > MaxTicks)
        {
            throw new WorkloadException(value < min
                ? $"{who}: {field} must be at least {min} (got {value})"
                : $"{who}: {field} must be at most {MaxTicks} (got {value})");
        }
    }
}
