namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// Observation: the configuration in force on <paramref name="Node"/> changed — at start (from its snapshot, its log or
/// the initial configuration), when a configuration entry reached its log, when a conflicting suffix holding one was
/// cut, or when a snapshot was installed (dissertation §4.1: a server uses the latest configuration in its log,
/// committed or not). A runtime that routes by member reacts to this one, not to <see cref="RaftConfigurationApplied"/>:
/// a leader replicates to a new member as soon as the entry is in its log, long before it commits.
/// </summary>
/// <param name="Node">The server.</param>
/// <param name="Index">The index of the entry that set the configuration (the snapshot's index, or 0 for the initial one).</param>
/// <param name="Configuration">The configuration now in force, with its members' contexts (addresses).</param>
public sealed record RaftConfigurationChanged(int Node, long Index, RaftConfiguration Configuration);
