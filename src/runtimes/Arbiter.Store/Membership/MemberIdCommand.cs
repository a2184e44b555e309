using Arbiter.Store.Commands;

namespace Arbiter.Store.Membership;

/// <summary>
/// A membership bookkeeping entry, proposed just before the configuration change it prepares (an add's id, a removal):
/// it goes through the log like a put, so every member — after any restart or snapshot install — agrees on the
/// highest member id ever used and on the ids removed (<see cref="MemberRegistry"/>).
/// </summary>
/// <param name="Action">What to do.</param>
/// <param name="Known">The highest id the proposer knows of (its configuration and command line): a floor for the
/// registry, so ids that entered the group without this command (the initial voters) count as used too.</param>
/// <param name="Member">The id claimed (<see cref="MemberIdAction.Claim"/>) or removed (<see cref="MemberIdAction.Remove"/>); 0 for <see cref="MemberIdAction.Next"/>.</param>
public sealed record MemberIdCommand(MemberIdAction Action, int Known, int Member) : StoreCommand;
