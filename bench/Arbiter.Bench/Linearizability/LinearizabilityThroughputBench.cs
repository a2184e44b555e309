using Arbiter.Core.Distributed.Linearizability;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Linearizability;

/// <summary>
/// The checker on a big realistic history: 10,000 operations by 5 clients over 10 keys (50 % gets, fresh values,
/// 1 % or 5 % unknown and 1 % failed outcomes). Baseline: reading the same history from its JSON-lines text (the work
/// any check must do anyway). Also the same search without per-key partitioning (one object holding all 10 keys,
/// <see cref="KvMapModel"/>), to show what locality buys; it runs under a step budget and returns its step count.
/// Reported per operation (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class LinearizabilityThroughputBench
{
    private const int Operations = 10_000;
    private const int Keys = 10;
    private List<HistoryOperation> _history = [];
    private string _text = "";
    private ModelOperation<(int, KvInput), KvOutput>[] _whole = [];

    [Params(1, 5)]
    public int UnknownPercent { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _history = HistoryWorkload.Clients(Operations, Keys, clients: 5, UnknownPercent, seed: 42);
        _text = HistoryWriter.Format(_history);
        _whole = [.. _history.Where(o => o.Status != OperationStatus.Fail && !(o.Status == OperationStatus.Unknown && o.Op == KvOperationKind.Get))
            .Select(o => { var m = LinearizabilityChecker.ToModel(o); return new ModelOperation<(int, KvInput), KvOutput>((int.Parse(o.Key[1..], System.Globalization.CultureInfo.InvariantCulture), m.Input), m.Output, m.Call, m.Return); })];
        var result = LinearizabilityChecker.Check(_history);
        if (result.Verdict != LinearizabilityVerdict.Linearizable)
        {
            throw new InvalidOperationException($"workload is {result.Verdict}");
        }

        var whole = WingGongChecker.Check(new KvMapModel(Keys), _whole, 50_000_000);
        Console.WriteLine($"// per key: {result.Steps:N0} steps; unpartitioned: {whole.Verdict}, {whole.Steps:N0} steps, {whole.CacheEntries:N0} cache entries");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public int ReadHistory() => HistoryReader.Parse(_text, "bench.jsonl").Count;

    [Benchmark(OperationsPerInvoke = Operations)]
    public long CheckPerKey() => LinearizabilityChecker.Check(_history).Steps;

    [Benchmark(OperationsPerInvoke = Operations)]
    public long CheckUnpartitioned() => WingGongChecker.Check(new KvMapModel(Keys), _whole, 50_000_000).Steps;
}
