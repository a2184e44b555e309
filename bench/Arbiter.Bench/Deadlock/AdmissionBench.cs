using Arbiter.Core.Deadlock.Avoidance;
using Arbiter.Core.Resources;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Deadlock;

/// <summary>
/// One Banker's request check at 10,000 processes × 16 types when the cached safe order still holds (replay hit):
/// Banker.Request (copies + full reduction, baseline) against BankersAdmission.Evaluate (replay of the cached
/// order) and a grant-then-release round trip through BankersAdmission.TryRequest.
/// </summary>
[MemoryDiagnoser]
public class AdmissionBench
{
    private const int N = 10_000;
    private const int M = 16;
    private ResourceLedger _ledger = null!;
    private BankersAdmission _admission = null!;
    private readonly int[] _request = Enumerable.Repeat(1, M).ToArray();

    [GlobalSetup]
    public void Setup()
    {
        // Each process holds 1 of every type and may claim 1 more; Available 2 per type. The last process asks for
        // 1 of each: Available drops to 1, still enough for the first process, so the index-order safe sequence
        // replays in full (the replay's worst case: the requester is last in the order).
        var processes = Enumerable.Range(0, N).Select(p => new ProcessSpec($"p{p}", Enumerable.Repeat(1, M).ToArray(), Enumerable.Repeat(2, M).ToArray())).ToArray();
        _ledger = ResourceLedger.FromSpec(new LedgerSpec(Enumerable.Range(0, M).Select(r => $"r{r}").ToArray(), Enumerable.Repeat(N + 2, M).ToArray(), null, processes));
        _admission = new BankersAdmission(_ledger.Clone());
    }

    [Benchmark(Baseline = true)]
    public RequestOutcome BankerRequest() => Banker.Request(_ledger, N - 1, _request).Outcome;

    [Benchmark]
    public RequestOutcome AdmissionEvaluate() => _admission.Evaluate(N - 1, _request);

    [Benchmark]
    public RequestOutcome AdmissionTryRequestThenRelease()
    {
        RequestOutcome outcome = _admission.TryRequest(N - 1, _request);
        _admission.Release(N - 1, _request);
        return outcome;
    }
}
