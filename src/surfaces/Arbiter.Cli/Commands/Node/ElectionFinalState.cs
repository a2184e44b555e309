namespace Arbiter.Cli.Commands.Node;

/// <summary>
/// Printed by an election node process as it stops: its term and the leader it follows — what the simulator's
/// agreement check reads from the running nodes at the end of a run.
/// </summary>
/// <param name="Node">The node.</param>
/// <param name="Term">The highest term it knows.</param>
/// <param name="Leader">The leader it follows (itself when it leads); null if none.</param>
/// <param name="IsLeader">True while it leads.</param>
internal sealed record ElectionFinalState(int Node, long Term, int? Leader, bool IsLeader);
