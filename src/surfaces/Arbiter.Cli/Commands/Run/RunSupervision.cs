using System.Globalization;
using System.Runtime.InteropServices;
using Arbiter.Cli.App;
using Arbiter.Isolation.Container;
using Arbiter.Isolation.Supervision;

namespace Arbiter.Cli.Commands.Run;

/// <summary>
/// <c>arbiter run --restart POLICY</c>: the container under a <see cref="Supervisor"/>. Each event is one line on
/// stderr ("arbiter: run 2 started (pid 4242)", "arbiter: run 2 exited with code 3 after 12 ms", "arbiter: run 2
/// killed: out of memory (limit 32 MiB)", "arbiter: restarting in 2.1 s (restart 2 of 5)", "arbiter: not restarting:
/// restart limit 5 reached") and an entry of <c>events</c> in <c>--json</c>. The exit status is the last run's.
/// TERM or HUP is passed to the running container and ends supervision; INT and QUIT (which a terminal sends to the
/// container itself) end supervision too.
/// </summary>
internal sealed class RunSupervision : IDisposable
{
    private readonly CliContext context;
    private readonly ContainerSpec spec;
    private readonly RestartPolicy policy;
    private readonly TimeProvider time;
    private readonly List<object> events = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private DateTimeOffset began;
    private RunningContainer? current;
    private int forwardOnStop;
    private ContainerResult? last;
    private ContainerException? firstRunBadInput;

