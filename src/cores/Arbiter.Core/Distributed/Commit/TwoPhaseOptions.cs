namespace Arbiter.Core.Distributed.Commit;

/// <summary>A 2PC group: node 1 coordinates, the others participate.</summary>
/// <param name="Begin">When (local time) the coordinator starts the transaction.</param>
/// <param name="Timeout">How long the coordinator waits for votes (then aborts), and a prepared participant waits
/// before asking the coordinator again.</param>
public sealed record TwoPhaseOptions(TimeSpan Begin, TimeSpan Timeout)
{
    /// <summary>Participants that vote no (default: none, all vote yes).</summary>
    public IReadOnlySet<int> VoteNo { get; init; } = new HashSet<int>();
}
