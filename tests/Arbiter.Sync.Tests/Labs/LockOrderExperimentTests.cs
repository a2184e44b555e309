using Arbiter.Sync.Labs;
using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Tests.Labs;

public class LockOrderExperimentTests
{
    [Fact]
    public void Run_InversionWithoutDeadlock_ValidatorReportsItWithThreadsAndStacks()
    {
        var result = LockOrderExperiment.Run();

        Assert.Equal(0, result.Deadlocks);
        Assert.Equal(90, result.Audited);
        var report = Assert.Single(result.Reports);
        Assert.Equal(LockOrderProblem.Inversion, report.Problem);
        Assert.Equal(["accounts", "audit-log", "accounts"], report.Cycle);
        Assert.Equal(["transfer", "audit"], report.Edges.Select(e => e.ThreadName));
        Assert.Contains("Transfer", report.Edges[0].Stack, StringComparison.Ordinal);
        Assert.Contains("Audit", report.Edges[1].Stack, StringComparison.Ordinal);
    }
}
