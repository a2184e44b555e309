using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Arbiter.Distributed.Tcp;

/// <summary>
/// A node's stable storage: an append-only file of records, each framed as [length:4][crc32:4][bytes], fsync'd
/// after each batch. Recovery reads records until the first torn or corrupt one and truncates there, so a crash
/// in mid-write loses at most the batch being written — never an acknowledged one.
/// </summary>
/// <remarks>
/// The file is preallocated ahead of its end (<c>FileRecordStore.Reservation.cs</c>), so an append's fsync need
/// not commit a size change; a zeroed frame header marks the end of the records, and closing trims the reserve.
/// Compaction replaces the file with a shorter one, either at once (<see cref="Rewrite"/>) or in the background
/// (<see cref="BeginRewrite"/>, then <see cref="CompleteRewrite()"/>; see <c>FileRecordStore.Background.cs</c>).
/// Not thread-safe: one owner thread calls every member; only the background write runs beside it.
/// </remarks>
/// <typeparam name="TRecord">The record type.</typeparam>
public sealed partial class FileRecordStore<TRecord> : IDisposable
{
    private const int MaxRecord = 64 << 20;
    private readonly IMessageCodec<TRecord> _codec;
    private readonly string _path;
    private SafeFileHandle _file;
    private bool _disposed;

    /// <summary>Opens (or creates) <paramref name="path"/> and recovers its records.</summary>
    public FileRecordStore(string path, IMessageCodec<TRecord> codec)
        : this(path, codec, preallocate: true)
    {
    }

    /// <summary>Opens (or creates) <paramref name="path"/>; <paramref name="preallocate"/> false keeps the file growing
    /// with each append, as where fallocate(2) is missing (tests of that fallback).</summary>
    internal FileRecordStore(string path, IMessageCodec<TRecord> codec, bool preallocate)
    {
        ArgumentNullException.ThrowIfNull(path);
        _codec = codec ?? throw new ArgumentNullException(nameof(codec));
        _path = path;
        _preallocate = preallocate;
        RemoveStaleRewrite(path);
        _file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        Recovered = Recover();
    }

    /// <summary>The records found when the file was opened, in order.</summary>
    public IReadOnlyList<TRecord> Recovered { get; }

    /// <summary>True when opening found a torn or corrupt tail and cut it off (see <c>INodeContext.RecoveredTruncated</c>);
    /// a reserved tail of zeros after the last record is a clean end, not a torn one.</summary>
    public bool Truncated { get; private set; }

    /// <summary>
    /// Replaces the whole file with <paramref name="records"/>, atomically: they are written to a sibling file,
    /// fsync'd, renamed over the old one, and the directory is fsync'd, so a crash leaves the old file or the new.
    /// </summary>
    /// <remarks>A background rewrite still under way is abandoned first: these records supersede its image.</remarks>
    /// <exception cref="ArgumentException">A record encodes to no bytes; the live file is left as it was.</exception>
    public void Rewrite(IReadOnlyList<TRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        AbandonRewrite();
        try
        {
            using var next = new FileStream(RewritePath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
            WriteFrames(next, records, tail: null, syncEvery: int.MaxValue);
        }
        catch
        {
            // The live file is untouched and stays in use; the copy would only be dropped on the next start.
            DeleteQuietly(RewritePath);
            throw;
        }

        SwitchTo(RewritePath);
    }

    /// <summary>Appends <paramref name="records"/> and forces them to disk before returning.</summary>
    /// <remarks>While a background rewrite is under way the same bytes are kept for its tail (see <see cref="BeginRewrite"/>).</remarks>
    /// <exception cref="ArgumentException">A record encodes to no bytes (its frame would read as the file's end).</exception>
    public void Append(IReadOnlyList<TRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (records.Count == 0)
        {
            return;
        }

        byte[] frames = Frames(records);
        ReserveFor(frames.Length);
        RandomAccess.Write(_file, frames, _end);
        RandomAccess.FlushToDisk(_file);
        _end += frames.Length;
        _rewrite?.Add(frames);
    }

    /// <summary>
    /// Closes the file, trimmed to its records (the reserve is dropped); a background rewrite under way is waited for
    /// and, if it succeeded, completed.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        FinishOnDispose();
        TrimReserve();
        _file.Dispose();
    }

