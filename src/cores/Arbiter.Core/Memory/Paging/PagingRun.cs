namespace Arbiter.Core.Memory.Paging;

/// <summary>The whole run of a policy over a reference string.</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="Frames">The number of frames.</param>
/// <param name="Accesses">Every reference in order.</param>
public sealed record PagingRun(string Policy, int Frames, IReadOnlyList<PageAccess> Accesses)
{
    /// <summary>References that found their page resident.</summary>
    public int Hits => Accesses.Count(a => a.Hit);

    /// <summary>References that faulted (cold misses included).</summary>
    public int Misses => Accesses.Count - Hits;

    /// <summary>Hits over references (0 for an empty run).</summary>
    public double HitRate => Accesses.Count == 0 ? 0 : (double)Hits / Accesses.Count;
}
