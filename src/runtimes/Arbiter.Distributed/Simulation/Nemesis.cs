namespace Arbiter.Distributed.Simulation;

/// <summary>
/// Generates a random <see cref="FaultSchedule"/> from rates and a seed (Kingsbury's Jepsen nemesis, made
/// deterministic): the same seed gives the same schedule, which can be printed and replayed as a script.
/// </summary>
public static class Nemesis
{
    /// <summary>Draws a schedule of crashes, restarts, partitions and heals for <paramref name="members"/>.</summary>
    public static FaultSchedule Generate(NemesisOptions options, IReadOnlyList<int> members, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(members);
        var random = new Random(SeedMixer.Derive(seed, 0, 0, 3));
        var faults = new List<Fault>();
        long end = options.Until.Ticks;
        int maxDown = options.MaxDown ?? ((members.Count - 1) / 2);

        // Crashes: each crash picks a node that is up and brings it back after an exponential downtime.
        var upAgainAt = new Dictionary<int, long>();
        for (long t = Next(random, options.CrashRate, 0); t < end; t = Next(random, options.CrashRate, t))
        {
            int[] up = [.. members.Where(m => !upAgainAt.TryGetValue(m, out long back) || back <= t)];
            if (members.Count - up.Length >= maxDown || up.Length == 0)
            {
                continue;
            }

            int victim = up[random.Next(up.Length)];
            long back = Math.Min(end, t + 1 + Exponential(random, options.MeanDowntime.Ticks));
            upAgainAt[victim] = back;
            faults.Add(new Fault(TimeSpan.FromTicks(t), FaultKind.Crash, victim));
            faults.Add(new Fault(TimeSpan.FromTicks(back), FaultKind.Restart, victim));
        }

        // Partitions: a random split into two non-empty sides, healed before the next one starts.
        for (long t = Next(random, options.PartitionRate, 0); t < end && members.Count > 1; t = Next(random, options.PartitionRate, t))
        {
            int[] shuffled = [.. members];
            random.Shuffle(shuffled);
            int cut = 1 + random.Next(members.Count - 1);
            IReadOnlyList<int> side = [.. shuffled[..cut].Order()];
            long heal = Math.Min(end, t + 1 + Exponential(random, options.MeanPartition.Ticks));
            faults.Add(new Fault(TimeSpan.FromTicks(t), FaultKind.Partition, Groups: [side]));
            faults.Add(new Fault(TimeSpan.FromTicks(heal), FaultKind.Heal));
            t = heal;
        }

        return new FaultSchedule(faults);
    }

    private static long Next(Random random, double ratePerSecond, long from) =>
        ratePerSecond <= 0 ? long.MaxValue : from + 1 + Exponential(random, (long)(TimeSpan.TicksPerSecond / ratePerSecond));

    private static long Exponential(Random random, long mean) => (long)(-Math.Log(1.0 - random.NextDouble()) * mean);
}