    private string RewritePath => _path + ".rewrite";

    /// <summary>Makes the fsync'd file at <paramref name="written"/> the live file: rename, fsync the directory, reopen.</summary>
    private void SwitchTo(string written)
    {
        _file.Dispose();
        File.Move(written, _path, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        _file = File.OpenHandle(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);

        // The copy was written without a reserve: the next append that needs room makes one (ReserveFor).
        _end = _length = RandomAccess.GetLength(_file);
    }

    private static void RemoveStaleRewrite(string path)
    {
        // A crash between writing the sibling and renaming it leaves a complete or torn copy that was never made
        // current: the old file is still the truth, so the copy is dropped.
        string temporary = path + ".rewrite";
        if (File.Exists(temporary))
        {
            File.Delete(temporary);
        }
    }

    private static void SyncDirectory(string directory)
    {
        // The rename is durable only once the directory entry is; .NET has no fsync for directories, but opening
        // the directory read-only and flushing the handle issues fsync on Linux.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            using var handle = File.OpenHandle(directory, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.None);
            RandomAccess.FlushToDisk(handle);
        }
        catch (UnauthorizedAccessException)
        {
            // Some file systems refuse to open a directory; the rename is still atomic, only its durability waits.
        }
    }

    /// <summary>
    /// Writes <paramref name="records"/> framed, one at a time (an image's snapshot record is megabytes: no second
    /// copy of it), forcing them to disk every <paramref name="syncEvery"/> bytes and at the end.
    /// </summary>
    private void WriteFrames(FileStream stream, IReadOnlyList<TRecord> records, RewriteTail? tail, int syncEvery)
    {
        Span<byte> header = stackalloc byte[8];
        long unsynced = 0;
        foreach (TRecord record in records)
        {
            tail?.ThrowIfAbandoned();
            byte[] body = Encode(record);
            BinaryPrimitives.WriteInt32BigEndian(header, body.Length);
            BinaryPrimitives.WriteUInt32BigEndian(header[4..], Crc32.Compute(body));
            stream.Write(header);
            for (int at = 0, slice; at < body.Length; at += slice)
            {
                slice = Math.Min(syncEvery, body.Length - at);
                stream.Write(body, at, slice);
                if ((unsynced += slice) >= syncEvery)
                {
                    stream.Flush(flushToDisk: true);
                    unsynced = 0;
                }
            }
        }

        stream.Flush(flushToDisk: true);
    }

    /// <summary>The records framed as they go on disk, in one array (one write; kept as is for a rewrite's tail).</summary>
    private byte[] Frames(IReadOnlyList<TRecord> records)
    {
        var bodies = new byte[records.Count][];
        long total = 0;
        for (int i = 0; i < bodies.Length; i++)
        {
            bodies[i] = Encode(records[i]);
            total += 8 + bodies[i].Length;
        }

        var frames = new byte[checked((int)total)];
        int at = 0;
        foreach (byte[] body in bodies)
        {
            BinaryPrimitives.WriteInt32BigEndian(frames.AsSpan(at), body.Length);
            BinaryPrimitives.WriteUInt32BigEndian(frames.AsSpan(at + 4), Crc32.Compute(body));
            body.CopyTo(frames.AsSpan(at + 8));
            at += 8 + body.Length;
        }

        return frames;
    }

    /// <summary>The record's bytes, never empty: a frame of length 0 (whose crc is 0) would be all zeros, which is
    /// how recovery recognizes the reserved end of the file.</summary>
    private byte[] Encode(TRecord record)
    {
        byte[] body = _codec.Encode(record);
        return body.Length > 0
            ? body
            : throw new ArgumentException($"a {typeof(TRecord).Name} encoded to no bytes; the record file cannot hold an empty record (it would read as the file's end)");
    }
}
