using Arbiter.Core.Deadlock.Recovery;
using Arbiter.Core.Resources;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Deadlock;

/// <summary>
/// Recovery from K disjoint two-lock deadlocks (the week-3 example, K times: 2K processes, 2K resources).
/// TerminateAll (one detection) is the baseline; TerminateOne and Preempt re-run detection after each of their K
/// steps, which is the price of losing fewer processes.
/// </summary>
[MemoryDiagnoser]
public class RecoveryBench
{
    private ResourceLedger _ledger = null!;

    [Params(10, 50)]
    public int Cycles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int m = 2 * Cycles;
        var processes = new List<ProcessSpec>();
        for (int k = 0; k < Cycles; k++)
        {
            var a1 = new int[m];
            var q1 = new int[m];
            var a2 = new int[m];
            var q2 = new int[m];
            a1[2 * k] = 1;
            q1[(2 * k) + 1] = 1;
            a2[(2 * k) + 1] = 1;
            q2[2 * k] = 1;
            processes.Add(new ProcessSpec($"P{2 * k}", a1, Request: q1, CpuTime: k % 3));
            processes.Add(new ProcessSpec($"P{(2 * k) + 1}", a2, Request: q2, CpuTime: (k + 1) % 3));
        }

        _ledger = ResourceLedger.FromSpec(new LedgerSpec(
            [.. Enumerable.Range(0, m).Select(r => $"R{r}")], [.. Enumerable.Repeat(1, m)], null, processes));
    }

    [Benchmark(Baseline = true)]
    public int TerminateAll() => DeadlockRecovery.Recover(_ledger, RecoveryStrategy.TerminateAll).Steps.Count;

    [Benchmark]
    public int TerminateOne() => DeadlockRecovery.Recover(_ledger, RecoveryStrategy.TerminateOne).Steps.Count;

    [Benchmark]
    public int Preempt() => DeadlockRecovery.Recover(_ledger, RecoveryStrategy.Preempt).Steps.Count;
}
