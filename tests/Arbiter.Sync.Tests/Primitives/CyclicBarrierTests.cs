using Arbiter.Sync.Primitives;

namespace Arbiter.Sync.Tests.Primitives;

public class CyclicBarrierTests
{
    [Fact]
    public void SignalAndWait_ThreeParticipantsManyRounds_NobodyPassesARoundEarly() => Within.Run(() =>
    {
        const int participants = 3, rounds = 200;
        var barrier = new CyclicBarrier(participants);
        var arrivals = new int[rounds];
        int violations = 0;
        var threads = Enumerable.Range(0, participants).Select(_ => Within.Start(() =>
        {
            for (int r = 0; r < rounds; r++)
            {
                Interlocked.Increment(ref arrivals[r]);
                barrier.SignalAndWait();
                if (Volatile.Read(ref arrivals[r]) != participants)
                {
                    Interlocked.Increment(ref violations);
                }
            }
        })).ToList();
        threads.ForEach(Within.Join);
        Assert.Equal(0, violations);
        Assert.Equal(rounds, barrier.Generation);
    });

    [Fact]
    public void SignalAndWait_OneParticipantTimesOut_ItReturnsFalseAndTheOthersGetBarrierBroken() => Within.Run(() =>
    {
        var barrier = new CyclicBarrier(3);
        Exception? other = null;
        var waiting = Within.Start(() => other = Record.Exception(barrier.SignalAndWait));
        Within.SpinUntil(() => barrier.ArrivedCount == 1, "one participant waits");
        Assert.False(barrier.SignalAndWait(TimeSpan.FromMilliseconds(20)));
        Within.Join(waiting);
        Assert.IsType<BarrierBrokenException>(other);
        Assert.True(barrier.IsBroken);
        Assert.Throws<BarrierBrokenException>(() => barrier.SignalAndWait(TimeSpan.Zero)); // broken until reset

        barrier.Reset();
        Assert.False(barrier.IsBroken);
        var a = Within.Start(() => barrier.SignalAndWait());
        var b = Within.Start(() => barrier.SignalAndWait());
        barrier.SignalAndWait();
        Within.Join(a);
        Within.Join(b);
    });

    [Fact]
    public void SignalAndWaitAsync_Cancelled_ThrowsAndBreaksTheGeneration() => Within.RunAsync(async () =>
    {
        var barrier = new CyclicBarrier(2);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await barrier.SignalAndWaitAsync(cts.Token));
        Assert.True(barrier.IsBroken);
        await Assert.ThrowsAsync<BarrierBrokenException>(async () => await barrier.SignalAndWaitAsync());
    });

    [Fact]
    public void SignalAndWaitAsync_AllArrive_AllPassAndTheGenerationAdvances() => Within.RunAsync(async () =>
    {
        var barrier = new CyclicBarrier(4);
        var all = Enumerable.Range(0, 4).Select(_ => barrier.SignalAndWaitAsync(TimeSpan.FromSeconds(5)).AsTask()).ToArray();
        Assert.All(await Task.WhenAll(all), Assert.True);
        Assert.Equal(1, barrier.Generation);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CyclicBarrier(0));
    });
}
