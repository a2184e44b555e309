namespace Arbiter.Core.Distributed.Raft;

/// <summary>A message the core wants sent, and to whom.</summary>
/// <param name="To">The destination server.</param>
/// <param name="Message">The message.</param>
public readonly record struct RaftEnvelope(int To, RaftMessage Message);