    public RunSupervision(CliContext context, ContainerSpec spec, RestartPolicy policy, TimeProvider? time = null)
    {
        this.context = context;
        this.spec = spec;
        this.policy = policy;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>Supervises until the policy gives up or a signal stops it; returns the exit status.</summary>
    public int Execute(bool stats, bool json)
    {
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; Stop(0); });
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, c => { c.Cancel = true; Stop(0); });
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; Stop(15); });
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; Stop(1); });
        ExitOutcome? lastOutcome = SuperviseAsync().GetAwaiter().GetResult();
        if (firstRunBadInput is { } bad)
        {
            throw new InputException(bad.Message, bad);
        }

        if (stats && last is not null)
        {
            context.Err.WriteLine(RunReport.Line(last));
        }

        int status = lastOutcome?.StartError is not null || last is null ? ArbiterApp.Fault : last.Status;
        if (json)
        {
            var document = last is null ? new Dictionary<string, object?> { ["status"] = status } : RunReport.Document(last);
            document["status"] = status;
            document["restart_policy"] = Describe(policy);
            document["restarts"] = RestartsMade;
            document["events"] = events;
            context.Json(document);
        }

        return status;
    }

    /// <summary>Cancels nothing more; the signal registrations are gone when <see cref="Execute"/> returns.</summary>
    public void Dispose() => stop.Dispose();

    /// <summary>"never", "on-failure", "on-failure:3", "always".</summary>
    public static string Describe(RestartPolicy policy) => policy.Mode switch
    {
        RestartMode.Never => "never",
        RestartMode.Always => policy.MaxRestarts is { } n ? $"always:{n}" : "always",
        _ => policy.MaxRestarts is { } n ? $"on-failure:{n}" : "on-failure",
    };

    private void Stop(int signal)
    {
        lock (gate)
        {
            forwardOnStop = signal;
        }

        stop.Cancel();
    }

    private async Task<ExitOutcome?> SuperviseAsync()
    {
        began = time.GetUtcNow();
        var supervisor = new Supervisor(StartAsync, policy, time);
        ExitOutcome? lastOutcome = null;
        try
        {
            await foreach (SupervisorEvent e in supervisor.RunAsync(stop.Token).ConfigureAwait(false))
            {
                switch (e)
                {
                    case WorkloadExited exited when exited.Run == 1 && firstRunBadInput is not null:
                        return exited.Outcome; // a bad command or rootfs: one line, exit 2, no restarts
                    case WorkloadExited exited:
                        lastOutcome = exited.Outcome;
                        Exited(exited);
                        break;
                    case WorkloadOomKilled oom:
                        Say(new OomEvent("oom_killed", oom.Run, Ms(oom.At)), $"run {oom.Run} killed: {(last is null ? "out of memory" : RunReport.OutOfMemory(last))}");
                        break;
                    case RestartScheduled when stop.IsCancellationRequested:
                        Ended("stopped by signal", e.At);
                        return lastOutcome;
                    case RestartScheduled restart:
                        string of = policy.MaxRestarts is { } max ? $" of {max}" : "";
                        Say(new RestartEvent("restarting", restart.Restarts, Ms(restart.At), Math.Round(restart.Delay.TotalMilliseconds, 3)),
                            $"restarting in {Labs.LabInput.ShowDuration(restart.Delay)} (restart {restart.Restarts}{of})");
                        break;
                    case SupervisionEnded ended:
                        Ended(stop.IsCancellationRequested ? "stopped by signal" : ended.Reason, ended.At);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped during a backoff delay: the last run's status stands.
            Ended("stopped by signal", time.GetUtcNow());
        }

        return lastOutcome;
    }

    private Task<ExitOutcome> StartAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        int run = events.Count(e => e is StartedEvent) + 1;
        RunningContainer container;
        try
        {
            container = ContainerRuntime.Start(spec, RunCommand.Stdio);
        }
        catch (ContainerException e) when (e.IsBadInput && run == 1)
        {
            firstRunBadInput = e;
            throw;
        }

        using (container)
        {
            Say(new StartedEvent("started", run, Ms(time.GetUtcNow()), container.Pid), $"run {run} started (pid {container.Pid.ToString(CultureInfo.InvariantCulture)})");
            lock (gate)
            {
                current = container;
            }

            // Stopping passes TERM or HUP on, and the run ends as the workload decides (a pid-1 workload without a
            // handler ignores them: use --init). Registered after the start, so a stop during it is seen here.
            using var stopping = cancellationToken.Register(() =>
            {
                lock (gate)
                {
                    if (forwardOnStop != 0)
                    {
                        current?.Signal(forwardOnStop);
                    }
                }
            });
            ContainerResult result = container.Wait();
            lock (gate)
            {
                current = null;
            }

            last = result;
            return result.OomKilled ? ExitOutcome.OutOfMemory()
                : result.Signal is { } s ? ExitOutcome.Signaled(s)
                : ExitOutcome.Exited(result.ExitCode ?? 0);
        }
    }, CancellationToken.None);

    private void Exited(WorkloadExited exited)
    {
        ExitOutcome o = exited.Outcome;
        string after = $" after {Labs.LabInput.ShowDuration(exited.Uptime)}";
        string text = o.StartError is { } error ? $"run {exited.Run} failed to start: {error}"
            : o.Signal is { } s ? $"run {exited.Run} killed by signal {s}{after}"
            : $"run {exited.Run} exited with code {o.ExitCode}{after}";
        Say(new ExitedEvent("exited", exited.Run, Ms(exited.At), o.ExitCode, o.Signal, o.OomKilled, o.StartError, Math.Round(exited.Uptime.TotalMilliseconds, 3)), text);
    }

    // Counted from the starts: a restart announced and then stopped by a signal was not made.
    private int RestartsMade => Math.Max(0, events.Count(e => e is StartedEvent) - 1);

    private void Ended(string reason, DateTimeOffset at) =>
        Say(new EndedEvent("ended", Ms(at), reason, RestartsMade), $"not restarting: {reason}");

    private void Say(object entry, string line)
    {
        events.Add(entry);
        context.Err.WriteLine("arbiter: " + line);
    }

    private double Ms(DateTimeOffset at) => Math.Round((at - began).TotalMilliseconds, 3);

    private sealed record StartedEvent(string Event, int Run, double AtMs, int Pid);

    private sealed record ExitedEvent(string Event, int Run, double AtMs, int? ExitCode, int? Signal, bool OomKilled, string? StartError, double UptimeMs);

    private sealed record OomEvent(string Event, int Run, double AtMs);

    private sealed record RestartEvent(string Event, int Restart, double AtMs, double DelayMs);

    private sealed record EndedEvent(string Event, double AtMs, string Reason, int Restarts);
}
