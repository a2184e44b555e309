using Arbiter.Core.Distributed.Linearizability;

namespace Arbiter.Core.Tests.Distributed.Linearizability;

/// <summary>
/// The engine with another model: a FIFO queue, Herlihy &amp; Wing's running example (1990, Fig. 1 style
/// histories), to show the model is pluggable and the search does not depend on the register.
/// </summary>
public class WingGongCheckerTests
{
    /// <summary>State: the queue's contents as a string (immutable). Input: 'E' + item to enqueue, or "D". Output: the item dequeued ('\0' for enqueue).</summary>
    private sealed class QueueModel : ISequentialModel<string, string, char>
    {
        public IEqualityComparer<string> StateComparer => StringComparer.Ordinal;

        public string Init() => "";

        public bool TryStep(string state, string input, char output, out string after)
        {
            if (input[0] == 'E')
            {
                after = state + input[1];
                return true;
            }

            after = state.Length > 0 ? state[1..] : state;
            return state.Length > 0 && state[0] == output;
        }

        public string DescribeState(string state) => $"[{state}]";
    }

    private static ModelOperation<string, char> Enq(char item, long call, long ret) => new("E" + item, '\0', call, ret);

    private static ModelOperation<string, char> Deq(char item, long call, long ret) => new("D", item, call, ret);

    [Fact]
    public void Check_QueueConcurrentEnqueues_EitherOrderAllowed()
    {
        // A: E(x) [0,10], B: E(y) [5,15] overlap, so B's D() → y then A's D() → x is fine (y enqueued first).
        var ops = new[] { Enq('x', 0, 10), Enq('y', 5, 15), Deq('y', 20, 30), Deq('x', 40, 50) };

        var outcome = WingGongChecker.Check(new QueueModel(), ops, 1000);

        Assert.Equal(LinearizabilityVerdict.Linearizable, outcome.Verdict);
        Assert.Equal([1, 0, 2, 3], outcome.Order);
    }

    [Fact]
    public void Check_QueueFifoViolated_NotLinearizable()
    {
        // E(x) returned before E(y) was called, so the first D() must return x.
        var ops = new[] { Enq('x', 0, 10), Enq('y', 20, 30), Deq('y', 40, 50) };

        var outcome = WingGongChecker.Check(new QueueModel(), ops, 1000);

        Assert.Equal(LinearizabilityVerdict.NotLinearizable, outcome.Verdict);
        Assert.Equal([0, 1], outcome.Order);
    }

    [Fact]
    public void Check_DequeueOverlappingEnqueue_Linearizable()
    {
        var ops = new[] { Deq('x', 0, 20), Enq('x', 5, 10) };

        var outcome = WingGongChecker.Check(new QueueModel(), ops, 1000);

        Assert.Equal(LinearizabilityVerdict.Linearizable, outcome.Verdict);
        Assert.Equal([1, 0], outcome.Order);
    }

    [Fact]
    public void Check_ZeroBudget_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WingGongChecker.Check(new QueueModel(), [Enq('x', 0, 1)], 0));
    }
}
