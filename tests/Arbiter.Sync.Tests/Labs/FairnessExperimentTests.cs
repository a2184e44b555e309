using Arbiter.Sync.Labs;
using Arbiter.Sync.Tests.Primitives;
using Arbiter.Sync.Primitives;

namespace Arbiter.Sync.Tests.Labs;

public class FairnessExperimentTests
{
    private static readonly FairnessOptions Short = new() { Threads = 3, Duration = TimeSpan.FromMilliseconds(150) };

    public static TheoryData<int> CaseIndexes => new(Enumerable.Range(0, FairnessCase.All.Count));

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public void Run_EveryCase_SafeAndTheLogAddsUp(int index)
    {
        var subject = FairnessCase.All[index];
        var result = Within.Result(() => FairnessExperiment.Run(subject, Short));

        Assert.Equal(0, result.Violations);
        Assert.Equal(subject.PrimitiveName, result.Primitive);
        Assert.True(result.Overall.Acquisitions > 0, "nothing was acquired");
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(140), $"stopped after {result.Elapsed}");
        Assert.Equal(result.Overall.Acquisitions, result.Roles.Sum(r => r.Acquisitions));
        Assert.Equal(result.Overall.Unserved, result.Roles.Sum(r => r.Unserved));
        Assert.InRange(result.Overall.Unserved, 0, Short.Threads);
        Assert.Equal(result.Roles.Max(r => r.MaxBypass), result.Overall.MaxBypass);
        Assert.All(result.Roles, r => Assert.True(r.P999WaitMicroseconds <= r.MaxWaitMicroseconds && r.P999Bypass <= r.MaxBypass));
        Assert.Equal(subject.Primitive == FairnessPrimitive.ReadWriteLock ? ["readers", "writers"] : ["all"], result.Roles.Select(r => r.Role));
    }

    [Fact]
    public void Run_LogCapacityReached_StopsEarlyAndSaysSo()
    {
        var result = Within.Result(() => FairnessExperiment.Run(new FairnessCase(FairnessPrimitive.Mutex), Short with { Duration = TimeSpan.FromSeconds(30), MaxRecords = 3000 }));
        Assert.True(result.Truncated);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(20));
        Assert.InRange(result.Overall.Acquisitions + result.Overall.Unserved, 1, 3000);
    }

    [Fact]
    public void Run_BadOptions_ThrowArgumentOutOfRange()
    {
        var mutex = new FairnessCase(FairnessPrimitive.Mutex);
        Assert.Throws<ArgumentOutOfRangeException>(() => FairnessExperiment.Run(mutex, Short with { Threads = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => FairnessExperiment.Run(mutex, Short with { Duration = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => FairnessExperiment.Run(mutex, Short with { Writers = 4 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => FairnessExperiment.Run(mutex, Short with { Permits = 0 }));
    }

    [Fact]
    public void Names_EveryCase_DistinctLabels()
    {
        Assert.Equal(FairnessCase.All.Count, FairnessCase.All.Select(c => c.PrimitiveName + "/" + c.PolicyName).Distinct().Count());
        Assert.Equal("reader-preferring", FairnessCase.PolicyWord(ReadWritePolicy.ReaderPreferring));
    }
}
