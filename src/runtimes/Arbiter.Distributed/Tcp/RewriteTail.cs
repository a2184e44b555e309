namespace Arbiter.Distributed.Tcp;

/// <summary>
/// What a background rewrite shares with the record file's owner: the framed bytes appended to the live file since
/// the rewrite began (the owner adds them after each fsync'd append; the background thread drains them into the
/// new file), and the flag that abandons the rewrite.
/// </summary>
internal sealed class RewriteTail
{
    private readonly Lock _gate = new();
    private List<byte[]> _frames = [];
    private volatile bool _abandoned;

    /// <summary>True once the owner has given up on the rewrite (a synchronous rewrite superseded it).</summary>
    public bool Abandoned => _abandoned;

    /// <summary>Keeps <paramref name="frames"/>, already durable in the live file, for the new file.</summary>
    public void Add(byte[] frames)
    {
        lock (_gate)
        {
            _frames.Add(frames);
        }
    }

    /// <summary>Tells the background thread to stop at its next check.</summary>
    public void Abandon() => _abandoned = true;

    /// <summary>Throws <see cref="OperationCanceledException"/> if the rewrite was abandoned.</summary>
    public void ThrowIfAbandoned()
    {
        if (_abandoned)
        {
            throw new OperationCanceledException("the background rewrite was abandoned");
        }
    }

    /// <summary>Writes (without flushing) every frame kept since the last drain, in the order appended.</summary>
    /// <returns>How many bytes were written.</returns>
    public long DrainTo(Stream stream)
    {
        List<byte[]> pending;
        lock (_gate)
        {
            (pending, _frames) = (_frames, []);
        }

        long bytes = 0;
        foreach (byte[] frames in pending)
        {
            stream.Write(frames);
            bytes += frames.Length;
        }

        return bytes;
    }
}
