using System.Text.Json;
using Arbiter.Store.Commands;
using Arbiter.Store.Mvcc;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Arbiter.Bench.Store;

/// <summary>
/// Encoding and decoding one log entry: a put (16-byte key, 100-byte value) and a compare-and-swap transaction, the
/// binary codec against System.Text.Json of the same request (baseline: what a JSON log entry would cost).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StoreCodecBench
{
    private readonly StoreCommandCodec _codec = new();
    private readonly CommandWriter _writer = new();
    private PutRequest _put = null!;
    private TxnRequest _txn = null!;
    private byte[] _putBytes = [];
    private byte[] _txnBytes = [];
    private byte[] _putJson = [];
    private byte[] _txnJson = [];

    [GlobalSetup]
    public void Setup()
    {
        _put = new PutRequest { Key = new byte[16], Value = new byte[100], Lease = 7, PrevKv = true };
        _txn = new TxnRequest
        {
            Compare = [new Compare { Key = new byte[16], Target = CompareTarget.Mod, Result = CompareResult.Equal, Number = 123_456 }],
            Success = [new RequestOp { RequestPut = _put }],
            Failure = [new RequestOp { RequestRange = new RangeRequest { Key = new byte[16] } }],
        };
        _putBytes = StoreCommandCodec.Encode(new PutCommand(_put));
        _txnBytes = StoreCommandCodec.Encode(new TxnCommand(_txn));
        _putJson = JsonSerializer.SerializeToUtf8Bytes(_put);
        _txnJson = JsonSerializer.SerializeToUtf8Bytes(_txn);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("encode put")]
    public int JsonEncodePut() => JsonSerializer.SerializeToUtf8Bytes(_put).Length;

    [Benchmark]
    [BenchmarkCategory("encode put")]
    public int EncodePut()
    {
        _writer.Reset();
        StoreCommandCodec.Encode(new PutCommand(_put), _writer);
        return _writer.Length;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("decode put")]
    public int JsonDecodePut() => JsonSerializer.Deserialize<PutRequest>(_putJson)!.Value.Length;

    [Benchmark]
    [BenchmarkCategory("decode put")]
    public int DecodePut() => ((PutCommand)_codec.Decode(_putBytes)).Request.Value.Length;

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("encode txn")]
    public int JsonEncodeTxn() => JsonSerializer.SerializeToUtf8Bytes(_txn).Length;

    [Benchmark]
    [BenchmarkCategory("encode txn")]
    public int EncodeTxn()
    {
        _writer.Reset();
        StoreCommandCodec.Encode(new TxnCommand(_txn), _writer);
        return _writer.Length;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("decode txn")]
    public int JsonDecodeTxn() => JsonSerializer.Deserialize<TxnRequest>(_txnJson)!.Success.Count;

    [Benchmark]
    [BenchmarkCategory("decode txn")]
    public int DecodeTxn() => ((TxnCommand)_codec.Decode(_txnBytes)).Request.Success.Count;
}
