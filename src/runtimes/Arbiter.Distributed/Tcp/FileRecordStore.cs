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
    private readonly FileStream _file;

    /// <summary>Opens (or creates) <paramref name="path"/> and recovers its records.</summary>
    public FileRecordStore(string path, IMessageCodec<TRecord> codec)
    {
        ArgumentNullException.ThrowIfNull(path);
        _codec = codec ?? throw new ArgumentNullException(nameof(codec));
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        Recovered = Recover();
    }

    /// <summary>The records found when the file was opened, in order.</summary>
    public IReadOnlyList<TRecord> Recovered { get; }

    /// <summary>Appends <paramref name="records"/> and forces them to disk before returning.</summary>
    public void Append(IReadOnlyList<TRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        Span<byte> header = stackalloc byte[8];
        foreach (TRecord record in records)
        {
            byte[] body = _codec.Encode(record);
            BinaryPrimitives.WriteInt32BigEndian(header, body.Length);
            BinaryPrimitives.WriteUInt32BigEndian(header[4..], Crc32.Compute(body));
            _file.Write(header);
            _file.Write(body);
        }

        _file.Flush(flushToDisk: true);
    }

    /// <inheritdoc/>
    public void Dispose() => _file.Dispose();

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
        _file.SetLength(good);
        _file.Position = good;
        return records;
    }
}
