using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Checkers;

/// <summary>The faults of an algorithm scenario: a schedule (scripted or from the nemesis) and the network's message faults.</summary>
/// <param name="Schedule">Crashes, restarts, partitions and heals.</param>
/// <param name="Network">Latency, loss, duplication, reordering.</param>
public sealed record ScenarioFaults(FaultSchedule Schedule, NetworkOptions Network)
{
    /// <summary>No faults on the default network (1–10 ms).</summary>
    public static ScenarioFaults None { get; } = new(FaultSchedule.None, NetworkOptions.Reliable);

    /// <summary>True when nothing goes wrong in the run (liveness is then checked too).</summary>
    public bool Healthy => Schedule.Faults.Count == 0 && Network.Loss == 0 && Network.Duplication == 0;

    /// <summary>
    /// The random faults of a sweep: a seeded nemesis (crashes with restarts, partitions with heals) during the
    /// first <paramref name="window"/>, plus 2 % loss, 2 % duplication and 10 % reordering for the whole run.
    /// Crashes keep a majority up.
    /// </summary>
    public static ScenarioFaults Random(IReadOnlyList<int> members, int seed, TimeSpan window)
    {
        var nemesis = new NemesisOptions
        {
            CrashRate = 2 / window.TotalSeconds,
            MeanDowntime = window / 8,
            PartitionRate = 2 / window.TotalSeconds,
            MeanPartition = window / 6,
            Until = window,
        };
        return new(Nemesis.Generate(nemesis, members, seed), NetworkOptions.Reliable with { Loss = 0.02, Duplication = 0.02, Reordering = 0.1 });
    }
}
