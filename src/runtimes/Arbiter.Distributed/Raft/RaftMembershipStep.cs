using Arbiter.Core.Distributed.Raft;

namespace Arbiter.Distributed.Raft;

/// <summary>A membership change a <see cref="RaftScenario"/> asks for (dissertation §4.1), no earlier than
/// <paramref name="At"/> and only after the previous step was acknowledged.</summary>
/// <param name="At">The earliest time to ask.</param>
/// <param name="Change">The change.</param>
public sealed record RaftMembershipStep(TimeSpan At, RaftConfChange Change);
