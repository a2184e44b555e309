namespace Arbiter.Sync.Tests.Primitives;

/// <summary>The contract every mutual-exclusion primitive meets, run against each (see <see cref="ExclusiveSubjects"/>).</summary>
public class MutualExclusionContractTests
{
    private const int Threads = 4;
    private const int Iterations = 4000;

    [Theory]
    [MemberData(nameof(ExclusiveSubjects.Names), MemberType = typeof(ExclusiveSubjects))]
    public void Enter_ManyThreadsIncrementingUnderTheLock_NoLostUpdateAndNeverTwoInside(string subject) => Within.Run(() =>
    {
        var l = ExclusiveSubjects.Create(subject);
        long counter = 0;
        int inside = 0, overlaps = 0;
        var threads = Enumerable.Range(0, Threads).Select(_ => Within.Start(() =>
        {
            for (int i = 0; i < Iterations; i++)
            {
                l.Enter();
                if (Interlocked.Increment(ref inside) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                long read = counter;   // a non-atomic read-modify-write: any overlap loses updates
                Thread.SpinWait(20);
                counter = read + 1;
                Interlocked.Decrement(ref inside);
                l.Exit();
            }
        })).ToList();
        threads.ForEach(Within.Join);
        Assert.Equal(0, overlaps);
        Assert.Equal(Threads * Iterations, counter);
    });

    [Theory]
    [MemberData(nameof(ExclusiveSubjects.Names), MemberType = typeof(ExclusiveSubjects))]
    public void EnterAsync_ManyTasksIncrementingUnderTheLock_NoLostUpdate(string subject) => Within.RunAsync(async () =>
    {
        var l = ExclusiveSubjects.Create(subject);
        long counter = 0;
        int inside = 0, overlaps = 0;
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < 500; i++)
            {
                var exit = await l.EnterAsync(CancellationToken.None);
                if (Interlocked.Increment(ref inside) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                long read = counter;
                if (i % 50 == 0)
                {
                    await Task.Yield(); // hold across an await: the hold belongs to the releaser, not the thread
                }

                counter = read + 1;
                Interlocked.Decrement(ref inside);
                exit();
            }
        }));
        await Task.WhenAll(tasks);
        Assert.Equal(0, overlaps);
        Assert.Equal(8 * 500, counter);
    });

    [Theory]
    [MemberData(nameof(ExclusiveSubjects.Names), MemberType = typeof(ExclusiveSubjects))]
    public void TryEnter_HeldByAnotherThread_TimesOutThenWorksAgain(string subject) => Within.Run(() =>
    {
        var l = ExclusiveSubjects.Create(subject);
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = Within.Start(() => { l.Enter(); held.Set(); release.Wait(); l.Exit(); });
        held.Wait();

        Assert.False(l.TryEnter(TimeSpan.Zero, CancellationToken.None));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(l.TryEnter(TimeSpan.FromMilliseconds(50), CancellationToken.None));
        Assert.True(watch.ElapsedMilliseconds >= 40, $"gave up after {watch.ElapsedMilliseconds} ms, before the timeout");

        release.Set();
        Within.Join(holder);
        Assert.True(l.TryEnter(TimeSpan.FromSeconds(5), CancellationToken.None));
        l.Exit();
    });

    [Theory]
    [MemberData(nameof(ExclusiveSubjects.Names), MemberType = typeof(ExclusiveSubjects))]
    public void TryEnter_CancelledWhileWaiting_ThrowsAndLeavesTheLockUsable(string subject) => Within.Run(() =>
    {
        var l = ExclusiveSubjects.Create(subject);
        l.Enter();
        using var cts = new CancellationTokenSource();
        Exception? error = null;
        var waiter = Within.Start(() =>
        {
            try
            {
                l.TryEnter(Timeout.InfiniteTimeSpan, cts.Token);
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        Thread.Sleep(30);
        cts.Cancel();
        Within.Join(waiter);
        Assert.IsAssignableFrom<OperationCanceledException>(error);

        l.Exit();
        Assert.True(l.TryEnter(TimeSpan.Zero, CancellationToken.None), "the cancelled waiter left something behind");
        l.Exit();
    });

    [Theory]
    [MemberData(nameof(ExclusiveSubjects.Names), MemberType = typeof(ExclusiveSubjects))]
    public void EnterAsync_CancelledWhileWaiting_ThrowsAndLeavesTheLockUsable(string subject) => Within.RunAsync(async () =>
    {
        var l = ExclusiveSubjects.Create(subject);
        var exit = await l.EnterAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var pending = l.EnterAsync(cts.Token);
        await Task.Delay(20);
        Assert.False(pending.IsCompleted);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);

        exit();
        var again = await l.EnterAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        again();
    });

    [Theory]
    [MemberData(nameof(ExclusiveSubjects.Names), MemberType = typeof(ExclusiveSubjects))]
    public void Exit_ManyTimedOutWaitersMixedWithRealOnes_NoWaiterIsLeftAsleep(string subject) => Within.Run(() =>
    {
        // Waiters that give up interleave with releases; a lost wake-up would leave a real waiter asleep forever.
        var l = ExclusiveSubjects.Create(subject);
        int acquired = 0;
        var threads = Enumerable.Range(0, 6).Select(t => Within.Start(() =>
        {
            for (int i = 0; i < 300; i++)
            {
                if (l.TryEnter(TimeSpan.FromMilliseconds(t % 2 == 0 ? 0 : 1), CancellationToken.None))
                {
                    Interlocked.Increment(ref acquired);
                    Thread.SpinWait(50);
                    l.Exit();
                }

                l.Enter();
                Interlocked.Increment(ref acquired);
                l.Exit();
            }
        })).ToList();
        threads.ForEach(Within.Join);
        Assert.True(acquired >= 6 * 300);
    });
}
