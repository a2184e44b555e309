namespace Arbiter.Isolation.Supervision;

/// <summary>What the policy says after an exit: restart after a delay, or stop (with the reason).</summary>
/// <param name="Restart">True to start again after <paramref name="Delay"/>.</param>
/// <param name="Delay">How long to wait before the restart (zero when stopping).</param>
/// <param name="Restarts">Restarts so far, this one included when <paramref name="Restart"/> is true.</param>
/// <param name="Reason">Why supervision stops, when it does ("policy never", "exited cleanly", "restart limit 3 reached").</param>
public sealed record RestartDecision(bool Restart, TimeSpan Delay, int Restarts, string? Reason)
{
    /// <summary>Restart after a delay.</summary>
    public static RestartDecision After(TimeSpan delay, int restarts) => new(true, delay, restarts, null);

    /// <summary>Stop supervising.</summary>
    public static RestartDecision GiveUp(string reason, int restarts) => new(false, TimeSpan.Zero, restarts, reason);
}
