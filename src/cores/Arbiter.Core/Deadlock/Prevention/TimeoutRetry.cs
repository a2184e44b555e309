namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>
/// Timeout-based locking (the seed's "how real OSes handle deadlocks", week 4): a process that cannot get a lock
/// within a time limit releases all it holds and tries again later. This breaks "no preemption" voluntarily.
/// Runs a <see cref="TimeoutRetrySimulation"/> to the end; see there for the exact rules.
/// </summary>
public static class TimeoutRetry
{
    /// <summary>Simulates the script with the given options (default: no policy, round-robin) and reports the run.</summary>
    /// <exception cref="AcquisitionScriptException">The script is invalid.</exception>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public static TimeoutRetryReport Simulate(AcquisitionScript script, TimeoutRetryOptions? options = null)
    {
        var simulation = new TimeoutRetrySimulation(script, options ?? new TimeoutRetryOptions());
        while (simulation.Step())
        {
        }

        return simulation.Report();
    }
}
