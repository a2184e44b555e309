// Source: the supervision loop of init systems and container engines (runit/daemontools "supervise", docker's
// restart manager, the kubelet's pod workers): start, wait for the exit, ask the policy, back off, start again.
//
// Summary: drives a RestartStateMachine over a start function. The events are an IAsyncEnumerable: supervision runs
// while the caller enumerates (pull-based — no background thread, no unobserved faults, natural backpressure) and
// stops when the caller stops enumerating or cancels. Time comes from an injected TimeProvider, so tests run the
// backoff on a manual clock in microseconds.
using System.Runtime.CompilerServices;

namespace Arbiter.Isolation.Supervision;

/// <summary>
/// Runs a workload under a restart policy and reports what happens as a typed event stream.
/// </summary>
/// <example>
/// <code>
/// var supervisor = new Supervisor(ct => container.RunAsync(ct), RestartPolicy.OnFailure(5));
/// await foreach (var e in supervisor.RunAsync(stopping))
///     Console.WriteLine(e);   // WorkloadStarted, WorkloadExited, WorkloadOomKilled, RestartScheduled, … SupervisionEnded
/// </code>
/// </example>
public sealed class Supervisor
{
    private readonly Func<CancellationToken, Task<ExitOutcome>> start;
    private readonly TimeProvider time;

    /// <summary>Creates a supervisor.</summary>
    /// <param name="start">Starts one run and completes with its outcome. It must stop the workload when the token is
    /// cancelled. An exception from it counts as a failed start (<see cref="ExitOutcome.FailedToStart"/>).</param>
    /// <param name="policy">The restart policy.</param>
    /// <param name="time">The clock for timestamps, uptimes and backoff delays; <see cref="TimeProvider.System"/> when null.</param>
    public Supervisor(Func<CancellationToken, Task<ExitOutcome>> start, RestartPolicy policy, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        this.start = start;
        Machine = new RestartStateMachine(policy);
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>The policy's state machine (restarts so far, backoff exponent).</summary>
    public RestartStateMachine Machine { get; }

    /// <summary>
    /// Supervises until the policy gives up (the last event is <see cref="SupervisionEnded"/>) or
    /// <paramref name="cancellationToken"/> is cancelled (the enumeration then throws <see cref="OperationCanceledException"/>,
    /// after the start function has stopped the run). Enumerate it once.
    /// </summary>
    public async IAsyncEnumerable<SupervisorEvent> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int run = 1; ; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long started = time.GetTimestamp();
            yield return new WorkloadStarted(time.GetUtcNow(), run);

            ExitOutcome outcome = await RunOnce(cancellationToken).ConfigureAwait(false);
            TimeSpan uptime = time.GetElapsedTime(started);
            yield return new WorkloadExited(time.GetUtcNow(), run, outcome, uptime);
            if (outcome.OomKilled)
            {
                yield return new WorkloadOomKilled(time.GetUtcNow(), run);
            }

            RestartDecision decision = Machine.OnExit(outcome, uptime);
            if (!decision.Restart)
            {
                yield return new SupervisionEnded(time.GetUtcNow(), decision.Reason!, outcome, decision.Restarts);
                yield break;
            }

            yield return new RestartScheduled(time.GetUtcNow(), decision.Delay, decision.Restarts);
            if (decision.Delay > TimeSpan.Zero)
            {
                await Task.Delay(decision.Delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<ExitOutcome> RunOnce(CancellationToken cancellationToken)
    {
        try
        {
            return await start(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // any failure to start is an outcome the policy decides on, not a crash of the supervisor
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ExitOutcome.FailedToStart(e.Message.ReplaceLineEndings(" "));
        }
    }
}
