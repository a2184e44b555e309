using Arbiter.Isolation.Supervision;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Isolation.Tests.Supervision;

public sealed class RestartStateMachineTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);
    private static readonly ExitOutcome Fail = ExitOutcome.Exited(1);

    private static RestartPolicy NoJitter(RestartMode mode, int? limit = null) =>
        new(mode, limit, InitialDelay: TimeSpan.FromSeconds(1), MaxDelay: TimeSpan.FromSeconds(30), Jitter: 0);

    [Fact]
    public void OnExit_RepeatedFailuresWithoutJitter_DoublesUpToTheCap()
    {
        var m = new RestartStateMachine(NoJitter(RestartMode.Always));

        double[] delays = Enumerable.Range(0, 8).Select(_ => m.OnExit(Fail, Short).Delay.TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
        Assert.Equal(8, m.Restarts);
    }

    [Fact]
    public void OnExit_AfterAHealthyRun_BackoffStartsAgain()
    {
        var m = new RestartStateMachine(NoJitter(RestartMode.OnFailure) with { ResetAfter = TimeSpan.FromMinutes(10) });

        var before = new[] { m.OnExit(Fail, Short), m.OnExit(Fail, Short), m.OnExit(Fail, Short) }.Select(d => d.Delay.TotalSeconds);
        var afterHealthy = m.OnExit(Fail, TimeSpan.FromMinutes(10)).Delay.TotalSeconds;
        var next = m.OnExit(Fail, TimeSpan.FromMinutes(9)).Delay.TotalSeconds; // 9 min is not healthy enough

        Assert.Equal([1, 2, 4], before);
        Assert.Equal(1, afterHealthy);
        Assert.Equal(2, next);
        Assert.Equal(5, m.Restarts); // the limit's count is not reset by healthy runs
    }

    [Fact]
    public void OnExit_Never_GivesUpAtOnceEvenOnFailure()
    {
        var d = new RestartStateMachine(RestartPolicy.Never).OnExit(ExitOutcome.OutOfMemory(), Short);
        Assert.Equal(RestartDecision.GiveUp("restart policy is never", 0), d);
    }

    [Fact]
    public void OnExit_OnFailureWithLimit3_ThreeRestartsThenGivesUp()
    {
        var m = new RestartStateMachine(NoJitter(RestartMode.OnFailure, limit: 3));

        var decisions = Enumerable.Range(0, 4).Select(_ => m.OnExit(ExitOutcome.Signaled(15), Short)).ToList();

        Assert.Equal([true, true, true, false], decisions.Select(d => d.Restart));
        Assert.Equal([1, 2, 3, 3], decisions.Select(d => d.Restarts));
        Assert.Equal("restart limit 3 reached", decisions[3].Reason);
        Assert.Throws<InvalidOperationException>(() => m.OnExit(Fail, Short));
    }

    [Fact]
    public void OnExit_OnFailureCleanExit_Ends_AlwaysCleanExit_Restarts()
    {
        Assert.Equal("exited cleanly", new RestartStateMachine(RestartPolicy.OnFailure()).OnExit(ExitOutcome.Exited(0), Short).Reason);
        Assert.True(new RestartStateMachine(RestartPolicy.Always).OnExit(ExitOutcome.Exited(0), Short).Restart);
    }

    [Theory]
    [InlineData(0, null, null, false, true)]
    [InlineData(3, null, null, false, false)]
    [InlineData(0, 9, null, true, false)] // 128 + 9 would be an exit code; a signal is not a clean exit
    [InlineData(null, null, "no such rootfs", false, false)]
    public void IsSuccess_OnlyExitZero(int? code, int? signal, string? error, bool oom, bool success) =>
        Assert.Equal(success, new ExitOutcome(code, signal, oom, error).IsSuccess);

    [Theory]
    [InlineData("never", RestartMode.Never, null)]
    [InlineData("no", RestartMode.Never, null)]
    [InlineData("always", RestartMode.Always, null)]
    [InlineData("on-failure", RestartMode.OnFailure, null)]
    [InlineData("On-Failure:5", RestartMode.OnFailure, 5)]
    [InlineData("always:2", RestartMode.Always, 2)]
    public void Parse_DockerSyntax(string text, RestartMode mode, int? limit)
    {
        var p = RestartPolicy.Parse(text);
        Assert.Equal(mode, p.Mode);
        Assert.Equal(limit, p.MaxRestarts);
    }

    [Theory]
    [InlineData("sometimes")]
    [InlineData("on-failure:")]
    [InlineData("on-failure:-1")]
    [InlineData("always:")]
    [InlineData("never:3")]
    public void Parse_Unknown_FormatExceptionListingTheForms(string text) =>
        Assert.Contains("expected never, always, always:N, on-failure or on-failure:N", Assert.Throws<FormatException>(() => RestartPolicy.Parse(text)).Message, StringComparison.Ordinal);

    [Fact]
    public void Constructor_JitterOfOne_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RestartStateMachine(RestartPolicy.Always with { Jitter = 1.0 }));

    /// <summary>
    /// Differential against a reference that recomputes everything from the whole history: the limit, the give-up
    /// reasons, the backoff exponent (restarts since the last healthy run) and the jitter bounds; same seed, same delays.
    /// </summary>
    [Fact]
    public void OnExit_RandomPoliciesAndHistories_MatchTheReferenceAndAreDeterministic()
    {
        var gen = from seed in Gen.Choose(0, int.MaxValue)
                  from mode in Gen.Elements(RestartMode.Never, RestartMode.OnFailure, RestartMode.Always)
                  from limit in Gen.Elements<int?>(null, 0, 1, 3, 10)
                  from initialMs in Gen.Choose(0, 2_000)
                  from capFactor in Gen.Choose(1, 500)
                  from mult in Gen.Elements(1.0, 1.5, 2.0, 3.0)
                  from jitterPct in Gen.Choose(0, 99)
                  from length in Gen.Choose(0, 40)
                  from history in Gen.ListOf(Gen.Zip(Gen.Choose(-1, 3), Gen.Choose(0, 1_200), (code, seconds) => (Code: code, Seconds: seconds)), length)
                  select (new RestartPolicy(mode, limit, TimeSpan.FromMilliseconds(initialMs), TimeSpan.FromMilliseconds(Math.Max(1, initialMs) * capFactor),
                      mult, jitterPct / 100.0, TimeSpan.FromSeconds(600), seed), history);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (policy, history) = input;
            var m = new RestartStateMachine(policy);
            var twin = new RestartStateMachine(policy);
            int restarts = 0;
            int sinceHealthy = 0;
            foreach (var (code, seconds) in history)
            {
                // code −1 stands for an OOM kill
                var outcome = code < 0 ? ExitOutcome.OutOfMemory() : ExitOutcome.Exited(code);
                var uptime = TimeSpan.FromSeconds(seconds);
                var d = m.OnExit(outcome, uptime);
                if (d != twin.OnExit(outcome, uptime))
                {
                    return false;
                }

                string? reason = policy.Mode == RestartMode.Never ? "restart policy is never"
                    : policy.Mode == RestartMode.OnFailure && code == 0 ? "exited cleanly"
                    : policy.MaxRestarts is { } l && restarts >= l ? $"restart limit {l} reached"
                    : null;
                if (reason is not null)
                {
                    return !d.Restart && d.Reason == reason && d.Restarts == restarts;
                }

                sinceHealthy = uptime >= policy.Reset ? 0 : sinceHealthy;
                double baseTicks = Math.Min(policy.Cap.Ticks, policy.Initial.Ticks * Math.Pow(policy.Multiplier, sinceHealthy));
                double lo = Math.Floor(baseTicks * (1 - policy.Jitter)) - 1, hi = Math.Min(policy.Cap.Ticks, baseTicks * (1 + policy.Jitter)) + 1;
                restarts++;
                sinceHealthy++;
                if (!d.Restart || d.Restarts != restarts || d.Delay.Ticks < lo || d.Delay.Ticks > hi)
                {
                    return false;
                }
            }

            return true;
        }));
    }
}
