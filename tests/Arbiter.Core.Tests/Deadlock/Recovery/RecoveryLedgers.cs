using Arbiter.Core.Resources;

namespace Arbiter.Core.Tests.Deadlock.Recovery;

/// <summary>The seeds' deadlocked states as ledgers.</summary>
internal static class RecoveryLedgers
{
    /// <summary>Week 3: P1 holds mutex A and waits for B; P2 holds B and waits for A.</summary>
    public static ResourceLedger TwoLocks(int p1Priority = 0, int p1Rollbacks = 0, int[]? p1Checkpoint = null, int[]? p2Checkpoint = null) =>
        ResourceLedger.FromSpec(new LedgerSpec(["A", "B"], [1, 1], null,
        [
            new ProcessSpec("P1", Allocation: [1, 0], Request: [0, 1], Priority: p1Priority, Rollbacks: p1Rollbacks, Checkpoint: p1Checkpoint),
            new ProcessSpec("P2", Allocation: [0, 1], Request: [1, 0], Checkpoint: p2Checkpoint),
        ]));

    /// <summary>Week 5: five philosophers each holding the left fork and waiting for the right one.</summary>
    public static ResourceLedger Philosophers(double[]? cpuTimes = null)
    {
        const int n = 5;
        var processes = new List<ProcessSpec>();
        for (int i = 0; i < n; i++)
        {
            var allocation = new int[n];
            var request = new int[n];
            allocation[i] = 1;
            request[(i + 1) % n] = 1;
            processes.Add(new ProcessSpec($"P{i}", allocation, Request: request, CpuTime: cpuTimes?[i] ?? 0));
        }

        return ResourceLedger.FromSpec(new LedgerSpec([.. Enumerable.Range(0, n).Select(i => $"F{i}")], [.. Enumerable.Repeat(1, n)], null, processes));
    }
}
