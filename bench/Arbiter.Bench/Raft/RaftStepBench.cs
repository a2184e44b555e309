using Arbiter.Core.Distributed.Raft;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Raft;

/// <summary>
/// Core throughput: a follower's <c>Step</c> + <c>Ready</c> + <c>Advance</c> per appended entry (8-byte commands,
/// 4,096 per invocation, fresh core each time). Baseline: one entry per AppendRequest; the other: 64 per message.
/// Times are per entry, so entries/s = 1e9 / ns.
/// </summary>
[MemoryDiagnoser]
public class RaftStepBench
{
    private const int Entries = 4_096;
    private static readonly RaftOptions Options = new() { Voters = [1, 2, 3] };
    private RaftMessage[] _single = [];
    private RaftMessage[] _batched = [];

    [GlobalSetup]
    public void Setup()
    {
        _single = Messages(1);
        _batched = Messages(64);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Entries)]
    public long OneEntryPerMessage() => Drive(_single);

    [Benchmark(OperationsPerInvoke = Entries)]
    public long SixtyFourEntriesPerMessage() => Drive(_batched);

    private static RaftMessage[] Messages(int perMessage)
    {
        var list = new List<RaftMessage>();
        for (long first = 1; first <= Entries; first += perMessage)
        {
            var entries = new List<RaftEntry>();
            for (long i = first; i < first + perMessage && i <= Entries; i++)
            {
                entries.Add(new RaftEntry(1, i, new byte[8]));
            }

            list.Add(new RaftMessage.AppendRequest(1, first - 1, first == 1 ? 0 : 1, entries, first - 1));
        }

        return [.. list];
    }

    private static long Drive(RaftMessage[] messages)
    {
        var core = new RaftCore(2, Options, RaftRecovered.Empty, new Random(1));
        long sent = 0;
        foreach (RaftMessage m in messages)
        {
            core.Step(1, m);
            RaftReady ready = core.Ready();
            sent += ready.Messages.Count;
            core.Advance(ready);
        }

        return sent + core.Log.Committed;
    }
}
