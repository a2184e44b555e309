using Arbiter.Sync.Labs;
using Arbiter.Sync.Tests.Primitives;
using Arbiter.Sync.Primitives;

namespace Arbiter.Sync.Tests.Labs;

public class ReadersWritersExperimentTests
{
    [Theory]
    [InlineData(ReadWritePolicy.ReaderPreferring)]
    [InlineData(ReadWritePolicy.WriterPreferring)]
    [InlineData(ReadWritePolicy.PhaseFair)]
    public void Run_EveryPolicy_WritersAloneAndBothRolesReported(ReadWritePolicy policy)
    {
        var result = Within.Result(() => ReadersWritersExperiment.Run(new ReadersWritersOptions { Policy = policy, Readers = 3, Writers = 2, Duration = TimeSpan.FromMilliseconds(200) }));
        Assert.Equal(0, result.Violations);
        Assert.Equal(FairnessCase.PolicyWord(policy), result.Policy);
        Assert.Equal(3, result.Readers.Threads);
        Assert.Equal(2, result.Writers.Threads);
        Assert.True(result.Readers.Acquisitions + result.Writers.Acquisitions > 0);
        Assert.All(result.Starved, role => Assert.Contains(role, new[] { "readers", "writers" }));
    }

    [Fact]
    public void Run_ReaderPreferringWithReadersThatAlwaysOverlap_WritersStarve()
    {
        // Long read sections and no gap between reads: the readers keep the lock, a writer never finds it empty.
        var result = Within.Result(() => ReadersWritersExperiment.Run(new ReadersWritersOptions
        {
            Policy = ReadWritePolicy.ReaderPreferring,
            Readers = 4,
            Writers = 1,
            ReadWork = 20_000,
            OutsideWork = 0,
            Duration = TimeSpan.FromMilliseconds(400),
        }));
        Assert.Contains("writers", result.Starved);
        Assert.True(result.Writers.MaxWaitMicroseconds > result.Readers.MaxWaitMicroseconds);
    }

    [Fact]
    public void Run_BadOptions_ThrowArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReadersWritersExperiment.Run(new ReadersWritersOptions { Readers = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReadersWritersExperiment.Run(new ReadersWritersOptions { Readers = 0, Writers = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReadersWritersExperiment.Run(new ReadersWritersOptions { StarvationFraction = 0 }));
    }
}
