using Arbiter.Store.Commands;
using Arbiter.Store.Mvcc;
using Arbiter.Store.StateMachine;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Store;

/// <summary>
/// Puts into a store of 100,000 keys: the state machine (hash map + sorted chunk index, through Apply with the log
/// entry decoded) against the naive linear-scan write log (baseline).
/// </summary>
[MemoryDiagnoser]
public class StoreApplyBench
{
    private StoreStateMachine _machine = null!;
    private NaiveMvccLog _naive = null!;
    private byte[][] _entries = [];
    private ulong _index;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _machine = new StoreStateMachine();
        _naive = new NaiveMvccLog();
        var rng = new Random(7);
        for (int i = 0; i < StoreKeys.Count; i++)
        {
            _machine.Apply(++_index, new PutCommand(new PutRequest { Key = StoreKeys.Key(i), Value = StoreKeys.Value(i) }));
            _naive.Load(StoreKeys.Key(i), StoreKeys.Value(i));
        }

        _entries = [.. Enumerable.Range(0, 4096).Select(_ =>
            StoreCommandCodec.Encode(new PutCommand(new PutRequest { Key = StoreKeys.Key(rng.Next(StoreKeys.Count)), Value = StoreKeys.Value(1) })))];
    }

    [Benchmark(Baseline = true)]
    public long NaivePut()
    {
        var put = ((PutCommand)_machine.Codec.Decode(_entries[_next++ & 4095])).Request;
        _naive.Put(put.Key, put.Value);
        return _naive.Revision;
    }

    [Benchmark]
    public long StateMachinePut() => _machine.Apply(++_index, _entries[_next++ & 4095]).Revision;
}
