namespace Arbiter.Sync.Tracking;

/// <summary>One registered blocking wait (see <see cref="WaitScope"/>).</summary>
internal sealed class WaitRecord
{
    public WaitRecord(long id, TrackedLock trackedLock, LockMode mode, int units, CancellationToken token)
    {
        Id = id;
        Lock = trackedLock;
        Mode = mode;
        Units = units;
        Token = token;
    }

    public long Id { get; }

    public TrackedLock Lock { get; }

    public LockMode Mode { get; }

    public int Units { get; }

    public CancellationToken Token { get; }
}
