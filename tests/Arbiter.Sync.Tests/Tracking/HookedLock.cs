using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Tests.Tracking;

/// <summary>
/// The smallest lock that drives the tracker's hooks exactly as the primitives do (over a SemaphoreSlim), so the
/// tracker is tested on its own; the primitives' own tests check that they call the hooks.
/// </summary>
internal sealed class HookedLock : IDisposable
{
    private readonly SemaphoreSlim _units;
    private readonly TrackedLock? _tracked;

    public HookedLock(LockTracker? tracker, string name, int capacity = 1, LockKind kind = LockKind.Mutex, int? level = null)
    {
        _units = new SemaphoreSlim(capacity, capacity);
        _tracked = TrackedLock.Create(new LockOptions { Name = name, Tracker = tracker, Level = level }, kind, capacity, "", 0);
    }

    public TrackedLock? Tracked => _tracked;

    public void Enter(int subclass = 0, CancellationToken cancellationToken = default)
    {
        _tracked?.OnAcquiring(LockMode.Exclusive, blocking: true, subclass);
        if (!_units.Wait(0, CancellationToken.None))
        {
            var wait = WaitScope.Begin(_tracked, LockMode.Exclusive, 1, cancellationToken);
            try
            {
                _units.Wait(wait.Token);
            }
            catch (OperationCanceledException)
            {
                wait.End(acquired: false);
                throw;
            }

            wait.End(acquired: true);
        }

        _tracked?.OnAcquired(LockMode.Exclusive, 1, subclass);
    }

    public bool TryEnter()
    {
        _tracked?.OnAcquiring(LockMode.Exclusive, blocking: false);
        if (!_units.Wait(0, CancellationToken.None))
        {
            return false;
        }

        _tracked?.OnAcquired(LockMode.Exclusive, 1);
        return true;
    }

    public void Dispose() => _units.Dispose();

    public void Exit()
    {
        _tracked?.OnReleased(LockMode.Exclusive, 1);
        _units.Release();
    }
}
