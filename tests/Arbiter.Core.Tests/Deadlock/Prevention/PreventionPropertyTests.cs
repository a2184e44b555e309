using Arbiter.Core.Deadlock.Prevention;
using Arbiter.Core.Resources;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Deadlock.Prevention;

public class PreventionPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(2000);

    [Fact]
    public void Simulate_OrderedScripts_PassOrderingCheckAndNeverDeadlock()
    {
        Check.One(Config, Prop.ForAll(ScriptGen.Arbitrary(), raw =>
        {
            AcquisitionScript script = ScriptGen.Build(raw, ordered: true);
            Assert.True(ResourceOrdering.Check(script).Ok);
            TimeoutRetryReport report = TimeoutRetry.Simulate(script, ScriptGen.Options(raw, withTimeout: false));
            Assert.Null(report.DeadlockTick);
            Assert.True(report.Completed);
            Assert.All(report.Retries, r => Assert.Equal(0, r));
        }));
    }

    [Fact]
    public void Simulate_AnyScriptPassingOrdering_NeverDeadlocks()
    {
        Check.One(Config, Prop.ForAll(ScriptGen.Arbitrary(), raw =>
        {
            AcquisitionScript script = ScriptGen.Build(raw, ordered: false);
            TimeoutRetryReport report = TimeoutRetry.Simulate(script, ScriptGen.Options(raw, withTimeout: false));
            if (ResourceOrdering.Check(script).Ok)
            {
                Assert.Null(report.DeadlockTick);
                Assert.True(report.Completed);
            }
            else
            {
                // Without a timeout the run ends only by completing or by getting stuck in a detected deadlock.
                Assert.Equal(report.Completed, report.DeadlockTick is null);
            }
        }));
    }

    [Fact]
    public void Simulate_AnyScriptPassingHoldAndWait_NeverDeadlocks()
    {
        Check.One(Config, Prop.ForAll(ScriptGen.Arbitrary(), raw =>
        {
            AcquisitionScript script = ScriptGen.Build(raw, ordered: false);
            if (HoldAndWait.Check(script).Ok)
            {
                Assert.Null(TimeoutRetry.Simulate(script, ScriptGen.Options(raw, withTimeout: false)).DeadlockTick);
            }
        }));
    }

    [Fact]
    public void Generators_RawScripts_CoverBothDeadlocksAndOrderedScripts()
    {
        // Guards the properties above against vacuity: the random scripts do deadlock sometimes, and some of the
        // unordered ones pass the checks.
        RawScript[] sample = [.. ScriptGen.Raw().Sample(size: 20, numberOfSamples: 500)];
        AcquisitionScript[] scripts = [.. sample.Select(r => ScriptGen.Build(r, ordered: false))];

        Assert.Contains(scripts, s => TimeoutRetry.Simulate(s).DeadlockTick is not null);
        Assert.Contains(scripts, s => ResourceOrdering.Check(s).Ok && s.Processes.Count > 1 && s.Processes.Sum(p => p.Steps.Count) > 4);
        Assert.Contains(scripts, s => HoldAndWait.Check(s).Ok && s.Processes.Count > 1);
    }

    [Fact]
    public void LockHierarchy_LevelsDescendingWithRank_AgreesWithResourceOrdering()
    {
        Check.One(Config, Prop.ForAll(ScriptGen.Arbitrary(), raw =>
        {
            AcquisitionScript script = ScriptGen.Build(raw, ordered: false);
            int m = script.Resources.Count;
            var levels = Enumerable.Range(0, m).ToDictionary(r => script.Resources[r], r => m - 1 - r);
            PreventionReport hierarchy = LockHierarchy.Check(script with { Levels = levels });
            PreventionReport ordering = ResourceOrdering.Check(script);
            Assert.Equal(
                ordering.Violations.Select(v => (v.ProcessIndex, v.StepIndex, v.Resource, string.Join(",", v.Held))),
                hierarchy.Violations.Select(v => (v.ProcessIndex, v.StepIndex, v.Resource, string.Join(",", v.Held))));
        }));
    }

    [Fact]
    public void Step_AnyScriptAnyPolicy_LedgerConservesResourcesEveryTick()
    {
        Check.One(Config.WithMaxTest(1000), Prop.ForAll(ScriptGen.Arbitrary(), raw =>
        {
            AcquisitionScript script = ScriptGen.Build(raw, ordered: false);
            var simulation = new TimeoutRetrySimulation(script, ScriptGen.Options(raw, withTimeout: true));
            do
            {
                ResourceLedger ledger = simulation.LedgerSnapshot();
                for (int r = 0; r < ledger.ResourceCount; r++)
                {
                    int held = Enumerable.Range(0, ledger.ProcessCount).Sum(p => ledger.Allocation(p)[r]);
                    Assert.True(ledger.Available[r] >= 0);
                    Assert.Equal(ledger.Total[r], ledger.Available[r] + held);
                    Assert.Equal(script.InstancesOf(script.Resources[r]), ledger.Total[r]);
                }
            }
            while (simulation.Step());

            TimeoutRetryReport report = simulation.Report();
            Assert.True(report.Completed || report.Livelock || raw.Timeout is null);
            if (report.Completed)
            {
                Assert.Equal(script.Resources.Select(script.InstancesOf), simulation.LedgerSnapshot().Available.ToArray());
            }
        }));
    }
}
