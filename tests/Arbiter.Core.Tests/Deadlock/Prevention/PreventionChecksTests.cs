using Arbiter.Core.Deadlock.Prevention;
using static Arbiter.Core.Deadlock.Prevention.ScriptStep;

namespace Arbiter.Core.Tests.Deadlock.Prevention;

public class PreventionChecksTests
{
    [Fact]
    public void ResourceOrdering_TwoLocks_FlagsP2TakingAWhileHoldingB()
    {
        PreventionReport report = ResourceOrdering.Check(SeedScripts.TwoLocks());

        Assert.False(report.Ok);
        PreventionViolation only = Assert.Single(report.Violations);
        Assert.Same(only, report.First);
        Assert.Equal(("P2", 1, 1, "A"), (only.Process, only.ProcessIndex, only.StepIndex, only.Resource));
        Assert.Equal(["B"], only.Held);
        Assert.Contains("while holding B", only.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void HoldAndWait_TwoLocks_FlagsBothSecondAcquisitions()
    {
        PreventionReport report = HoldAndWait.Check(SeedScripts.TwoLocks());

        Assert.Equal(
            [("P1", 1, "B", "A"), ("P2", 1, "A", "B")],
            report.Violations.Select(v => (v.Process, v.StepIndex, v.Resource, string.Join(",", v.Held))));
        Assert.Equal("P1", report.First!.Process);
    }

    [Fact]
    public void HoldAndWait_AllAtOnceRequests_Ok()
    {
        var script = new AcquisitionScript(["A", "B"],
        [
            ScriptProcess.Of("P1", Acquire("A", "B"), Release("A", "B")),
            ScriptProcess.Of("P2", Acquire("B", "A"), Release("B"), Release("A"), Acquire("A")),
        ]);

        Assert.True(HoldAndWait.Check(script).Ok);
        Assert.Null(HoldAndWait.Check(script).First);
    }

    [Fact]
    public void ResourceOrdering_PhilosophersWithLastReversed_Ok()
    {
        Assert.True(ResourceOrdering.Check(SeedScripts.Philosophers(5, lastReversed: true)).Ok);
    }

    [Fact]
    public void ResourceOrdering_Philosophers_FlagsOnlyTheLastPhilosopher()
    {
        // P4 holds F4 and then asks for F0, which ranks below it; everyone else goes up the order.
        PreventionViolation only = Assert.Single(ResourceOrdering.Check(SeedScripts.Philosophers(5)).Violations);

        Assert.Equal(("P4", 1, "F0"), (only.Process, only.StepIndex, only.Resource));
        Assert.Equal(["F4"], only.Held);
    }

    [Fact]
    public void ResourceOrdering_SecondInstanceOfHeldResource_IsAViolation()
    {
        var script = new AcquisitionScript(["R"], [ScriptProcess.Of("P", Acquire("R"), Acquire("R"))],
            Instances: new Dictionary<string, int> { ["R"] = 2 });

        PreventionViolation only = Assert.Single(ResourceOrdering.Check(script).Violations);
        Assert.Equal((1, "R"), (only.StepIndex, only.Resource));
        Assert.True(ResourceOrdering.Check(script with { Processes = [ScriptProcess.Of("P", Acquire("R", "R"))] }).Ok);
    }

    [Fact]
    public void ResourceOrdering_AfterReleasingEverything_MayStartLowAgain()
    {
        var script = new AcquisitionScript(["A", "B", "C"],
            [ScriptProcess.Of("P", Acquire("B"), Acquire("C"), Release("B", "C"), Acquire("A"), Acquire("C"), Acquire("B"))]);

        PreventionViolation only = Assert.Single(ResourceOrdering.Check(script).Violations);
        Assert.Equal((5, "B"), (only.StepIndex, only.Resource));
        Assert.Equal(["A", "C"], only.Held);
    }

    [Fact]
    public void LockHierarchy_HigherLevelFirst_OkAndReverseFlagged()
    {
        var levels = new Dictionary<string, int> { ["Global"] = 2, ["Table"] = 1, ["Row"] = 0 };
        var good = new AcquisitionScript(["Row", "Table", "Global"],
            [ScriptProcess.Of("T1", Acquire("Global"), Acquire("Table"), Acquire("Row"))], Levels: levels);
        var bad = good with { Processes = [ScriptProcess.Of("T2", Acquire("Table"), Acquire("Global"), Release("Global"), Acquire("Row"))] };

        Assert.True(LockHierarchy.Check(good).Ok);
        PreventionViolation only = Assert.Single(LockHierarchy.Check(bad).Violations);
        Assert.Equal(("T2", 1, "Global"), (only.Process, only.StepIndex, only.Resource));
        Assert.Contains("higher-level lock Global before the lower-level Table", only.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void LockHierarchy_SameLevelHeldTogether_IsAViolation()
    {
        var script = new AcquisitionScript(["A", "B"], [ScriptProcess.Of("P", Acquire("A"), Acquire("B"))],
            Levels: new Dictionary<string, int> { ["A"] = 1, ["B"] = 1 });

        Assert.Contains("same level", Assert.Single(LockHierarchy.Check(script).Violations).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void LockHierarchy_ResourcesWithoutLevel_ErrorNamesThemAll()
    {
        var script = SeedScripts.Philosophers(3) with { Levels = new Dictionary<string, int> { ["F1"] = 1 } };

        var error = Assert.Throws<AcquisitionScriptException>(() => LockHierarchy.Check(script));
        Assert.Equal("levels", error.Field);
        Assert.Contains("F0, F2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X", "processes[0].steps[0]", "unknown resource 'X'")]
    [InlineData("release", "processes[0].steps[0]", "does not hold")]
    [InlineData("twice", "processes[0].steps[1]", "only 1 exist")]
    public void Check_InvalidScript_ErrorNamesTheStep(string kind, string field, string message)
    {
        ScriptStep[] steps = kind switch
        {
            "X" => [Acquire("X")],
            "release" => [Release("A")],
            _ => [Acquire("A"), Acquire("A")],
        };
        var script = new AcquisitionScript(["A"], [new ScriptProcess("P", steps)]);

        var error = Assert.Throws<AcquisitionScriptException>(() => ResourceOrdering.Check(script));
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
