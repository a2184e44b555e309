using Arbiter.Sync.Primitives;

namespace Arbiter.Sync.Tests.Primitives;

public class ReadWriteLockTests
{
    [Theory]
    [InlineData(ReadWritePolicy.ReaderPreferring)]
    [InlineData(ReadWritePolicy.WriterPreferring)]
    [InlineData(ReadWritePolicy.PhaseFair)]
    public void EnterRead_WhileAnotherReaderIsInside_EntersToo(ReadWritePolicy policy) => Within.Run(() =>
    {
        var l = new ReadWriteLock(policy);
        using var release = new ManualResetEventSlim();
        var reader = Within.Start(() => { l.EnterRead(); release.Wait(); l.ExitRead(); });
        Within.SpinUntil(() => l.CurrentReadCount == 1, "the first reader is inside");
        Assert.True(l.TryEnterRead());
        Assert.Equal(2, l.CurrentReadCount);
        Assert.False(l.TryEnterWrite());
        l.ExitRead();
        release.Set();
        Within.Join(reader);
        Assert.True(l.TryEnterWrite());
        l.ExitWrite();
    });

    [Theory]
    [InlineData(ReadWritePolicy.ReaderPreferring, true)]
    [InlineData(ReadWritePolicy.WriterPreferring, false)]
    [InlineData(ReadWritePolicy.PhaseFair, false)]
    public void TryEnterRead_ReaderInsideAndWriterWaiting_AdmittedOnlyWhenReaderPreferring(ReadWritePolicy policy, bool admitted) => Within.Run(() =>
    {
        var l = new ReadWriteLock(policy);
        using var release = new ManualResetEventSlim();
        var reader = Within.Start(() => { l.EnterRead(); release.Wait(); l.ExitRead(); });
        Within.SpinUntil(() => l.CurrentReadCount == 1, "the first reader is inside");
        var writer = Within.Start(() => { l.EnterWrite(); l.ExitWrite(); });
        Within.SpinUntil(() => l.WaitingWriteCount == 1, "the writer is queued");

        Assert.Equal(admitted, l.TryEnterRead());
        if (admitted)
        {
            l.ExitRead();
        }

        release.Set();
        Within.Join(reader);
        Within.Join(writer);
    });

    [Fact]
    public void ExitWrite_PhaseFairWithQueuedReadersAndWriters_AdmitsAllReadersTogetherBeforeTheNextWriter() => Within.Run(() =>
    {
        var l = new ReadWriteLock(ReadWritePolicy.PhaseFair);
        l.EnterWrite();
        using var release = new ManualResetEventSlim();
        int readersInside = 0, readersInsideWhenWriterEntered = -1;
        var readers = Enumerable.Range(0, 3).Select(_ => Within.Start(() =>
        {
            l.EnterRead();
            Interlocked.Increment(ref readersInside);
            release.Wait();
            Interlocked.Decrement(ref readersInside);
            l.ExitRead();
        })).ToList();
        Within.SpinUntil(() => l.WaitingReadCount == 3, "three readers are queued");
        var writer = Within.Start(() => { l.EnterWrite(); readersInsideWhenWriterEntered = Volatile.Read(ref readersInside); l.ExitWrite(); });
        Within.SpinUntil(() => l.WaitingWriteCount == 1, "the second writer is queued");

        l.ExitWrite();
        Within.SpinUntil(() => Volatile.Read(ref readersInside) == 3, "the three readers are inside together");
        Assert.Equal(1, l.WaitingWriteCount);
        release.Set();
        readers.ForEach(Within.Join);
        Within.Join(writer);
        Assert.Equal(0, readersInsideWhenWriterEntered);
    });

