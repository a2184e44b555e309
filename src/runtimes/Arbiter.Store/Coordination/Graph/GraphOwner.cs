namespace Arbiter.Store.Coordination;

/// <summary>An owner node of the live graph.</summary>
/// <param name="Lease">Its lease id.</param>
/// <param name="Name">Its display name (or "lease N").</param>
/// <param name="FirstSeen">Revision of its first coordination operation.</param>
/// <param name="Victimized">Times its wait was failed to break a deadlock.</param>
public sealed record GraphOwner(long Lease, string Name, long FirstSeen, int Victimized);
