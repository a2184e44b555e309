using Arbiter.Core.Distributed.Consensus;

namespace Arbiter.Core.Tests.Distributed.Consensus;

public class ConsensusCheckerTests
{
    [Fact]
    public void Observe_TwoValuesDecided_AgreementViolation()
    {
        var checker = new ConsensusChecker();
        checker.Observe(TimeSpan.Zero, new ValueProposed(1, "a"));
        checker.Observe(TimeSpan.Zero, new ValueProposed(2, "b"));
        checker.Observe(TimeSpan.FromMilliseconds(5), new ValueDecided(1, "a", new Ballot(1, 1)));
        checker.Observe(TimeSpan.FromMilliseconds(6), new ValueDecided(2, "b", new Ballot(1, 2)));

        Assert.Equal(["at 6 ms node 2 decided 'b' but 'a' was decided before (agreement)"], checker.Violations);
    }

    [Fact]
    public void Observe_UnproposedValue_ValidityViolation()
    {
        var checker = new ConsensusChecker();
        checker.Observe(TimeSpan.Zero, new ValueProposed(1, "a"));
        checker.Observe(TimeSpan.Zero, new ValueDecided(1, "z", new Ballot(1, 1)));

        Assert.Contains("nobody proposed", Assert.Single(checker.Violations), StringComparison.Ordinal);
    }
}