    [Theory]
    [InlineData(ReadWritePolicy.ReaderPreferring)]
    [InlineData(ReadWritePolicy.WriterPreferring)]
    [InlineData(ReadWritePolicy.PhaseFair)]
    public void EnterWrite_UnderASteadyStreamOfReaders_StarvesOnlyWhenReaderPreferring(ReadWritePolicy policy) => Within.Run(() =>
    {
        // Four readers whose holds overlap, so that the lock never drains of readers by itself.
        var l = new ReadWriteLock(policy);
        using var stop = new CancellationTokenSource();
        long readerEntries = 0;
        var readers = Enumerable.Range(0, 4).Select(i => Within.Start(() =>
        {
            Thread.Sleep(i);
            while (!stop.IsCancellationRequested)
            {
                if (l.TryEnterRead(TimeSpan.FromMilliseconds(50)))
                {
                    Interlocked.Increment(ref readerEntries);
                    Thread.Sleep(2);
                    l.ExitRead();
                }
            }
        })).ToList();
        Within.SpinUntil(() => Interlocked.Read(ref readerEntries) > 20, "the readers are streaming");

        // Count from the moment the writer is queued (waiting flag set): before that the lock cannot know it.
        bool entered = false;
        long writerEnteredAt = -1;
        var writer = Within.Start(() =>
        {
            entered = l.TryEnterWrite(TimeSpan.FromMilliseconds(300));
            writerEnteredAt = Interlocked.Read(ref readerEntries);
            if (entered)
            {
                l.ExitWrite();
            }
        });
        long before = -1;
        Within.SpinUntil(() => writer.Join(0) || (before = l.WaitingWriteCount == 1 ? Interlocked.Read(ref readerEntries) : -1) >= 0, "the writer queued");
        Within.Join(writer);
        long bypasses = before < 0 ? 0 : writerEnteredAt - before;

        stop.Cancel();
        readers.ForEach(Within.Join);
        if (policy == ReadWritePolicy.ReaderPreferring)
        {
            Assert.False(entered, "the writer got in although readers kept overlapping");
            Assert.True(bypasses > 50, $"only {bypasses} reader entries overtook the waiting writer");
        }
        else
        {
            Assert.True(entered, "the writer starved");
            // Only readers that raced the writer's arrival may still get in before it (at most one each).
            Assert.InRange(bypasses, 0, 4);
        }
    });

    [Theory]
    [InlineData(ReadWritePolicy.WriterPreferring)]
    [InlineData(ReadWritePolicy.PhaseFair)]
    public void EnterRead_UnderASteadyStreamOfWriters_StarvesOnlyWhenWriterPreferring(ReadWritePolicy policy) => Within.Run(() =>
    {
        var l = new ReadWriteLock(policy);
        using var stop = new CancellationTokenSource();
        long writerEntries = 0;
        var writers = Enumerable.Range(0, 3).Select(_ => Within.Start(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (l.TryEnterWrite(TimeSpan.FromMilliseconds(50)))
                {
                    Interlocked.Increment(ref writerEntries);
                    Thread.Sleep(1);
                    l.ExitWrite();
                }
            }
        })).ToList();
        Within.SpinUntil(() => Interlocked.Read(ref writerEntries) > 20, "the writers are streaming");

        // Count from the moment the reader is queued, or not at all if it got in at once.
        bool entered = false;
        long readerEnteredAt = -1;
        var reader = Within.Start(() =>
        {
            entered = l.TryEnterRead(TimeSpan.FromMilliseconds(300));
            readerEnteredAt = Interlocked.Read(ref writerEntries);
            if (entered)
            {
                l.ExitRead();
            }
        });
        long before = -1;
        Within.SpinUntil(() => reader.Join(0) || (before = l.WaitingReadCount == 1 ? Interlocked.Read(ref writerEntries) : -1) >= 0, "the reader queued");
        Within.Join(reader);
        long bypasses = before < 0 ? 0 : readerEnteredAt - before;

