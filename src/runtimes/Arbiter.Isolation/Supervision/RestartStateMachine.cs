// Source: exponential backoff with a cap and jitter as in AWS Architecture Blog, "Exponential Backoff and Jitter"
// (Brooker, 2015); the restart policies and the reset after a healthy run as in docker's restart manager
// (restartmanager.go) and Kubernetes' CrashLoopBackOff (kubelet: 10 s doubling to a 5 min cap, reset after 10 min).
//
// Summary: a pure state machine. Input: each exit outcome with how long the run lasted. Output: restart after a
// delay, or give up. State: total restarts (for the limit), consecutive restarts since the last healthy run (the
// backoff exponent) and a seeded random (the jitter). No clock, no threads: the same inputs and seed give the same
// decisions. Cost: O(1) per exit.
using System.Diagnostics;

namespace Arbiter.Isolation.Supervision;

/// <summary>Decides, exit by exit, whether and when to restart under a <see cref="RestartPolicy"/>.</summary>
public sealed class RestartStateMachine
{
    private readonly Random random;
    private int consecutive;
    private bool finished;

    /// <summary>Creates the machine for a policy.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The policy is out of range (see <see cref="RestartPolicy.Validate"/>).</exception>
    public RestartStateMachine(RestartPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        Policy = policy;
        random = new Random(policy.Seed);
    }

    /// <summary>The policy.</summary>
    public RestartPolicy Policy { get; }

    /// <summary>Restarts decided so far.</summary>
    public int Restarts { get; private set; }

    /// <summary>The backoff exponent: restarts since the last run that lasted <see cref="RestartPolicy.Reset"/>.</summary>
    public int Consecutive => consecutive;

    /// <summary>The decision after a run ended with <paramref name="outcome"/> having lasted <paramref name="uptime"/>.</summary>
    /// <exception cref="InvalidOperationException">Called again after a give-up.</exception>
    public RestartDecision OnExit(ExitOutcome outcome, TimeSpan uptime)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (finished)
        {
            throw new InvalidOperationException("supervision has already given up");
        }

        RestartDecision decision = Decide(outcome, uptime);
        finished = !decision.Restart;
        return decision;
    }

    /// <summary>The un-jittered delay of the k-th consecutive restart: min(cap, initial·multiplier^k).</summary>
    public static TimeSpan BaseDelay(RestartPolicy policy, int k)
    {
        ArgumentNullException.ThrowIfNull(policy);
        // Computed in doubles: multiplier^k overflows long ticks quickly, and the cap bounds the result anyway.
        double ticks = policy.Initial.Ticks * Math.Pow(policy.Multiplier, k);
        return ticks >= policy.Cap.Ticks ? policy.Cap : TimeSpan.FromTicks((long)ticks);
    }

    private RestartDecision Decide(ExitOutcome outcome, TimeSpan uptime)
    {
        switch (Policy.Mode)
        {
            case RestartMode.Never:
                return RestartDecision.GiveUp("restart policy is never", Restarts);
            case RestartMode.OnFailure when outcome.IsSuccess:
                return RestartDecision.GiveUp("exited cleanly", Restarts);
        }

        if (Policy.MaxRestarts is { } limit && Restarts >= limit)
        {
            return RestartDecision.GiveUp($"restart limit {limit} reached", Restarts);
        }

        if (uptime >= Policy.Reset)
        {
            consecutive = 0; // a healthy run: the next failure is treated as the first
        }

        TimeSpan delay = Jittered(BaseDelay(Policy, consecutive));
        consecutive++;
        Restarts++;
        Debug.Assert(delay >= TimeSpan.Zero && delay <= Policy.Cap, "the delay stays within [0, cap]");
        return RestartDecision.After(delay, Restarts);
    }

    private TimeSpan Jittered(TimeSpan delay)
    {
        if (Policy.Jitter == 0)
        {
            return delay;
        }

        // Uniform in [d·(1−j), d·(1+j)), capped: the mean stays d below the cap and restarts spread out.
        double factor = 1 + (Policy.Jitter * ((2 * random.NextDouble()) - 1));
        long ticks = Math.Min(Policy.Cap.Ticks, (long)(delay.Ticks * factor));
        return TimeSpan.FromTicks(Math.Max(0, ticks));
    }
}
