using System.Diagnostics;
using Arbiter.Isolation.Supervision;

namespace Arbiter.Isolation.Tests.Supervision;

public sealed class SupervisorTests
{
    private static readonly DateTimeOffset T0 = ManualTimeProvider.Epoch;

    /// <summary>Enumerates the events, jumping the manual clock to the next timer whenever the supervisor waits.</summary>
    private static async Task<List<SupervisorEvent>> Collect(Supervisor supervisor, ManualTimeProvider time, CancellationToken ct = default)
    {
        var events = new List<SupervisorEvent>();
        await using var e = supervisor.RunAsync(ct).GetAsyncEnumerator(ct);
        var guard = Stopwatch.StartNew();
        while (true)
        {
            var next = e.MoveNextAsync().AsTask();
            while (!next.IsCompleted)
            {
                Assert.True(guard.Elapsed < TimeSpan.FromSeconds(10), "the supervisor hangs");
                if (!time.FireNext())
                {
                    await Task.Delay(1, CancellationToken.None);
                }
            }

            if (!await next)
            {
                return events;
            }

            events.Add(e.Current);
        }
    }

    /// <summary>A start function that plays a script: each run lasts its time on the manual clock and ends with its outcome.</summary>
    private static Func<CancellationToken, Task<ExitOutcome>> Script(ManualTimeProvider time, params (int Seconds, ExitOutcome Outcome)[] runs)
    {
        int i = 0;
        return _ =>
        {
            var (seconds, outcome) = runs[i++];
            time.Advance(TimeSpan.FromSeconds(seconds));
            return Task.FromResult(outcome);
        };
    }

    [Fact]
    public async Task RunAsync_FailureOomThenClean_EventsInOrderWithBackoffOnTheClock()
    {
        var time = new ManualTimeProvider();
        var policy = new RestartPolicy(RestartMode.OnFailure, MaxRestarts: 5, InitialDelay: TimeSpan.FromSeconds(1), Jitter: 0);
        var supervisor = new Supervisor(Script(time, (5, ExitOutcome.Exited(1)), (3, ExitOutcome.OutOfMemory()), (7, ExitOutcome.Exited(0))), policy, time);

        var events = await Collect(supervisor, time);

        Func<double, TimeSpan> s = TimeSpan.FromSeconds;
        Assert.Equal<SupervisorEvent>(
        [
            new WorkloadStarted(T0, 1),
            new WorkloadExited(T0 + s(5), 1, ExitOutcome.Exited(1), s(5)),
            new RestartScheduled(T0 + s(5), s(1), 1),
            new WorkloadStarted(T0 + s(6), 2), // exactly the delay later
            new WorkloadExited(T0 + s(9), 2, ExitOutcome.OutOfMemory(), s(3)),
            new WorkloadOomKilled(T0 + s(9), 2),
            new RestartScheduled(T0 + s(9), s(2), 2),
            new WorkloadStarted(T0 + s(11), 3),
            new WorkloadExited(T0 + s(18), 3, ExitOutcome.Exited(0), s(7)),
            new SupervisionEnded(T0 + s(18), "exited cleanly", ExitOutcome.Exited(0), 2),
        ], events);
    }

    [Fact]
    public async Task RunAsync_StartThrows_CountsAsAFailedStartAndTheLimitEndsIt()
    {
        var time = new ManualTimeProvider();
        int calls = 0;
        Func<CancellationToken, Task<ExitOutcome>> start = _ => { calls++; throw new InvalidOperationException("rootfs /nope: missing"); };
        var supervisor = new Supervisor(start, RestartPolicy.OnFailure(2) with { Jitter = 0 }, time);

        var events = await Collect(supervisor, time);

        Assert.Equal(3, calls);
        var end = Assert.IsType<SupervisionEnded>(events[^1]);
        Assert.Equal("restart limit 2 reached", end.Reason);
        Assert.Equal("failed to start: rootfs /nope: missing", end.Last.ToString());
        Assert.Equal(ManualTimeProvider.Epoch + TimeSpan.FromSeconds(1 + 2), end.At);
    }

    [Fact]
    public async Task RunAsync_CancelledDuringBackoff_ThrowsAndStartsNoMore()
    {
        var time = new ManualTimeProvider();
        int calls = 0;
        var supervisor = new Supervisor(_ => { calls++; return Task.FromResult(ExitOutcome.Exited(2)); }, RestartPolicy.Always, time);
        using var cts = new CancellationTokenSource();
        await using var e = supervisor.RunAsync(cts.Token).GetAsyncEnumerator();

        while (await e.MoveNextAsync() && e.Current is not RestartScheduled)
        {
        }

        var waiting = e.MoveNextAsync().AsTask();
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, time.PendingTimers);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task RunAsync_RealProcessesOnTheSystemClock_RestartsUntilTheLimit()
    {
        int runs = 0;
        async Task<ExitOutcome> Start(CancellationToken ct)
        {
            runs++;
            using var p = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "exit 3"]) { UseShellExecute = false })!;
            await p.WaitForExitAsync(ct);
            return ExitOutcome.Exited(p.ExitCode);
        }

        var policy = new RestartPolicy(RestartMode.OnFailure, MaxRestarts: 2, InitialDelay: TimeSpan.FromMilliseconds(5), MaxDelay: TimeSpan.FromMilliseconds(50));
        var kinds = new List<string>();
        await foreach (var e in new Supervisor(Start, policy).RunAsync())
        {
            kinds.Add(e.GetType().Name);
        }

        Assert.Equal(3, runs);
        Assert.Equal(
        [
            "WorkloadStarted", "WorkloadExited", "RestartScheduled",
            "WorkloadStarted", "WorkloadExited", "RestartScheduled",
            "WorkloadStarted", "WorkloadExited", "SupervisionEnded",
        ], kinds);
    }
}
