namespace Arbiter.Distributed.Tcp;

/// <content>
/// Compaction in the background. Source: etcd's server, which saves a snapshot off the raft loop and releases the
/// WAL segments it covers afterwards (etcd 3.4 etcdserver/server.go: triggerSnapshot calls snapshot, which saves
/// the snapshot and compacts raft's log in a goroutine; wal/wal.go, ReleaseLockTo); here, with one file instead of segments, the new file is the image followed by a copy of every
/// record appended while it was written.
/// <para>Protocol. <see cref="BeginRewrite"/> starts a dedicated thread that encodes the image into
/// <c>FILE.rewrite</c> and fsyncs it; meanwhile <see cref="Append"/> goes on appending (and fsyncing) to the live
/// file and keeps each appended frame for the tail (<see cref="RewriteTail"/>), which the thread copies after the
/// image in a few catch-up rounds. <see cref="CompleteRewrite()"/>, on the owner's thread once the thread is done,
/// copies what is left of the tail, fsyncs, renames the copy over the live file and fsyncs the directory.</para>
/// <para>Why a crash anywhere is safe. Until the rename the live file is untouched except by appends, so it holds
/// every record ever appended: recovery finds it (and deletes the stale copy, as it always did). The rename happens
/// only after the copy holds the image plus every record appended since the image was taken, all fsync'd; and no
/// append goes to the new file before the directory is fsync'd, so a crash before that fsync that finds the old
/// name still finds every acknowledged record. Either file folds to the same state; the format is unchanged.</para>
/// <para>Cost on the owner's thread: per append, keeping a reference to its bytes; at completion, the tail the
/// thread did not catch up with, one fsync (which can carry the owner's next records too, see
/// <see cref="CompleteRewrite(IReadOnlyList{TRecord})"/>), a rename and a directory fsync. Everything in proportion
/// to the image — encoding, checksums, writing, its fsyncs — runs on the thread.</para>
/// </content>
public sealed partial class FileRecordStore<TRecord>
{
    // Catch-up rounds of the background thread after the image: each copies the tail appended so far and fsyncs,
    // so what is left for the owner at completion is what arrived during the last round's fsync.
    private const int CatchUpRounds = 3;

    // The image is forced to disk in slices of this size rather than once at the end. On ext4 (data=ordered) an
    // fsync commits the journal, and a commit writes out the dirty data the transaction covers — so the loop's own
    // small fsync, landing while ten megabytes of image sit dirty, would wait for all of them. Slices bound that wait.
    private const int SyncSlice = 1 << 20;

    private Task<FileStream>? _rewriteTask;
    private RewriteTail? _rewrite;

    /// <summary>True from <see cref="BeginRewrite"/> until the rewrite is completed or abandoned.</summary>
    public bool RewriteInProgress => _rewriteTask is not null;

    /// <summary>True when a background rewrite is under way and its thread has finished (so <see cref="CompleteRewrite()"/> would act).</summary>
    public bool RewriteReady => _rewriteTask is { IsCompleted: true };

