using System.Buffers.Binary;

namespace Arbiter.Distributed.Tcp;

/// <content>
/// Recovery on open. Source: etcd 3.4 wal/decoder.go (decodeRecord: a zero length is "end of file or preallocated
/// space") and wal/wal.go (ReadAll, which then zeroes the rest of the last segment, fileutil.ZeroToEnd).
/// <para>Frames are read in order until one is not whole and valid. A header of eight zero bytes is the clean end
/// (no record encodes to nothing, see <c>Encode</c>, so no frame starts with eight zeros). If every byte after the
/// last good frame is zero — the reserve, or nothing — the file ended cleanly; any other byte there is a torn or
/// corrupt write, reported as <see cref="Truncated"/>, and the file is cut after the last good frame so that those
/// bytes can never be read back between later records. Cost: one pass over the file, tail included.</para>
/// </content>
public sealed partial class FileRecordStore<TRecord>
{
    private List<TRecord> Recover()
    {
        var records = new List<TRecord>();
        long length = RandomAccess.GetLength(_file);
        long good = 0;
        Span<byte> header = stackalloc byte[8];
        while (length - good >= header.Length)
        {
            ReadAt(header, good);
            if (!header.ContainsAnyExcept((byte)0))
            {
                break;
            }

            int size = BinaryPrimitives.ReadInt32BigEndian(header);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
            if (size <= 0 || size > MaxRecord || length - good - header.Length < size)
            {
                break;
            }

            var body = new byte[size];
            ReadAt(body, good + header.Length);
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

            good += header.Length + size;
        }

        Truncated = AnyNonZero(good, length);
        if (Truncated)
        {
            // Cut rather than zero: the next append reserves afresh (ReserveFor), with blocks that read as zeros.
            RandomAccess.SetLength(_file, good);
            length = good;
        }

        (_end, _length) = (good, length);
        return records;
    }

    private bool AnyNonZero(long from, long to)
    {
        var block = new byte[(int)Math.Min(to - from, 1 << 16)];
        for (long at = from; at < to; at += block.Length)
        {
            Span<byte> part = block.AsSpan(0, (int)Math.Min(block.Length, to - at));
            ReadAt(part, at);
            if (part.ContainsAnyExcept((byte)0))
            {
                return true;
            }
        }

        return false;
    }

    private void ReadAt(Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            int read = RandomAccess.Read(_file, buffer, offset);
            if (read == 0)
            {
                throw new EndOfStreamException($"{_path} ended at byte {offset} while being read");
            }

            buffer = buffer[read..];
            offset += read;
        }
    }
}