        stop.Cancel();
        writers.ForEach(Within.Join);
        if (policy == ReadWritePolicy.WriterPreferring)
        {
            Assert.False(entered, "the reader got in although writers kept queueing");
        }
        else
        {
            Assert.True(entered, "the reader starved");
            // Phase-fair: at most the writer phase in progress (plus one that raced the reader's arrival).
            Assert.InRange(bypasses, 0, 2);
        }
    });

    [Theory]
    [InlineData(ReadWritePolicy.WriterPreferring)]
    [InlineData(ReadWritePolicy.PhaseFair)]
    public void TryEnterWrite_TimesOutWhileReadersQueuedBehindIt_TheReadersGetIn(ReadWritePolicy policy) => Within.Run(() =>
    {
        // The queued reader waits only because a writer waits; when that writer gives up, it must be let in.
        var l = new ReadWriteLock(policy);
        using var release = new ManualResetEventSlim();
        var first = Within.Start(() => { l.EnterRead(); release.Wait(); l.ExitRead(); });
        Within.SpinUntil(() => l.CurrentReadCount == 1, "the first reader is inside");
        bool writerEntered = true;
        var writer = Within.Start(() => writerEntered = l.TryEnterWrite(TimeSpan.FromMilliseconds(200)));
        Within.SpinUntil(() => l.WaitingWriteCount == 1, "the writer is queued");
        using var secondIn = new ManualResetEventSlim();
        var second = Within.Start(() => { l.EnterRead(); secondIn.Set(); l.ExitRead(); });
        Within.SpinUntil(() => l.WaitingReadCount == 1, "the second reader is queued behind the writer");

        Within.Join(writer);
        Assert.False(writerEntered);
        Assert.True(secondIn.Wait(TimeSpan.FromSeconds(5)), "the reader stayed queued after the writer left");
        release.Set();
        Within.Join(first);
        Within.Join(second);
    });

    [Fact]
    public void Exit_Misuse_ThrowsSynchronizationLockOrRecursionExceptions() => Within.Run(() =>
    {
        var l = new ReadWriteLock(ReadWritePolicy.PhaseFair);
        Assert.Throws<SynchronizationLockException>(l.ExitRead);
        Assert.Throws<SynchronizationLockException>(l.ExitWrite);
        l.EnterWrite();
        Assert.Throws<LockRecursionException>(l.EnterWrite);
        Assert.Throws<LockRecursionException>(l.EnterRead);
        Exception? fromOtherThread = null;
        Within.Join(Within.Start(() => fromOtherThread = Record.Exception(l.ExitWrite)));
        Assert.IsType<SynchronizationLockException>(fromOtherThread);
        Assert.True(l.IsWriteLockHeldByCurrentThread);
        l.ExitWrite();
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReadWriteLock((ReadWritePolicy)7));
    });

    [Fact]
    public void Scopes_Disposed_ExitOnce()
    {
        var l = new ReadWriteLock(ReadWritePolicy.ReaderPreferring);
        using (l.EnterReadScope())
        {
            Assert.Equal(1, l.CurrentReadCount);
        }

        using (l.EnterWriteScope())
        {
            Assert.True(l.IsWriteLockHeldByCurrentThread);
        }

        Assert.Equal(0, l.CurrentReadCount);
        Assert.False(l.IsWriteLockHeld);
    }

    [Fact]
    public void ReadLockAsync_ReadersTogetherThenWriter_WriterWaitsForBothReleasers() => Within.RunAsync(async () =>
    {
        var l = new ReadWriteLock(ReadWritePolicy.PhaseFair);
        var a = await l.ReadLockAsync();
        var b = await l.ReadLockAsync();
        Assert.Equal(2, l.CurrentReadCount);
        Assert.Null(await l.TryWriteLockAsync(TimeSpan.FromMilliseconds(20)));
        var writer = l.WriteLockAsync().AsTask();
        a.Dispose();
        await Task.Delay(10);
        Assert.False(writer.IsCompleted);
        b.Dispose();
        var held = await writer.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(l.IsWriteLockHeld);
        Assert.Null(await l.TryReadLockAsync(TimeSpan.Zero));
        held.Dispose();
        Assert.Throws<SynchronizationLockException>(held.Dispose);
        Assert.False(l.IsWriteLockHeld);
    });
}
