namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// Log replication (§5.3), commitment (§5.4.2, Figure 8), heartbeats, snapshots (§7), ReadIndex (dissertation
/// §6.4) and the rejoin of a server whose storage was truncated.
/// </summary>
public sealed partial class RaftCore
{
    /// <summary>The Index of an <see cref="RaftMessage.AppendResponse"/> that says "my log ends at HintIndex" (storage loss).</summary>
    public const long LostEntriesNotice = -1;

    private void BroadcastAppend()
    {
        foreach (int member in Configuration.Members)
        {
            if (member != Id)
            {
                SendAppend(member, sendIfEmpty: true); // learners too (§4.2.1): they must keep up
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="to"/> the entries from its Next, as one size-limited batch, or a snapshot when they are
    /// compacted away. In Replicate the Next moves optimistically past what was sent (pipelining); in Probe one
    /// append waits for its answer. Returns true when a message was sent.
    /// </summary>
    private bool SendAppend(int to, bool sendIfEmpty)
    {
        Progress pr = _progress[to];
        if (pr.IsPaused)
        {
            return false;
        }

        long prevIndex = pr.Next - 1;
        long? prevTerm = Log.Term(prevIndex);
        if (prevTerm is null)
        {
            // The entries it needs are compacted: send the snapshot instead (§7).
            RaftSnapshot snapshot = Log.Snapshot!;
            Send(to, new RaftMessage.InstallSnapshot(Term, snapshot));
            pr.BecomeSnapshot(snapshot.Index);
            return true;
        }

        List<RaftEntry> entries = pr.Next <= Log.LastIndex
            ? Log.Slice(pr.Next, _options.MaxEntriesPerMessage, _options.MaxBytesPerMessage)
            : [];
        if (entries.Count == 0 && !sendIfEmpty)
        {
            return false;
        }

        var append = new RaftMessage.AppendRequest(Term, prevIndex, prevTerm.Value, entries, Log.Committed);
        if (_termDurable)
        {
            // §10.2.1: the follower may store these while we store them. Safe once our term is durable (we cannot
            // lead this term twice), and the commit index counts only durable copies (see Ready).
            SendEarly(to, append);
        }
        else
        {
            Send(to, append);
        }

        if (pr.State == ProgressState.Replicate)
        {
            if (entries.Count > 0)
            {
                long last = entries[^1].Index;
                pr.Next = last + 1;
                pr.Inflights.Add(last);
            }
        }
        else
        {
            pr.ProbeSent = true;
        }

        return true;
    }

    private void BroadcastHeartbeat()
    {
        long context = _reads.LastContext;
        foreach (int member in Configuration.Members)
        {
            if (member != Id)
            {
                // Capped at the follower's match: it must not commit an index it may not hold yet.
                Send(member, new RaftMessage.Heartbeat(Term, Math.Min(_progress[member].Match, Log.Committed), context));
            }
        }
    }

    private void HandleAppend(int from, RaftMessage.AppendRequest append)
    {
        if (append.PrevIndex < Log.Committed)
        {
            // Everything up to our commit index is settled; tell the leader where we stand.
            Send(from, new RaftMessage.AppendResponse(Term, true, Log.Committed, 0, 0));
            return;
        }

        long lastNew = Log.MaybeAppend(append.PrevIndex, append.PrevTerm, append.Entries, append.Commit);
        if (lastNew >= 0)
        {
            MaybeRejoin();
            Send(from, new RaftMessage.AppendResponse(Term, true, lastNew, 0, 0));
            return;
        }

        // The consistency check failed: hint at the largest index that may match, skipping our whole conflicting
        // term at once (§5.3, the optimisation "the follower can include the term of the conflicting entry").
        var (hintIndex, hintTerm) = Log.FindConflictByTerm(Math.Min(append.PrevIndex, Log.LastIndex), append.PrevTerm);
        Send(from, new RaftMessage.AppendResponse(Term, false, append.PrevIndex, hintIndex, hintTerm));
    }

    private void HandleHeartbeat(int from, RaftMessage.Heartbeat heartbeat)
    {
        if (Recovering)
        {
            // A heartbeat's commit index is capped at what the leader believes we acknowledged, and our storage
            // may have lost exactly that: a cut tail can even resurrect entries a later record had overwritten.
            // So take commitment only from appends that pass the consistency check, and ask to be probed from
            // our own commit index (which a cut cannot have made wrong: committed entries are never replaced).
            Send(from, new RaftMessage.AppendResponse(Term, false, LostEntriesNotice, Log.Committed, 0));
        }
        else if (heartbeat.Commit <= Log.LastIndex)
        {
            Log.CommitTo(heartbeat.Commit);
        }
        else
        {
            // The leader believes we hold entries we do not: our storage lost them (a truncated tail). Tell it
            // where our log really ends (Index −1 marks this notice), or it would never resend them.
            Send(from, new RaftMessage.AppendResponse(Term, false, LostEntriesNotice, Log.LastIndex, 0));
        }

        Send(from, new RaftMessage.HeartbeatResponse(Term, heartbeat.Context));
    }

    private void HandleSnapshot(int from, RaftMessage.InstallSnapshot message)
    {
        RaftSnapshot snapshot = message.Snapshot;
        if (snapshot.Index <= Log.Committed)
        {
            Send(from, new RaftMessage.AppendResponse(Term, true, Log.Committed, 0, 0));
            return;
        }

        if (Log.MatchTerm(snapshot.Index, snapshot.Term))
        {
            // We hold the entry the snapshot ends with, hence (log matching) everything before it: just commit.
            Log.CommitTo(snapshot.Index);
        }
        else
        {
            Log.Restore(snapshot);
        }

        MaybeRejoin();
        Send(from, new RaftMessage.AppendResponse(Term, true, Log.LastIndex, 0, 0));
    }

    /// <summary>
    /// A server with truncated storage rejoins elections once its log ends with an entry of the current term
    /// received from the leader: by log matching its log then equals the leader's up to there, and the leader's log
    /// holds every committed entry (leader completeness), including any this server acknowledged and lost.
    /// </summary>
    private void MaybeRejoin()
    {
        if (Recovering && Log.LastTerm == Term && Leader != 0)
        {
            Recovering = false;
        }
    }

    private void HandleAppendResponse(int from, RaftMessage.AppendResponse response)
    {
        if (from == Id)
        {
            HandleOwnAppendResponse(response);
            return;
        }

        if (!_progress.TryGetValue(from, out Progress? pr))
        {
            return;
        }

        pr.RecentActive = true;
        if (!response.Success)
        {
            if (response.Index == 0 && response.HintIndex == 0)
            {
                return; // a bare "newer term" notice of the same term: nothing to learn
            }

            if (response.Index == LostEntriesNotice)
            {
                // Lowering a match is always safe: it only delays commitment, which never goes back.
                pr.LostEntries(response.HintIndex);
                SendAppend(from, sendIfEmpty: true);
                return;
            }

            long next = response.HintTerm > 0 ? Log.FindConflictByTerm(response.HintIndex, response.HintTerm).Index : response.HintIndex;
            if (pr.MaybeDecrementTo(response.Index, next))
            {
                if (pr.State == ProgressState.Replicate)
                {
                    pr.BecomeProbe();
                }

                SendAppend(from, sendIfEmpty: true);
            }

            return;
        }

        bool wasPaused = pr.IsPaused;
        if (!pr.MaybeUpdate(response.Index))
        {
            return;
        }

        switch (pr.State)
        {
            case ProgressState.Probe:
                pr.BecomeReplicate();
                break;
            case ProgressState.Snapshot when pr.Match >= pr.PendingSnapshot:
                pr.BecomeProbe();
                pr.BecomeReplicate();
                break;
            case ProgressState.Replicate:
                pr.Inflights.FreeTo(response.Index);
                break;
        }

        if (MaybeCommit())
        {
            BroadcastAppend(); // followers learn the new commit index
            MaybeStepDownRemoved();
            if (Role != RaftRole.Leader)
            {
                return;
            }
        }
        else if (wasPaused)
        {
            SendAppend(from, sendIfEmpty: false);
        }

        // The window may have room for several size-limited batches now.
        while (SendAppend(from, sendIfEmpty: false))
        {
        }

        if (from == TransferTarget && pr.Match == Log.LastIndex)
        {
            Send(from, new RaftMessage.TimeoutNow(Term));
        }
    }

    /// <summary>
    /// <see cref="RaftOptions.LeaderWritesInParallel"/>: our entries up to the response's index are on our disk (the
    /// driver delivered the acknowledgement Ready sent after persisting them), and so is our term.
    /// </summary>
    private void HandleOwnAppendResponse(RaftMessage.AppendResponse response)
    {
        _termDurable = true;
        if (_progress[Id].MaybeUpdate(response.Index) && MaybeCommit())
        {
            BroadcastAppend(); // followers learn the new commit index
            MaybeStepDownRemoved();
        }
    }

    private void HandleHeartbeatResponse(int from, RaftMessage.HeartbeatResponse response)
    {
        if (!_progress.TryGetValue(from, out Progress? pr))
        {
            return;
        }

        pr.RecentActive = true;
        pr.ProbeSent = false;
        if (pr.State == ProgressState.Replicate && pr.Inflights.Full)
        {
            pr.Inflights.FreeFirst();
        }

        if (pr.Match < Log.LastIndex)
        {
            SendAppend(from, sendIfEmpty: true);
        }

        if (response.Context != 0)
        {
            foreach (ReadState read in _reads.Ack(from, response.Context, Configuration))
            {
                _readStates.Add(read);
            }
        }
    }

    /// <summary>
    /// Advances the commit index to the highest index a majority holds — but only if that entry is of the current
    /// term (§5.4.2, Figure 8: an entry of an earlier term stored on a majority can still be overwritten; it is
    /// committed indirectly, by log matching, when an entry of the current term after it is).
    /// </summary>
    private bool MaybeCommit()
    {
        // §4.1/§4.2.2: the voters of the latest configuration; a leader being removed is not among them.
        RaftConfiguration config = Configuration;
        long[] matches = new long[config.Voters.Count];
        int k = 0;
        foreach (int voter in config.Voters)
        {
            matches[k++] = _progress[voter].Match;
        }

        Array.Sort(matches);
        long majority = matches[matches.Length - config.Quorum];
        if (majority <= Log.Committed || Log.Term(majority) != Term)
        {
            return false;
        }

        bool firstInTerm = Log.Term(Log.Committed) != Term;
        Log.CommitTo(majority);
        if (firstInTerm)
        {
            foreach (var (context, lease) in _readsAwaitingCommit)
            {
                ServeRead(context, lease);
            }

            _readsAwaitingCommit.Clear();
        }

        return true;
    }

    private void ServeRead(long context, bool lease)
    {
        if ((Configuration.Quorum == 1 && Configuration.IsVoter(Id)) || (lease && _options.CheckQuorum))
        {
            // A lone server, or a lease (§6.4.1): check-quorum deposes this leader within an election timeout of
            // losing the majority, and voters ignore elections for that long, so no newer leader can have
            // committed anything yet — given bounded clock drift between servers.
            _readStates.Add(new ReadState(Log.Committed, context));
            return;
        }

        _reads.Add(context, Log.Committed, Id);
        BroadcastHeartbeat();
    }
}
