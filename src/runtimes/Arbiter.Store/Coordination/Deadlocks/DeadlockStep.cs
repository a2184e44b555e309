namespace Arbiter.Store.Coordination;

/// <summary>One edge of a reported deadlock cycle: <paramref name="Lease"/> waits (since <paramref name="Since"/>)
/// for <paramref name="Resource"/>, which keeps it waiting on <paramref name="BlockedBy"/>.</summary>
/// <param name="Lease">The waiting owner.</param>
/// <param name="Name">Its display name (or "lease N").</param>
/// <param name="Resource">What it waits for.</param>
/// <param name="Units">Units it asked for (1 for a mutex or a lock).</param>
/// <param name="Since">Revision at which its wait began.</param>
/// <param name="BlockedBy">The owner it waits on: the next step's owner.</param>
/// <param name="Reason">Whether that owner holds the resource or is queued ahead for it.</param>
public sealed record DeadlockStep(long Lease, string Name, string Resource, int Units, long Since, long BlockedBy, WaitReason Reason);
