using System.Diagnostics;

namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// A server's replicated log in memory (Ongaro &amp; Ousterhout 2014, §5.3 log replication, §7 compaction; the split
/// into stable and unstable parts from etcd raft, log.go and log_unstable.go): an optional snapshot, the entries
/// after it, how far the entries are known durable (<see cref="StableIndex"/>), committed and applied.
/// </summary>
/// <remarks>
/// Indexes are 1-based; the snapshot's (index, term) stands for the entries it replaced, so the consistency check
/// of the first entry after it still works. Cost: lookups O(1); appends O(new entries); a truncation O(dropped).
/// <para>The log also tracks the group's configuration (dissertation §4.1): a server uses the latest configuration
/// in its log, committed or not, so it is the last configuration entry, else the snapshot's, else the initial one;
/// truncating an uncommitted configuration entry falls back to the one before it. Cost: O(1) for the latest,
/// O(configuration entries held) for one at an older index.</para>
/// </remarks>
public sealed class RaftLog
{
    private readonly List<RaftEntry> _entries = [];
    private readonly List<(long Index, RaftConfiguration Configuration)> _configurations = [];
    private readonly RaftConfiguration _initial;
    private RaftConfiguration _base;

    /// <summary>An empty log (with an empty configuration).</summary>
    public RaftLog()
    {
        _initial = _base = RaftConfiguration.Empty;
    }

    /// <summary>A log rebuilt from stable storage: every recovered entry is stable (configuration: see the other overload, with none initially).</summary>
    public RaftLog(RaftRecovered recovered)
        : this(recovered, RaftConfiguration.Empty)
    {
    }

    /// <summary>A log rebuilt from stable storage, its configuration from the latest configuration entry, else the
    /// snapshot's, else <paramref name="initial"/> (what the group was bootstrapped with).</summary>
    public RaftLog(RaftRecovered recovered, RaftConfiguration initial)
    {
        ArgumentNullException.ThrowIfNull(recovered);
        ArgumentNullException.ThrowIfNull(initial);
        _initial = _base = initial;
        if (recovered.Snapshot is { } s)
        {
            Snapshot = s;
            SnapshotIndex = s.Index;
            SnapshotTerm = s.Term;
            _base = s.Configuration ?? initial;
        }

        _entries.AddRange(recovered.Entries.Where(e => e.Index > SnapshotIndex));
        NoteConfigurations(_entries);
        StableIndex = LastIndex;
        Committed = Math.Clamp(recovered.HardState.Commit, SnapshotIndex, LastIndex);
        Applied = SnapshotIndex;
    }

    /// <summary>The latest snapshot (taken here or installed from a leader), or null.</summary>
    public RaftSnapshot? Snapshot { get; private set; }

    /// <summary>A snapshot installed from a leader and not yet handed out in a Ready.</summary>
    public RaftSnapshot? UnstableSnapshot { get; internal set; }

    /// <summary>The last index the snapshot covers (0: none).</summary>
    public long SnapshotIndex { get; private set; }

    /// <summary>The term of that index.</summary>
    public long SnapshotTerm { get; private set; }

    /// <summary>The first index still held as an entry.</summary>
    public long FirstIndex => SnapshotIndex + 1;

    /// <summary>The index of the last entry (or of the snapshot when there is none).</summary>
    public long LastIndex => SnapshotIndex + _entries.Count;

    /// <summary>The term of the last entry.</summary>
    public long LastTerm => _entries.Count > 0 ? _entries[^1].Term : SnapshotTerm;

    /// <summary>Entries up to here are durable.</summary>
    public long StableIndex { get; private set; }

    /// <summary>The highest index known committed.</summary>
    public long Committed { get; private set; }

    /// <summary>The highest index applied to the state machine.</summary>
    public long Applied { get; private set; }

    /// <summary>The entries after the snapshot, in order.</summary>
    public IReadOnlyList<RaftEntry> Entries => _entries;

    /// <summary>Changes with every append or truncation (invariant checkers rescan only changed logs).</summary>
    public long Version { get; private set; }

    /// <summary>The configuration in force on this server: the latest in the log, committed or not (§4.1).</summary>
    public RaftConfiguration Configuration => _configurations.Count > 0 ? _configurations[^1].Configuration : _base;

    /// <summary>The index of the entry that set <see cref="Configuration"/> (the snapshot index, or 0, when none held does).</summary>
    public long ConfigurationIndex => _configurations.Count > 0 ? _configurations[^1].Index : SnapshotIndex;

