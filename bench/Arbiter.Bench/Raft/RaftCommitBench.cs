using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Raft;

/// <summary>
/// Committed entries per second of wall time for a 3-server Raft group in the deterministic simulator (1–10 ms
/// virtual latency, reliable network, invariant checks off), 2,000 commands from a client keeping 100 outstanding. Baseline: batching
/// off (one entry per append message); the other run batches up to 1 MiB per message. Times are per committed
/// command (OperationsPerInvoke), so commands/s = 1e9 / ns.
/// </summary>
[MemoryDiagnoser]
public class RaftCommitBench
{
    private const int Operations = 2_000;

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public int Unbatched() => Run(1);

    [Benchmark(OperationsPerInvoke = Operations)]
    public int Batched() => Run(int.MaxValue);

    internal static RaftReport Report(int maxEntries) => RaftScenario.Run(new RaftScenarioOptions
    {
        Servers = 3,
        Operations = Operations,
        Concurrency = 100,
        CheckLiveness = false,
        CheckSafety = false, // the protocol and the simulator only; the invariants are the tests' business
        Configure = o => o with { MaxEntriesPerMessage = maxEntries },
    });

    private static int Run(int maxEntries) => Report(maxEntries).Acknowledged;
}
