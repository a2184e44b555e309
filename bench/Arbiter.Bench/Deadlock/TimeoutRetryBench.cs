using Arbiter.Core.Deadlock.Prevention;
using BenchmarkDotNet.Attributes;
using static Arbiter.Core.Deadlock.Prevention.ScriptStep;

namespace Arbiter.Bench.Deadlock;

/// <summary>
/// The dining philosophers (N of them) through the timeout-retry simulation. Baseline: no policy (deadlocks at
/// tick 2). Against it: the same script under a timeout (runs to completion through retries) and the ordering fix
/// (last philosopher reversed; completes without retries), plus the static ordering check alone.
/// </summary>
[MemoryDiagnoser]
public class TimeoutRetryBench
{
    private AcquisitionScript _philosophers = null!;
    private AcquisitionScript _ordered = null!;

    [Params(5, 32)]
    public int Philosophers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _philosophers = Build(Philosophers, lastReversed: false);
        _ordered = Build(Philosophers, lastReversed: true);
    }

    [Benchmark(Baseline = true)]
    public int NoPolicy() => TimeoutRetry.Simulate(_philosophers).Ticks;

    [Benchmark]
    public int Timeout2() => TimeoutRetry.Simulate(_philosophers, new TimeoutRetryOptions(Timeout: 2)).Ticks;

    [Benchmark]
    public int OrderingFix() => TimeoutRetry.Simulate(_ordered).Ticks;

    [Benchmark]
    public bool OrderingCheckOnly() => ResourceOrdering.Check(_philosophers).Ok;

    private static AcquisitionScript Build(int n, bool lastReversed)
    {
        string[] forks = [.. Enumerable.Range(0, n).Select(i => $"F{i}")];
        var processes = new List<ScriptProcess>();
        for (int i = 0; i < n; i++)
        {
            (string first, string second) = lastReversed && i == n - 1 ? (forks[0], forks[i]) : (forks[i], forks[(i + 1) % n]);
            processes.Add(ScriptProcess.Of($"P{i}", Acquire(first), Acquire(second), Release(first, second)));
        }

        return new AcquisitionScript(forks, processes);
    }
}