    /// <summary>The configuration of the log's prefix up to <paramref name="index"/> (for an index under the
    /// snapshot: the snapshot's, the earliest this log still knows).</summary>
    public RaftConfiguration ConfigurationAt(long index)
    {
        for (int k = _configurations.Count - 1; k >= 0; k--)
        {
            if (_configurations[k].Index <= index)
            {
                return _configurations[k].Configuration;
            }
        }

        return _base;
    }

    /// <summary>The configuration as of the commit index.</summary>
    public RaftConfiguration CommittedConfiguration => ConfigurationAt(Committed);

    /// <summary>The term of the entry at <paramref name="index"/>, or null when compacted or beyond the end.</summary>
    public long? Term(long index)
    {
        if (index == SnapshotIndex)
        {
            return SnapshotTerm;
        }

        return index < SnapshotIndex || index > LastIndex ? null : _entries[(int)(index - SnapshotIndex - 1)].Term;
    }

    /// <summary>The entry at <paramref name="index"/> (which must be held).</summary>
    public RaftEntry At(long index)
    {
        Debug.Assert(index > SnapshotIndex && index <= LastIndex, "entry outside the log");
        return _entries[(int)(index - SnapshotIndex - 1)];
    }

    /// <summary>True when the log holds an entry of <paramref name="term"/> at <paramref name="index"/>.</summary>
    public bool MatchTerm(long index, long term) => Term(index) == term;

    /// <summary>§5.4.1: a candidate whose last entry is (<paramref name="lastIndex"/>, <paramref name="lastTerm"/>) is at
    /// least as up to date as this log: later last term, or the same term and at least as long.</summary>
    public bool IsUpToDate(long lastIndex, long lastTerm) => lastTerm > LastTerm || (lastTerm == LastTerm && lastIndex >= LastIndex);

    /// <summary>Appends <paramref name="entries"/> at the end (the leader's own proposals). Returns the new last index.</summary>
    public long Append(IEnumerable<RaftEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (RaftEntry e in entries)
        {
            Debug.Assert(e.Index == LastIndex + 1, "appended entries must follow the log");
            _entries.Add(e);
            NoteConfiguration(e);
        }

        Version++;
        return LastIndex;
    }

    /// <summary>
    /// The follower's side of AppendEntries (§5.3): if the log holds (<paramref name="prevIndex"/>,
    /// <paramref name="prevTerm"/>), drops entries that conflict with <paramref name="entries"/> (and everything after
    /// them), appends the new ones and advances the commit index. Returns the last index the leader's message
    /// vouches for, or −1 when the consistency check fails.
    /// </summary>
    public long MaybeAppend(long prevIndex, long prevTerm, IReadOnlyList<RaftEntry> entries, long commit)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (!MatchTerm(prevIndex, prevTerm))
        {
            return -1;
        }

        long lastNew = prevIndex + entries.Count;
        for (int k = 0; k < entries.Count; k++)
        {
            RaftEntry e = entries[k];
            if (e.Index <= SnapshotIndex)
            {
                continue; // already in the snapshot, hence committed and identical
            }

            if (e.Index <= LastIndex && MatchTerm(e.Index, e.Term))
            {
                continue; // already held: a duplicate or reordered append must not truncate (§5.3, "if an existing entry conflicts")
            }

            // The first conflict (or the first new entry): everything from here on is the leader's.
            if (e.Index <= LastIndex)
            {
                Debug.Assert(e.Index > Committed, "a leader tried to overwrite a committed entry");
                if (e.Index <= Committed)
                {
                    throw new InvalidOperationException($"entry {e.Index} is committed and may not be overwritten (log matching broken)");
                }

                TruncateFrom(e.Index);
            }

            for (int j = k; j < entries.Count; j++)
            {
                _entries.Add(entries[j]);
                NoteConfiguration(entries[j]);
            }

            Version++;
            break;
        }

