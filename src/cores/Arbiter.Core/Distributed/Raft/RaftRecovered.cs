namespace Arbiter.Core.Distributed.Raft;

/// <summary>The state a server rebuilds from its stable storage at start.</summary>
/// <param name="HardState">The last hard state persisted.</param>
/// <param name="Snapshot">The last snapshot persisted, or null.</param>
/// <param name="Entries">The log entries after the snapshot, consecutive.</param>
/// <param name="Truncated">True when the runtime cut a corrupt tail off the storage (promises may be lost).</param>
public sealed record RaftRecovered(HardState HardState, RaftSnapshot? Snapshot, IReadOnlyList<RaftEntry> Entries, bool Truncated)
{
    /// <summary>A first start: nothing persisted.</summary>
    public static RaftRecovered Empty { get; } = new(default, null, [], false);

    /// <summary>
    /// The configuration this state puts in force (dissertation §4.1): the last configuration entry, else the
    /// snapshot's, else <paramref name="initial"/>. (<see cref="RaftLog"/> recovers it the same way at start.)
    /// </summary>
    public RaftConfiguration LatestConfiguration(RaftConfiguration initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        for (int i = Entries.Count - 1; i >= 0; i--)
        {
            if (Entries[i].Configuration is { } c && Entries[i].Index > (Snapshot?.Index ?? 0))
            {
                return c;
            }
        }

        return Snapshot?.Configuration ?? initial;
    }

    /// <summary>
    /// Folds <paramref name="records"/> in order (later records override, see <see cref="RaftRecord"/>).
    /// Cost: O(total entries).
    /// </summary>
    public static RaftRecovered Fold(IReadOnlyList<RaftRecord> records, bool truncated)
    {
        ArgumentNullException.ThrowIfNull(records);
        HardState hard = default;
        RaftSnapshot? snapshot = null;
        var entries = new List<RaftEntry>();
        foreach (RaftRecord record in records)
        {
            switch (record)
            {
                case RaftRecord.HardStateRecord h:
                    hard = h.State;
                    break;
                case RaftRecord.SnapshotRecord s:
                    snapshot = s.Snapshot;
                    entries.RemoveAll(e => e.Index <= s.Snapshot.Index);
                    if (entries.Count > 0 && entries[0].Index != s.Snapshot.Index + 1)
                    {
                        entries.Clear();
                    }

                    break;
                case RaftRecord.EntriesRecord es when es.Entries.Count > 0:
                    long first = es.Entries[0].Index;
                    entries.RemoveAll(e => e.Index >= first);
                    long next = entries.Count > 0 ? entries[^1].Index + 1 : (snapshot?.Index ?? 0) + 1;
                    foreach (RaftEntry e in es.Entries)
                    {
                        if (e.Index == next)
                        {
                            entries.Add(e);
                            next++;
                        }
                    }

                    break;
            }
        }

        return new RaftRecovered(hard, snapshot, entries, truncated);
    }
}
