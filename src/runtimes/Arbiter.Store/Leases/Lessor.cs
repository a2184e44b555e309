using System.Diagnostics;

namespace Arbiter.Store.Leases;

/// <summary>
/// The leader's lease clock: deadlines, keep-alives and the decision that a lease has expired. Pure: the caller
/// passes the time (a monotonic reading, e.g. <c>TimeProvider.GetElapsedTime</c>) into every call.
/// </summary>
/// <remarks>
/// <para>Source: etcd's <c>server/lease/lessor.go</c> (Promote, Demote, Renew, the expired-lease loop) and the etcd
/// docs "Lease" section. Costs: Renew O(1); Expired O(n) over the leases (n is small next to the keys; a heap would
/// make it O(k log n) if it ever matters).</para>
/// <para><b>Clock assumption.</b> Only the leader's local clock is used, and only as a duration measure: its rate
/// must be roughly right (bounded drift), it need not agree with any other node's clock. Followers never expire
/// anything; expiry is a proposal (<c>LeaseExpireCommand</c>) that the log replicates, so every replica ends the
/// lease at the same revision. A client must assume its lease may end TTL after it <i>sent</i> its last keep-alive
/// (the leader may measure from a later moment, never an earlier one).</para>
/// <para><b>Why a full TTL on promotion.</b> A new leader cannot know how much of a lease's TTL ran out under the old
/// leader (their clocks are not comparable, and keep-alives answered by the old leader were never logged). Granting a
/// fresh full TTL errs on the side of keeping a lease too long (up to TTL + the election time), never of expiring
/// one that a client still refreshes — the same choice as etcd's <c>Promote</c>. The cost is that a dead client's
/// lease outlives its TTL after a leader change.</para>
/// </remarks>
public sealed class Lessor
{
    private readonly Dictionary<long, Tracked> _leases = [];
    private readonly TimeSpan _retry;

    /// <summary>Creates a lessor (not primary until <see cref="Promote"/>).</summary>
    /// <param name="expiryRetry">How long after reporting an expiry to report it again if the revoke has not applied (a lost proposal); etcd uses 3 s.</param>
    public Lessor(TimeSpan? expiryRetry = null)
    {
        _retry = expiryRetry ?? TimeSpan.FromSeconds(3);
    }

    /// <summary>True while this node is the leader.</summary>
    public bool IsPrimary { get; private set; }

    /// <summary>The number of leases tracked.</summary>
    public int Count => _leases.Count;

    /// <summary>
    /// This node became leader: track every lease of the state machine with a fresh full TTL from <paramref name="now"/>.
    /// </summary>
    /// <param name="now">The leader's clock.</param>
    /// <param name="leases">Every live lease (from <c>StoreStateMachine.LeaseLeases</c>).</param>
    public void Promote(TimeSpan now, IEnumerable<LeaseStatus> leases)
    {
        ArgumentNullException.ThrowIfNull(leases);
        _leases.Clear();
        foreach (var lease in leases)
        {
            _leases[lease.Id] = new Tracked(lease.GrantedTtl, now + Seconds(lease.GrantedTtl));
        }

        IsPrimary = true;
    }

    /// <summary>This node is no longer leader: forget every deadline.</summary>
    public void Demote()
    {
        _leases.Clear();
        IsPrimary = false;
    }

    /// <summary>A grant applied on the leader: start its clock.</summary>
    /// <param name="id">The lease id.</param>
    /// <param name="ttl">The TTL granted in seconds.</param>
    /// <param name="now">The leader's clock.</param>
    public void Granted(long id, long ttl, TimeSpan now)
    {
        if (IsPrimary)
        {
            _leases[id] = new Tracked(ttl, now + Seconds(ttl));
        }
    }

    /// <summary>A lease ended (revoke or expiry applied): stop tracking it.</summary>
    /// <param name="id">The lease id.</param>
    public void Ended(long id) => _leases.Remove(id);

    /// <summary>
    /// A keep-alive, answered by the leader without the log (as etcd does: renewals are not replicated, which is
    /// why a new leader restarts every TTL). Returns the TTL, or null if not leader, unknown, or already past its
    /// deadline (an expired lease is not revived: its revoke is on its way).
    /// </summary>
    /// <param name="id">The lease id.</param>
    /// <param name="now">The leader's clock.</param>
    /// <returns>The TTL in seconds, or null.</returns>
    public long? Renew(long id, TimeSpan now)
    {
        if (!IsPrimary || !_leases.TryGetValue(id, out var t) || t.Deadline <= now)
        {
            return null;
        }

        _leases[id] = new Tracked(t.Ttl, now + Seconds(t.Ttl));
        return t.Ttl;
    }

    /// <summary>Whole seconds left for the lease (-1 if not tracked or not leader).</summary>
    /// <param name="id">The lease id.</param>
    /// <param name="now">The leader's clock.</param>
    /// <returns>The seconds left, rounded up, at least 0.</returns>
    public long RemainingSeconds(long id, TimeSpan now)
    {
        if (!IsPrimary || !_leases.TryGetValue(id, out var t))
        {
            return -1;
        }

        var left = t.Deadline - now;
        return left <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(left.TotalSeconds);
    }

    /// <summary>
    /// The leases whose deadline has passed and that must be proposed for revocation, by id. Each is reported
    /// once, then again after the retry interval if its end has not been applied meanwhile.
    /// </summary>
    /// <param name="now">The leader's clock.</param>
    /// <returns>The ids to put in a <c>LeaseExpireCommand</c>.</returns>
    public IReadOnlyList<long> Expired(TimeSpan now)
    {
        if (!IsPrimary)
        {
            return [];
        }

        var due = new List<long>();
        foreach (var (id, t) in _leases)
        {
            if (t.Deadline <= now && t.RetryAt <= now)
            {
                due.Add(id);
            }
        }

        foreach (var id in due)
        {
            _leases[id] = _leases[id] with { RetryAt = now + _retry };
        }

        due.Sort();
        return due;
    }

    /// <summary>The earliest moment <see cref="Expired"/> may report something (for the server's timer).</summary>
    /// <returns>The moment, or null if nothing is tracked.</returns>
    public TimeSpan? NextDeadline()
    {
        TimeSpan? next = null;
        foreach (var t in _leases.Values)
        {
            var at = t.Deadline > t.RetryAt ? t.Deadline : t.RetryAt;
            if (next is null || at < next)
            {
                next = at;
            }
        }

        return next;
    }

    private static TimeSpan Seconds(long ttl)
    {
        Debug.Assert(ttl >= 0, "TTLs are not negative");
        return TimeSpan.FromSeconds(Math.Min(ttl, (long)TimeSpan.MaxValue.TotalSeconds / 2));
    }

    private readonly record struct Tracked(long Ttl, TimeSpan Deadline, TimeSpan RetryAt = default);
}
