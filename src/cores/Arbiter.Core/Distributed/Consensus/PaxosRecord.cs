namespace Arbiter.Core.Distributed.Consensus;

/// <summary>
/// What a Paxos node keeps on stable storage ("Paxos Made Simple" §2.4: "an acceptor must remember this information
/// even if it fails and then restarts"): the acceptor's promise and accepted proposal, the proposer's last round.
/// </summary>
/// <param name="Promised">The highest ballot the acceptor promised.</param>
/// <param name="Accepted">The ballot of the proposal it accepted last.</param>
/// <param name="Value">That proposal's value.</param>
/// <param name="Round">The proposer's highest round used: a restarted proposer must not reuse a ballot.</param>
public readonly record struct PaxosRecord(Ballot Promised, Ballot Accepted, string? Value, long Round);
