using Arbiter.Store.Commands;
using Arbiter.Store.Mvcc;
using Arbiter.Store.StateMachine;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Arbiter.Bench.Store;

/// <summary>
/// Range reads on a store of 100,000 keys: a 100-key range and a single-key get, the state machine against the
/// naive linear-scan write log (baseline: its range scans every write).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StoreRangeBench
{
    private StoreStateMachine _machine = null!;
    private NaiveMvccLog _naive = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _machine = new StoreStateMachine();
        _naive = new NaiveMvccLog();
        for (int i = 0; i < StoreKeys.Count; i++)
        {
            _machine.Apply((ulong)i + 1, new PutCommand(new PutRequest { Key = StoreKeys.Key(i), Value = StoreKeys.Value(i) }));
            _naive.Load(StoreKeys.Key(i), StoreKeys.Value(i));
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("range 100")]
    public int NaiveRange100()
    {
        int start = (_next++ * 7919) % (StoreKeys.Count - 100);
        return _naive.Range(StoreKeys.Key(start), StoreKeys.Key(start + 100));
    }

    [Benchmark]
    [BenchmarkCategory("range 100")]
    public long StateMachineRange100()
    {
        int start = (_next++ * 7919) % (StoreKeys.Count - 100);
        _machine.Range(new RangeRequest { Key = StoreKeys.Key(start), RangeEnd = StoreKeys.Key(start + 100) }, out var r);
        return r!.Count;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("get")]
    public long NaiveGet() => _naive.Latest(StoreKeys.Key((_next++ * 7919) % StoreKeys.Count))?.Version ?? 0;

    [Benchmark]
    [BenchmarkCategory("get")]
    public long StateMachineGet()
    {
        _machine.Range(new RangeRequest { Key = StoreKeys.Key((_next++ * 7919) % StoreKeys.Count) }, out var r);
        return r!.Count;
    }
}
