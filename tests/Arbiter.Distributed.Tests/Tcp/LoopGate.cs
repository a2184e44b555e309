namespace Arbiter.Distributed.Tests.Tcp;

/// <summary>
/// Holds a host's event loop inside one call so the test can queue inputs behind it: they then form the next
/// batch together (the loop takes everything already queued).
/// </summary>
internal sealed class LoopGate : IDisposable
{
    private readonly ManualResetEventSlim _entered = new();
    private readonly ManualResetEventSlim _released = new();

    /// <summary>Called by the node: signals that the loop is held, then waits for <see cref="Release"/>.</summary>
    public void Hold()
    {
        _entered.Set();
        Assert.True(_released.Wait(TimeSpan.FromSeconds(20)), "the gate was never released");
    }

    /// <summary>Waits until the loop is held.</summary>
    public void WaitHeld() => Assert.True(_entered.Wait(TimeSpan.FromSeconds(20)), "the loop never reached the gate");

    public void Release() => _released.Set();

    public void Dispose()
    {
        _released.Set();
        _entered.Dispose();
        _released.Dispose();
    }
}