        CommitTo(Math.Min(commit, lastNew));
        return lastNew;
    }

    /// <summary>
    /// The fast-backoff hint (etcd raft, log.go findConflictByTerm): the largest index at or below
    /// <paramref name="index"/> whose term is at most <paramref name="term"/>, with that term (0 when unknown).
    /// A leader skips a whole conflicting term per round trip instead of one entry (§5.3, end).
    /// </summary>
    public (long Index, long Term) FindConflictByTerm(long index, long term)
    {
        index = Math.Min(index, LastIndex);
        for (; index >= SnapshotIndex; index--)
        {
            long? t = Term(index);
            if (t is null)
            {
                break;
            }

            if (t <= term)
            {
                return (index, t.Value);
            }
        }

        return (Math.Max(index, 0), 0);
    }

    /// <summary>Entries from <paramref name="from"/> to the end, at most <paramref name="maxCount"/> and about
    /// <paramref name="maxBytes"/> (at least one when any exists). <paramref name="from"/> must be held.</summary>
    public List<RaftEntry> Slice(long from, int maxCount, int maxBytes)
    {
        var slice = new List<RaftEntry>();
        long bytes = 0;
        for (long i = from; i <= LastIndex && slice.Count < maxCount; i++)
        {
            RaftEntry e = At(i);
            bytes += e.Size;
            if (slice.Count > 0 && bytes > maxBytes)
            {
                break;
            }

            slice.Add(e);
        }

        return slice;
    }

    /// <summary>Raises the commit index (never lowers it). True if it moved.</summary>
    public bool CommitTo(long index)
    {
        if (index <= Committed)
        {
            return false;
        }

        Debug.Assert(index <= LastIndex, "commit beyond the log");
        Committed = Math.Min(index, LastIndex);
        return true;
    }

    /// <summary>Notes that the state machine applied up to <paramref name="index"/>.</summary>
    public void AppliedTo(long index)
    {
        Debug.Assert(index <= Committed, "applied beyond commit");
        Applied = Math.Max(Applied, index);
    }

    /// <summary>The committed entries not yet applied, in order.</summary>
    public List<RaftEntry> NextCommitted()
    {
        var list = new List<RaftEntry>();
        for (long i = Math.Max(Applied, SnapshotIndex) + 1; i <= Committed; i++)
        {
            list.Add(At(i));
        }

        return list;
    }

    /// <summary>The entries not yet durable.</summary>
    public List<RaftEntry> Unstable()
    {
        var list = new List<RaftEntry>();
        for (long i = Math.Max(StableIndex, SnapshotIndex) + 1; i <= LastIndex; i++)
        {
            list.Add(At(i));
        }

        return list;
    }

    /// <summary>Entries up to (<paramref name="index"/>, <paramref name="term"/>) were persisted; ignored if that entry has since been replaced.</summary>
    public void StableTo(long index, long term)
    {
        if (MatchTerm(index, term))
        {
            StableIndex = Math.Max(StableIndex, index);
        }
    }

    /// <summary>
    /// Log compaction (§7): the state machine's snapshot <paramref name="data"/> at applied index
    /// <paramref name="index"/> replaces every entry up to it.
    /// </summary>
    public RaftSnapshot Compact(long index, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (index <= SnapshotIndex || index > Applied)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"a snapshot must lie in ({SnapshotIndex}, {Applied}], the applied part of the log");
        }

        // The snapshot replaces the configuration entries it covers, so it carries the configuration at its index.
        _base = ConfigurationAt(index);
        _configurations.RemoveAll(c => c.Index <= index);
        var snapshot = new RaftSnapshot(index, Term(index)!.Value, data) { Configuration = _base };
        _entries.RemoveRange(0, (int)(index - SnapshotIndex));
        Snapshot = snapshot;
        SnapshotIndex = index;
        SnapshotTerm = snapshot.Term;
        StableIndex = Math.Max(StableIndex, index);
        Version++;
        return snapshot;
    }

    /// <summary>
    /// Installs a leader's snapshot (§7, InstallSnapshot): the log becomes the snapshot alone, committed to its
    /// index; the state machine must restore it (it is handed out as <see cref="UnstableSnapshot"/>).
    /// </summary>
    public void Restore(RaftSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _entries.Clear();
        _configurations.Clear();
        _base = snapshot.Configuration ?? _initial;
        Snapshot = snapshot;
        UnstableSnapshot = snapshot;
        SnapshotIndex = snapshot.Index;
        SnapshotTerm = snapshot.Term;
        StableIndex = snapshot.Index;
        Committed = snapshot.Index;
        Applied = Math.Min(Applied, snapshot.Index);
        Version++;
    }

    /// <summary>The state machine restored the installed snapshot.</summary>
    internal void SnapshotApplied(RaftSnapshot snapshot)
    {
        if (ReferenceEquals(UnstableSnapshot, snapshot))
        {
            UnstableSnapshot = null;
        }

        Applied = Math.Max(Applied, snapshot.Index);
    }

    private void TruncateFrom(long index)
    {
        _entries.RemoveRange((int)(index - SnapshotIndex - 1), (int)(LastIndex - index + 1));
        StableIndex = Math.Min(StableIndex, index - 1);

        // §4.1: a configuration entry truncated away takes its configuration with it; the previous one applies again.
        _configurations.RemoveAll(c => c.Index >= index);
        Version++;
    }

    private void NoteConfiguration(RaftEntry e)
    {
        if (e.Configuration is { } c)
        {
            _configurations.Add((e.Index, c));
        }
    }

    private void NoteConfigurations(IEnumerable<RaftEntry> entries)
    {
        foreach (RaftEntry e in entries)
        {
            NoteConfiguration(e);
        }
    }
}
