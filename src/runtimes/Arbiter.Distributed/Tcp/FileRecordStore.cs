using System.Buffers.Binary;

namespace Arbiter.Distributed.Tcp;

/// <summary>
/// A node's stable storage: an append-only file of records, each framed as [length:4][crc32:4][bytes], fsync'd
/// after each batch. Recovery reads records until the first torn or corrupt one and truncates there, so a crash
/// in mid-write loses at most the batch being written — never an acknowledged one.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
public sealed class FileRecordStore<TRecord> : IDisposable
{
    private const int MaxRecord = 64 << 20;
    private readonly IMessageCodec<TRecord> _codec;
    private readonly string _path;
    private FileStream _file;

    /// <summary>Opens (or creates) <paramref name="path"/> and recovers its records.</summary>
    public FileRecordStore(string path, IMessageCodec<TRecord> codec)
    {
        ArgumentNullException.ThrowIfNull(path);
        _codec = codec ?? throw new ArgumentNullException(nameof(codec));
        _path = path;
        RemoveStaleRewrite(path);
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        Recovered = Recover();
    }

    /// <summary>The records found when the file was opened, in order.</summary>
    public IReadOnlyList<TRecord> Recovered { get; }

    /// <summary>True when opening found a torn or corrupt tail and cut it off (see <c>INodeContext.RecoveredTruncated</c>).</summary>
    public bool Truncated { get; private set; }

    /// <summary>
    /// Replaces the whole file with <paramref name="records"/>, atomically: they are written to a sibling file,
    /// fsync'd, renamed over the old one, and the directory is fsync'd, so a crash leaves the old file or the new.
    /// </summary>
    public void Rewrite(IReadOnlyList<TRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        string temporary = _path + ".rewrite";
        using (var next = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            WriteFrames(next, records);
            next.Flush(flushToDisk: true);
        }

        _file.Dispose();
        File.Move(temporary, _path, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        _file = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        _file.Seek(0, SeekOrigin.End);
    }

    /// <summary>Appends <paramref name="records"/> and forces them to disk before returning.</summary>
    public void Append(IReadOnlyList<TRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        WriteFrames(_file, records);
        _file.Flush(flushToDisk: true);
    }

    /// <inheritdoc/>
    public void Dispose() => _file.Dispose();

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

    private void WriteFrames(Stream stream, IReadOnlyList<TRecord> records)
    {
        Span<byte> header = stackalloc byte[8];
        foreach (TRecord record in records)
        {
            byte[] body = _codec.Encode(record);
            BinaryPrimitives.WriteInt32BigEndian(header, body.Length);
            BinaryPrimitives.WriteUInt32BigEndian(header[4..], Crc32.Compute(body));
            stream.Write(header);
            stream.Write(body);
        }
    }

    private List<TRecord> Recover()
    {
        var records = new List<TRecord>();
        long good = 0;
        var header = new byte[8];
        _file.Position = 0;
        while (_file.Read(header) == 8)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(header);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            if (length < 0 || length > MaxRecord || _file.Length - _file.Position < length)
            {
                break;
            }

            var body = new byte[length];
            _file.ReadExactly(body);
            if (Crc32.Compute(body) != crc)
            {
                break;
            }

            try
            {
                records.Add(_codec.Decode(body));
            }
            catch (FormatException)
            {
                break;
            }

            good = _file.Position;
        }

        // Drop a torn tail so later appends follow the last good record.
        Truncated = good < _file.Length;
        _file.SetLength(good);
        _file.Position = good;
        return records;
    }
}
