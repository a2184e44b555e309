using Arbiter.Sync.Labs;
using Arbiter.Sync.Tests.Spinning;

namespace Arbiter.Sync.Tests.Labs;

public class ThreadModelExperimentTests
{
    [Theory]
    [InlineData(ThreadModel.OsThread)]
    [InlineData(ThreadModel.ThreadPool)]
    [InlineData(ThreadModel.Async)]
    public void Run_SmallCounts_MeasuresEveryUnitAndHandOff(ThreadModel model)
    {
        var r = WithTimeout.Run(() => ThreadModelExperiment.Run(model, 50, 200));

        Assert.Equal(model, r.Model);
        Assert.Equal(50, r.Units);
        Assert.Equal(400, r.Switches);
        Assert.True(r.CreationElapsed > TimeSpan.Zero);
        Assert.True(r.SwitchElapsed > TimeSpan.Zero);
        Assert.Equal(r.CreationElapsed.TotalNanoseconds / 50, r.CreationNsPerUnit, 6);
        Assert.Equal(r.SwitchElapsed.TotalNanoseconds / 400, r.SwitchNsPerHandOff, 6);
        Assert.False(string.IsNullOrEmpty(r.CreationMethod));
        Assert.False(string.IsNullOrEmpty(r.SwitchMethod));
    }

    [Fact]
    public void Run_OsThreadsAgainstPool_CreatingAThreadCostsMoreThanQueueingWork()
    {
        // The seed's point, and a large margin on any machine (tens of microseconds against well under one).
        var (threads, pool) = WithTimeout.Run(() => (ThreadModelExperiment.Run(ThreadModel.OsThread, 200, 10), ThreadModelExperiment.Run(ThreadModel.ThreadPool, 200, 10)));

        Assert.True(threads.CreationNsPerUnit > 5 * pool.CreationNsPerUnit, $"thread {threads.CreationNsPerUnit:0} ns vs pool item {pool.CreationNsPerUnit:0} ns");
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(ThreadModelExperiment.MaxUnits + 1, 1)]
    public void Run_CountsOutOfRange_Throw(int units, int roundTrips)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreadModelExperiment.Run(ThreadModel.Async, units, roundTrips));
    }
}
