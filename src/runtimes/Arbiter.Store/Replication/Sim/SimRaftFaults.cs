using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Store.Replication.Sim;

/// <summary>Fault schedules for the store's simulated clusters, where clients are nodes too.</summary>
public static class SimRaftFaults
{
    /// <summary>How long the random nemesis acts (faults start and heal within it).</summary>
    public static TimeSpan Window { get; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The random nemesis for a seed: crashes with restarts (a majority stays up), partitions with heals and one
    /// corrupt storage tail (<see cref="RaftFaults.Nemesis"/>), with the clients dealt over each partition's sides.
    /// </summary>
    public static FaultSchedule Random(int servers, IReadOnlyList<int> clients, int seed) =>
        WithClients(RaftFaults.Nemesis(servers, seed, Window, corruptions: 1), servers, clients);

    /// <summary>
    /// The hostile network for random runs: 1–10 ms latency, 3 % loss, 3 % duplication, 20 % reordering
    /// (<see cref="RaftFaults.Unreliable"/>). A duplicated proposal is applied once only thanks to the clients'
    /// sessions (<see cref="SimRaftOptions.Sessions"/>).
    /// </summary>
    public static NetworkOptions Network { get; } = RaftFaults.Unreliable;

    /// <summary>
    /// The schedule with clients placed in partitions: a partition that names no client gets them dealt
    /// round-robin over its sides (servers named in no group form the last side), so some clients are cut off with
    /// a minority — as Jepsen's clients are, each bound to one node. A partition that names a client is kept as written.
    /// </summary>
    public static FaultSchedule WithClients(FaultSchedule schedule, int servers, IReadOnlyList<int> clients)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(clients);
        var faults = new List<Fault>(schedule.Faults.Count);
        foreach (Fault fault in schedule.Faults)
        {
            if (fault.Kind != FaultKind.Partition || fault.Groups is null || fault.Groups.Any(g => g.Any(clients.Contains)))
            {
                faults.Add(fault);
                continue;
            }

            var sides = fault.Groups.Select(g => new List<int>(g)).ToList();
            var rest = Enumerable.Range(1, servers).Where(s => !sides.Any(g => g.Contains(s))).ToList();
            if (rest.Count > 0)
            {
                sides.Add(rest);
            }

            for (int c = 0; c < clients.Count; c++)
            {
                sides[c % sides.Count].Add(clients[c]);
            }

            faults.Add(fault with { Groups = sides });
        }

        return new FaultSchedule(faults);
    }
}
