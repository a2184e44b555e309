using Arbiter.Store.Leases;

namespace Arbiter.Store.Tests.Leases;

/// <summary>The leader's lease clock: time is an argument, never read.</summary>
public sealed class LessorTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Promote_EveryLeaseGetsFullTtlFromNow()
    {
        var l = new Lessor();
        l.Promote(S(1000), [new LeaseStatus(1, 10), new LeaseStatus(2, 30)]);
        Assert.Empty(l.Expired(S(1009.9)));
        Assert.Equal([1L], l.Expired(S(1010)));
        l.Ended(1); // its revoke applied
        Assert.Equal([2L], l.Expired(S(1030)));
    }

    [Fact]
    public void Renew_PushesDeadline_ExpiredLeaseCannotBeRenewed()
    {
        var l = new Lessor();
        l.Promote(S(0), [new LeaseStatus(1, 10)]);
        Assert.Equal(10, l.Renew(1, S(8)));
        Assert.Empty(l.Expired(S(17)));
        Assert.Equal(1, l.RemainingSeconds(1, S(17.5)));
        Assert.Null(l.Renew(1, S(18)));
        Assert.Equal([1L], l.Expired(S(18)));
    }

    [Fact]
    public void Expired_ReportedOnceThenAgainAfterRetry()
    {
        var l = new Lessor(expiryRetry: S(3));
        l.Promote(S(0), [new LeaseStatus(1, 5)]);
        Assert.Equal([1L], l.Expired(S(5)));
        Assert.Empty(l.Expired(S(7)));       // the proposal is on its way
        Assert.Equal([1L], l.Expired(S(8))); // lost? propose again
        l.Ended(1);
        Assert.Empty(l.Expired(S(100)));
    }

    [Fact]
    public void Follower_DecidesNothing()
    {
        var l = new Lessor();
        l.Granted(1, 5, S(0)); // not primary: ignored
        Assert.Empty(l.Expired(S(100)));
        Assert.Null(l.Renew(1, S(1)));
        l.Promote(S(0), [new LeaseStatus(1, 5)]);
        l.Demote();
        Assert.Empty(l.Expired(S(100)));
        Assert.Equal(-1, l.RemainingSeconds(1, S(1)));
    }

    [Fact]
    public void NextDeadline_IsEarliest()
    {
        var l = new Lessor();
        Assert.Null(l.NextDeadline());
        l.Promote(S(0), [new LeaseStatus(1, 50)]);
        l.Granted(2, 20, S(5));
        Assert.Equal(S(25), l.NextDeadline());
    }
}
