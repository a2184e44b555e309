using Arbiter.Core.Scheduling.Workload;

namespace Arbiter.Core.Tests.Scheduling;

public class WorkloadTests
{
    [Fact]
    public void Parse_LengthsOnly_AllArriveAtZeroNamedInOrder()
    {
        var jobs = JobListParser.Parse("10,20,30");

        Assert.Equal(["A", "B", "C"], jobs.Jobs.Select(j => j.Name));
        Assert.All(jobs.Jobs, j => Assert.Equal(0, j.Arrival));
        Assert.Equal([10L, 20, 30], jobs.Jobs.Select(j => j.Length));
    }

    [Fact]
    public void Parse_ArrivalsIoAndAttributes_AllRead()
    {
        var jobs = JobListParser.Parse("0:10, 5:20:io=4/3:prio=2:tickets=50:nice=-3");

        Assert.Equal(new Job("B", 5, 20, new IoPattern(4, 3), 2, 50, -3), jobs[1]);
        Assert.Null(jobs[0].Io);
    }

    [Theory]
    [InlineData("0:", "job A ('0:'): empty field")]
    [InlineData("10,io=4", "job B ('io=4'): io: expected EVERY/DURATION")]
    [InlineData("0:10:io=4", "job A ('0:10:io=4'): io: expected EVERY/DURATION")]
    [InlineData("10,-5", "job B ('-5'): length must be at least 1 (got -5)")]
    [InlineData("-1:5", "job A ('-1:5'): arrival must be at least 0 (got -1)")]
    [InlineData("10,,5", "job B (''): empty item")]
    [InlineData("1:2:3", "job A ('1:2:3'): too many numbers")]
    [InlineData("ten", "job A ('ten'): length or arrival: 'ten' is not a whole number")]
    [InlineData("5:color=red", "job A ('5:color=red'): unknown attribute 'color'")]
    [InlineData("5:io=0/3", "job A ('5:io=0/3'): io every must be at least 1 (got 0)")]
    [InlineData("5:tickets=0", "job A ('5:tickets=0'): tickets must be at least 1 (got 0)")]
    [InlineData("5:nice=20", "job A ('5:nice=20'): nice must be between -20 and 19 (got 20)")]
    [InlineData("prio=1", "job A ('prio=1'): missing length")]
    [InlineData("", "the job list is empty")]
    public void Parse_Malformed_OneLineNamingTheItem(string text, string message)
    {
        var e = Assert.Throws<WorkloadException>(() => JobListParser.Parse(text));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Create_DuplicateName_Throws()
    {
        var e = Assert.Throws<WorkloadException>(() => JobList.Create([new Job("X", 0, 1), new Job("X", 0, 2)]));

        Assert.Contains("job X", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_SameSeed_SameWorkloadInArrivalOrder()
    {
        var a = WorkloadGenerator.Random(50, 30, new Random(5), maxArrival: 100);
        var b = WorkloadGenerator.Random(50, 30, new Random(5), maxArrival: 100);

        Assert.Equal(a.Jobs, b.Jobs);
        Assert.All(a.Jobs, j => Assert.InRange(j.Length, 1, 30));
        Assert.Equal(a.Jobs.Select(j => j.Arrival).Order(), a.Jobs.Select(j => j.Arrival));
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void JobNames_Index_SpreadsheetStyle(int index, string name) => Assert.Equal(name, JobNames.Of(index));
}
