using Arbiter.Distributed.Checkers;
using Arbiter.Distributed.Simulation;
using Arbiter.Distributed.Sweeps;

namespace Arbiter.Distributed.Tests.ClockSync;

public class ClockSyncSimulationTests
{
    private static readonly TimeSpan Skew = TimeSpan.FromMilliseconds(50);

    [Theory]
    [InlineData("cristian")]
    [InlineData("ntp")]
    public void Symmetric_ResidualWithinHalfTheWorstRoundTripPlusDrift(string algorithm)
    {
        var report = ClockSyncScenario.Run(algorithm, 5, 1e-4, Skew, TimeSpan.Zero, seed: 3, ScenarioFaults.None);

        Assert.True(report.Result.Passed, string.Join("; ", report.Result.Violations));
        // RTT ≤ 20 ms, so ≤ 10 ms at correction, plus 100 ppm over the second since: 0.1 ms.
        Assert.All(report.Nodes, n => Assert.InRange(n.Residual!.Value.Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(10.1)));
        Assert.Contains(report.Nodes, n => n.Uncorrected.Duration() > TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public void Ntp_AsymmetricDelay_ResidualShiftsByHalfTheAsymmetry()
    {
        // Links towards the server are 8 ms slower: θ = ((t2 − t1) + (t3 − t4)) / 2 overestimates by half of it, so the
        // corrected clocks run about 4 ms ahead (the filter's sample choice adds about ±1 ms of noise over 5 clients).
        var symmetric = ClockSyncScenario.Run("ntp", 6, 0, Skew, TimeSpan.Zero, seed: 5, ScenarioFaults.None);
        var skewed = ClockSyncScenario.Run("ntp", 6, 0, Skew, TimeSpan.FromMilliseconds(8), seed: 5, ScenarioFaults.None);

        double Mean(ClockSyncReport r) => r.Nodes.Skip(1).Average(n => n.Residual!.Value.TotalMilliseconds);
        Assert.InRange(Mean(skewed) - Mean(symmetric), 2.5, 5.5);
    }

    [Fact]
    public void Berkeley_ClocksAgreeWithEachOtherNotWithTrueTime()
    {
        var report = ClockSyncScenario.Run("berkeley", 5, 1e-4, TimeSpan.FromMilliseconds(200), TimeSpan.Zero, seed: 2, ScenarioFaults.None);

        Assert.True(report.Result.Passed);
        Assert.InRange(report.Spread, TimeSpan.Zero, TimeSpan.FromMilliseconds(12));
        var initialSpread = report.Nodes.Max(n => n.InitialSkew) - report.Nodes.Min(n => n.InitialSkew);
        Assert.True(initialSpread > TimeSpan.FromMilliseconds(50));
    }

    [Theory]
    [InlineData("cristian")]
    [InlineData("ntp")]
    [InlineData("berkeley")]
    public void Sweep_200SeedsRandomFaults_ErrorBoundHeld(string algorithm)
    {
        var members = NodeIds.Range(5);
        var sweep = Sweep.Run(new SeedRange(1, 200),
            seed => ClockSyncScenario.Run(algorithm, 5, 1e-4, Skew, TimeSpan.FromMilliseconds(3), seed, ScenarioFaults.Random(members, seed, TimeSpan.FromSeconds(5))).Result);

        Assert.True(sweep.Failures.Count == 0, sweep.Summary());
    }
}
