using Arbiter.Store.Coordination;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Coordination;

/// <summary>
/// Deadlock detection at the moment of a wait, on a coordinator holding 10,000 owners: 1,000 chains of 10, owner
/// (c,k) holding mutex (c,k) and waiting for mutex (c,k+1) (the chain's last owner waits for nothing). The measured
/// wait is by the last owner of chain 0: for mutex (0,0), which closes a 10-owner cycle (the coordinator reports it and
/// fails that wait, so the state is back as it was), or for a free-standing held mutex (no cycle; the wait is then
/// withdrawn). Baseline: the full-reduction reference the tests use — after the wait, a textbook pass scan over the
/// whole state decides who is deadlocked (O(owners × passes)).
/// </summary>
[MemoryDiagnoser]
public class WaitDetectionBench
{
    private const int Chains = 1000, Length = 10;
    private Coordinator _c = null!;
    private FullReductionReference _reference = null!;
    private long _rev;
    private long _last;

    [Params(true, false)]
    public bool ClosesCycle { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _c = new Coordinator();
        _rev = 0;
        for (int c = 0; c < Chains; c++)
        {
            for (int k = 0; k < Length; k++)
            {
                _c.Lock(Mutex(c, k), Lease(c, k), ++_rev);
            }
        }

        _c.Lock("free-standing", 1_000_000, ++_rev);
        for (int c = 0; c < Chains; c++)
        {
            for (int k = 0; k < Length - 1; k++)
            {
                _c.Lock(Mutex(c, k + 1), Lease(c, k), ++_rev);
            }
        }

        _last = Lease(0, Length - 1);
        _reference = FullReductionReference.From(_c.Graph());
        if (_c.OwnerCount != Chains * Length + 1)
        {
            throw new InvalidOperationException("setup did not build 10,001 owners");
        }
    }

    [Benchmark(Baseline = true)]
    public int FullReduction()
    {
        string target = ClosesCycle ? Mutex(0, 0) : "free-standing";
        _reference.Wait(_last, target);
        int stuck = _reference.CountStuck();
        _reference.Withdraw(_last, target);
        if ((stuck > 0) != ClosesCycle)
        {
            throw new InvalidOperationException("reference disagrees");
        }

        return stuck;
    }

    [Benchmark]
    public int Incremental()
    {
        var outcome = _c.Lock(ClosesCycle ? Mutex(0, 0) : "free-standing", _last, ++_rev);
        if (outcome.Result is CoordinationError { Code: CoordinationErrorCode.Deadlock } e)
        {
            return e.Deadlock!.Cycle.Count;
        }

        _c.Release("free-standing", _last, ++_rev);
        return 0;
    }

    private static string Mutex(int chain, int k) => $"m/{chain}/{k}";

    private static long Lease(int chain, int k) => (chain * Length) + k + 1;
}
