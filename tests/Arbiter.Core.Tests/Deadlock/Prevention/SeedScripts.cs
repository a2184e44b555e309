using Arbiter.Core.Deadlock.Prevention;
using static Arbiter.Core.Deadlock.Prevention.ScriptStep;

namespace Arbiter.Core.Tests.Deadlock.Prevention;

/// <summary>The seeds' examples as acquisition scripts.</summary>
internal static class SeedScripts
{
    /// <summary>Week 3: P1 holds mutex A and waits for B; P2 holds B and waits for A.</summary>
    public static AcquisitionScript TwoLocks() => new(
        ["A", "B"],
        [
            ScriptProcess.Of("P1", Acquire("A"), Acquire("B"), Release("B"), Release("A")),
            ScriptProcess.Of("P2", Acquire("B"), Acquire("A"), Release("A"), Release("B")),
        ]);

    /// <summary>
    /// Week 5: dining philosophers. Philosopher i picks up fork i (left), then fork i+1 mod n (right), eats, puts
    /// both down. With <paramref name="lastReversed"/>, the last philosopher picks up fork 0 first (the ordering fix).
    /// </summary>
    public static AcquisitionScript Philosophers(int n, bool lastReversed = false)
    {
        string[] forks = [.. Enumerable.Range(0, n).Select(i => $"F{i}")];
        var processes = new List<ScriptProcess>();
        for (int i = 0; i < n; i++)
        {
            string left = forks[i];
            string right = forks[(i + 1) % n];
            (string first, string second) = lastReversed && i == n - 1 ? (right, left) : (left, right);
            processes.Add(ScriptProcess.Of($"P{i}", Acquire(first), Acquire(second), Release(first, second)));
        }

        return new AcquisitionScript(forks, processes);
    }
}
