namespace Arbiter.Core.Scheduling.Policies;

/// <summary>
/// Shortest time-to-completion first (STCF, also called preemptive SJF or SRTF). OSTEP ch. 7 §7.5. As
/// <see cref="ShortestJobFirst"/>, and whenever a job becomes ready the running job with the most remaining work is
/// preempted if the new shortest ready job needs strictly less (a tie does not preempt). O(log n) per decision.
/// </summary>
public sealed class ShortestTimeToCompletion : ShortestJobFirst
{
    /// <inheritdoc/>
    public override string Name => "stcf";

    /// <inheritdoc/>
    public override bool IsPreemptive => true;

    /// <inheritdoc/>
    public override long Rank(int running, long now) => Context.Progress.Remaining(running);

    /// <inheritdoc/>
    public override bool ShouldPreempt(int running, long now) => ShortestReady < Context.Progress.Remaining(running);
}
