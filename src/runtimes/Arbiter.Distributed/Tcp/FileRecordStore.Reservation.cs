namespace Arbiter.Distributed.Tcp;

/// <content>
/// The reserve: disk space allocated ahead of the records' end. Source: etcd 3.4 wal/wal.go, which preallocates each
/// 64 MB WAL segment (fileutil.Preallocate) for the same reason, and whose decoder reads a zero frame as the end
/// ("hit end of file or preallocated space", wal/decoder.go).
/// <para>Why. An append that grows the file changes its size (and extents), so the fsync after it must also commit
/// the journal transaction for that metadata; an append into blocks already allocated changes only data. Measured
/// here (ext4): a 300-byte write + fsync costs about 150–175 µs growing the file and about 120 µs into reserved
/// space. The append that crosses into a new reserve pays for it once: its fsync commits the allocation too.</para>
/// <para>Sizes. The first reserve is 1 MiB and each next one doubles, up to 16 MiB: a node with a small log (the
/// tests make hundreds of record files) does not hold 16 MiB each, while a busy one reserves about once per 50,000
/// 300-byte puts; 16 MiB also bounds the zeros recovery reads to check that a reserved tail is clean.</para>
/// <para>Fallback. Off Linux, or once fallocate fails (EOPNOTSUPP on a file system without it, ENOSPC...), appends
/// grow the file as before: slower, never an error.</para>
/// <para>Invariant: <c>_end</c> ≤ <c>_length</c>, and every byte of the file from <c>_end</c> on is zero (fallocate's
/// blocks read as zeros; recovery cuts anything else), so a crash leaves the records then zeros, or a torn batch.</para>
/// </content>
public sealed partial class FileRecordStore<TRecord>
{
    private const long FirstReserve = 1 << 20;
    private const long LastReserve = 16 << 20;

    private readonly bool _preallocate;
    private bool _reserving = true;
    private long _nextReserve = FirstReserve;

    // The logical end (where the next append goes) and the file's length; the reserve is the zeros between them.
    private long _end;
    private long _length;

    /// <summary>True while appends go into preallocated space (false off Linux or after fallocate failed once).</summary>
    internal bool Preallocating => _preallocate && _reserving && OperatingSystem.IsLinux();

    /// <summary>The bytes reserved after the last record (the file's length minus the records' end).</summary>
    internal long ReservedBytes => _length - _end;

    /// <summary>Makes sure <paramref name="bytes"/> more fit before the file's length, reserving a chunk if not.</summary>
    private void ReserveFor(long bytes)
    {
        long need = _end + bytes;
        if (need <= _length)
        {
            return;
        }

        if (Preallocating)
        {
            long target = Math.Max(need, _length + _nextReserve);
            if (Fallocate.TryReserve(_file, _length, target - _length))
            {
                _length = target;
                _nextReserve = Math.Min(_nextReserve * 2, LastReserve);
                return;
            }

            // A failed fallocate may still have grown the file (ext4 extends it chunk by chunk): those bytes are
            // zeros, so they are reserve like any other.
            _reserving = false;
            _length = Math.Max(_length, RandomAccess.GetLength(_file));
        }

        // Growing the file: the write itself extends it.
        _length = Math.Max(_length, need);
    }

    /// <summary>Cuts the file back to its records, so a closed file is exactly its frames.</summary>
    private void TrimReserve()
    {
        if (_length <= _end)
        {
            return;
        }

        try
        {
            RandomAccess.SetLength(_file, _end);
            _length = _end;
        }
        catch (IOException)
        {
            // The reserve stays: its zeros read as a clean end on the next start.
        }
    }
}
