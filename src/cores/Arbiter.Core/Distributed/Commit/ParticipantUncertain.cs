namespace Arbiter.Core.Distributed.Commit;

/// <summary>
/// Observation: participant <paramref name="Node"/> voted yes and has waited for the outcome in vain: it is in the
/// window of uncertainty and blocked (it may neither commit nor abort on its own) until the coordinator answers.
/// </summary>
/// <param name="Node">The blocked participant.</param>
public sealed record ParticipantUncertain(int Node);
