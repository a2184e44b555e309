using Arbiter.Sync.Labs;
using Arbiter.Sync.Tests.Spinning;

namespace Arbiter.Sync.Tests.Labs;

public class RaceExperimentTests
{
    [Fact]
    public void Run_TicketThreeThreads_FieldsAreConsistent()
    {
        var r = WithTimeout.Run(() => RaceExperiment.Run("ticket", 3, 10_000));

        Assert.Equal("ticket", r.Lock);
        Assert.Equal(3, r.Threads);
        Assert.Equal(10_000, r.IterationsPerThread);
        Assert.Equal(30_000, r.Expected);
        Assert.Equal(r.Expected - r.Actual, r.LostUpdates);
        Assert.InRange(r.HandOffs, 0, r.Expected - 1);
        Assert.True(r.Elapsed > TimeSpan.Zero);
        Assert.Equal(r.Elapsed.TotalNanoseconds / 30_000, r.NsPerIncrement, 6);
    }

    [Fact]
    public void Run_NoLockOneThread_LosesNothing()
    {
        // One thread cannot race with itself: the unprotected increment is only wrong under concurrency.
        var r = WithTimeout.Run(() => RaceExperiment.Run("none", 1, 50_000));

        Assert.Equal(0, r.LostUpdates);
    }

    [Fact]
    public void Run_NoLockTwoThreads_RetriesUntilAnUpdateIsLostOrGivesUp()
    {
        var r = WithTimeout.Run(() => RaceExperiment.Run("none", 2, 200_000));

        Assert.InRange(r.Attempts, 1, RaceExperiment.MaxAttemptsWithoutLock);
        if (r.LostUpdates == 0)
        {
            // Giving up is allowed only after every attempt.
            Assert.Equal(RaceExperiment.MaxAttemptsWithoutLock, r.Attempts);
        }
        else if (r.Attempts > 1)
        {
            Assert.True(r.Concurrent > TimeSpan.Zero, "a run that lost updates must have had its threads together");
        }
    }

    [Fact]
    public void Run_TicketTwoThreads_OneAttemptAndNoLoss()
    {
        var r = WithTimeout.Run(() => RaceExperiment.Run("ticket", 2, 20_000));

        Assert.Equal(1, r.Attempts);
        Assert.Equal(0, r.LostUpdates);
        Assert.InRange(r.Concurrent, TimeSpan.Zero, r.Elapsed);
    }

    [Fact]
    public void Run_TasOneThread_NoHandOffs()
    {
        var r = WithTimeout.Run(() => RaceExperiment.Run("tas", 1, 1_000));

        Assert.Equal(0, r.HandOffs);
    }

    [Fact]
    public void Run_PetersonWithThreeThreads_ThrowsNamingTheLimit()
    {
        var e = Assert.Throws<ArgumentException>(() => RaceExperiment.Run("peterson", 3, 10));

        Assert.Contains("exactly 2 threads", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownLock_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => RaceExperiment.Run("spinny", 2, 10));

        Assert.Contains("unknown lock 'spinny'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(RaceExperiment.MaxThreads + 1, 10)]
    [InlineData(2, 0)]
    public void Run_CountsOutOfRange_Throw(int threads, long iterations)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RaceExperiment.Run("tas", threads, iterations));
    }

    [Fact]
    public void Run_LockThatThrowsInsideAThread_RethrowsOnTheCaller()
    {
        // Peterson with the same index twice would spin forever; here index 1 is out of range for a 1-slot bakery.
        var sut = new Arbiter.Sync.Spinning.BakeryLock(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => RaceExperiment.Run("bakery-1", sut, 2, 10));
    }
}