    /// <summary>
    /// Starts replacing the file with <paramref name="records"/> in the background, unless a background rewrite is
    /// already under way (then nothing is done: that one's image plus the records appended since still describe
    /// everything). Until <see cref="CompleteRewrite()"/> the live file stays the truth.
    /// </summary>
    /// <param name="records">The image; the list is copied, the records are encoded on the background thread (the
    /// codec must be thread-safe, as stateless codecs are).</param>
    /// <param name="written">Called on a pool thread once the background write is done (or failed), e.g. to wake the
    /// owner so it calls <see cref="CompleteRewrite()"/>; it must be quick and must not throw.</param>
    /// <returns>True if a rewrite was started.</returns>
    public bool BeginRewrite(IReadOnlyList<TRecord> records, Action? written = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (_rewriteTask is not null)
        {
            return false;
        }

        List<TRecord> image = [.. records];
        var tail = new RewriteTail();
        _rewrite = tail;

        // A dedicated thread, not the pool: the write blocks for as long as the image takes, and the pool's threads
        // carry the node's sockets.
        _rewriteTask = Task.Factory.StartNew(() => WriteImage(image, tail), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (written is not null)
        {
            // A continuation, so that the owner it wakes finds the task completed (RewriteReady).
            _rewriteTask.ContinueWith(_ => written(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return true;
    }

    /// <summary>
    /// If the background rewrite is done, makes it the live file: appends the rest of the tail, fsyncs, renames it
    /// over the live file and fsyncs the directory. Call it on the owner's thread (between appends).
    /// </summary>
    /// <returns>True if the file was switched; false if no rewrite is under way or its thread is still writing.</returns>
    /// <exception cref="Exception">Whatever the background write threw (the copy is deleted first; the live file,
    /// complete, stays in use).</exception>
    public bool CompleteRewrite() => CompleteRewrite([]);

    /// <summary>
    /// <see cref="CompleteRewrite()"/> that also appends <paramref name="records"/> — to the new file only, after the
    /// tail and before its one fsync, so that a switch costs the batch that makes it one fsync more than an
    /// <see cref="Append"/> (the directory's), not two. If it returns false, nothing was written: append them.
    /// </summary>
    /// <remarks>Safe because the records are durable only when the call returns, after the directory fsync: a crash
    /// before that may find the old file without them, but nobody was told of them yet (the node contract holds
    /// messages until its records are durable). If it throws, they were not written anywhere.</remarks>
    /// <param name="records">Records to append with the switch.</param>
    /// <returns>True if the file was switched and <paramref name="records"/> are durable in it.</returns>
    public bool CompleteRewrite(IReadOnlyList<TRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (_rewriteTask is not { IsCompleted: true } task)
        {
            return false;
        }

        RewriteTail tail = _rewrite!;
        (_rewriteTask, _rewrite) = (null, null);
        try
        {
            using (FileStream next = task.GetAwaiter().GetResult())
            {
                bool written = tail.DrainTo(next) > 0;
                if (records.Count > 0)
                {
                    next.Write(Frames(records));
                    written = true;
                }

                if (written)
                {
                    next.Flush(flushToDisk: true);
                }
            }

            SwitchTo(RewritePath);
            return true;
        }
        catch
        {
            DeleteQuietly(RewritePath);
            throw;
        }
    }

    /// <summary>Stops a background rewrite under way, waits for its thread and deletes its copy.</summary>
    private void AbandonRewrite()
    {
        if (_rewriteTask is not { } task)
        {
            return;
        }

        _rewrite!.Abandon();
        (_rewriteTask, _rewrite) = (null, null);
        if (Wait(task))
        {
            task.Result.Dispose();
        }

        DeleteQuietly(RewritePath);
    }

    private void FinishOnDispose()
    {
        if (_rewriteTask is not { } task)
        {
            return;
        }

        // The owner has stopped appending, so the tail is complete: finishing the switch keeps the work done.
        Wait(task);
        try
        {
            CompleteRewrite();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The live file, complete, stays the truth; the copy is already deleted. Disposal does not throw.
        }
    }

    /// <summary>Waits for <paramref name="task"/>; true if it succeeded.</summary>
    private static bool Wait(Task task)
    {
        try
        {
            task.Wait();
            return true;
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Recovery deletes a stale copy anyway.
        }
    }

    private FileStream WriteImage(List<TRecord> image, RewriteTail tail)
    {
        FileStream? next = null;
        try
        {
            next = new FileStream(RewritePath, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16);
            WriteFrames(next, image, tail, SyncSlice);
            for (int round = 0; round < CatchUpRounds; round++)
            {
                tail.ThrowIfAbandoned();
                if (tail.DrainTo(next) == 0)
                {
                    break;
                }

                next.Flush(flushToDisk: true);
            }

            return next;
        }
        catch
        {
            next?.Dispose();
            throw;
        }
    }
}
