using Arbiter.Isolation.Cgroups;

namespace Arbiter.Isolation.Tests.Cgroups;

public sealed class CgroupOwnerTests
{
    [Fact]
    public void TryParse_DirectoryName_RoundTrips()
    {
        var owner = new CgroupOwner("my-job.v2", 1234, 987654321);
        Assert.Equal("my-job.v2@1234.987654321", owner.DirectoryName);
        Assert.Equal(owner, CgroupOwner.TryParse(owner.DirectoryName));
    }

    [Theory]
    [InlineData("arbiter")]
    [InlineData("@12.3")]
    [InlineData("x@12")]
    [InlineData("x@-1.3")]
    [InlineData("x@12.3.4")]
    [InlineData("x@a.3")]
    public void TryParse_NotOurs_Null(string name) => Assert.Null(CgroupOwner.TryParse(name));

    [Fact]
    public void StartTimeFromStat_CommandWithSpacesAndParentheses_Field22()
    {
        // Fields 3..21 then starttime (22) = 4711; the command "(a) b)" tries to fool a naive split.
        string stat = "77 ((a) b)) S 1 77 77 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 1 0 4711 1000 50 18446744073709551615";
        Assert.Equal(4711, CgroupOwner.StartTimeFromStat(stat));
        Assert.Null(CgroupOwner.StartTimeFromStat("77 (x) S 1 2"));
    }

    [Fact]
    public void IsAlive_ThisProcessAndAReusedPid_TrueThenFalse()
    {
        var me = CgroupOwner.ForCurrentProcess("t");
        Assert.True(me.StartTime > 0);
        Assert.True(CgroupOwner.IsAlive(me));
        Assert.False(CgroupOwner.IsAlive(me with { StartTime = me.StartTime + 1 })); // same pid, another process
    }
}
