using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Raft;

/// <summary>Fault mixes for Raft sweeps: the seeded nemesis plus corrupt storage tails and a hostile network.</summary>
public static class RaftFaults
{
    /// <summary>
    /// A seeded nemesis during <paramref name="window"/> — crashes with restarts (a majority stays up), partitions
    /// with heals — plus <paramref name="corruptions"/> corrupt tails, each on a random server that is restarted
    /// 20–120 ms later, never two at once.
    /// </summary>
    public static FaultSchedule Nemesis(int servers, int seed, TimeSpan window, int corruptions = 0)
    {
        var members = NodeIds.Range(servers);
        var nemesis = new NemesisOptions
        {
            CrashRate = 3 / window.TotalSeconds,
            MeanDowntime = window / 10,
            PartitionRate = 3 / window.TotalSeconds,
            MeanPartition = window / 8,
            Until = window,
        };
        var faults = new List<Fault>(Simulation.Nemesis.Generate(nemesis, members, seed).Faults);
        var random = new Random(SeedMixer.Derive(seed, 0, 0, 7));
        long slot = window.Ticks / Math.Max(1, corruptions);
        for (int c = 0; c < corruptions; c++)
        {
            int victim = 1 + random.Next(servers);
            long at = (c * slot) + (long)(random.NextDouble() * slot / 2);
            long back = at + TimeSpan.FromMilliseconds(20 + random.Next(100)).Ticks;
            faults.Add(new Fault(TimeSpan.FromTicks(at), FaultKind.CorruptTail, victim));
            faults.Add(new Fault(TimeSpan.FromTicks(back), FaultKind.Restart, victim));
        }

        faults.Sort((a, b) => a.At.CompareTo(b.At));
        return new FaultSchedule(faults);
    }

    /// <summary>A hostile network: 1–10 ms latency, 3 % loss, 3 % duplication, 20 % reordering.</summary>
    public static NetworkOptions Unreliable { get; } = NetworkOptions.Reliable with { Loss = 0.03, Duplication = 0.03, Reordering = 0.2 };
}
