namespace Arbiter.Core.Scheduling.Workload;

/// <summary>
/// Random workloads from a seeded source (the only randomness in the scheduling core is what the caller passes in):
/// as in OSTEP's <c>scheduler.py -s SEED -j N -l MAXLEN</c>, each length is uniform in 1 … <c>maxLength</c>;
/// arrivals are uniform in 0 … <c>maxArrival</c> (0: all arrive together) and the jobs are listed, and named,
/// in arrival order. Cost O(n log n).
/// </summary>
public static class WorkloadGenerator
{
    /// <summary>Generates <paramref name="count"/> jobs.</summary>
    public static JobList Random(int count, long maxLength, Random random, long maxArrival = 0)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (count < 1)
        {
            throw new WorkloadException($"random: the number of jobs must be at least 1 (got {count})");
        }

        if (maxLength < 1 || maxLength > JobList.MaxTicks)
        {
            throw new WorkloadException($"random: the maximum length must be between 1 and {JobList.MaxTicks} (got {maxLength})");
        }

        if (maxArrival < 0 || maxArrival > JobList.MaxTicks)
        {
            throw new WorkloadException($"random: the latest arrival must be between 0 and {JobList.MaxTicks} (got {maxArrival})");
        }

        var drawn = new (long Arrival, long Length)[count];
        for (int i = 0; i < count; i++)
        {
            long length = random.NextInt64(1, maxLength + 1);
            long arrival = maxArrival == 0 ? 0 : random.NextInt64(0, maxArrival + 1);
            drawn[i] = (arrival, length);
        }

        // A stable sort keeps the draw order among equal arrivals, so the result depends on the seed alone.
        var sorted = drawn.Select((d, i) => (d, i)).OrderBy(x => x.d.Arrival).ThenBy(x => x.i).ToArray();
        return JobList.Create(sorted.Select((x, i) => new Job(JobNames.Of(i), x.d.Arrival, x.d.Length)));
    }

    /// <summary>
    /// A steady stream for benchmarks: <paramref name="count"/> jobs with lengths uniform in 1 … <paramref name="maxLength"/>
    /// and gaps between arrivals uniform in 0 … <paramref name="maxGap"/>, so that the offered load is
    /// (1 + maxLength) / (maxGap · cpus) per CPU. Every <paramref name="ioEvery"/>-th job (0: none) does I/O.
    /// </summary>
    public static JobList Stream(int count, long maxLength, long maxGap, Random random, int ioEvery = 0)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxGap);
        var jobs = new Job[count];
        long arrival = 0;
        for (int i = 0; i < count; i++)
        {
            arrival += random.NextInt64(0, maxGap + 1);
            long length = random.NextInt64(1, maxLength + 1);
            IoPattern? io = ioEvery > 0 && i % ioEvery == 0 ? new IoPattern(Math.Max(1, length / 3), 5) : null;
            jobs[i] = new Job(JobNames.Of(i), arrival, length, io, Priority: (int)(i % 4), Tickets: 50 + (50 * (i % 4)), Nice: (i % 5) - 2);
        }

        return JobList.Create(jobs);
    }
}
