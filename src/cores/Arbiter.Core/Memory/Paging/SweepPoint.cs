namespace Arbiter.Core.Memory.Paging;

/// <summary>Misses of one policy on one trace with a given number of frames.</summary>
/// <param name="Frames">The number of frames.</param>
/// <param name="Misses">Page faults, cold misses included.</param>
/// <param name="References">Length of the trace.</param>
public sealed record SweepPoint(int Frames, long Misses, long References)
{
    /// <summary>Misses over references.</summary>
    public double FaultRate => References == 0 ? 0 : (double)Misses / References;
}
