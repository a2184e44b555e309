namespace Arbiter.Core.Distributed.Raft;

/// <summary>
/// Raft's message handling: the term rules (Figure 2, "all servers"), elections with pre-vote and the
/// check-quorum lease (§5.2, dissertation §9.6 and §6.2), and dispatch to replication.
/// </summary>
public sealed partial class RaftCore
{
    /// <summary>Handles a message from server <paramref name="from"/> (client messages are the driver's business).</summary>
    public void Step(int from, RaftMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        long term = TermOf(message);
        if (term == 0)
        {
            return; // not a server message
        }

        if (term > Term)
        {
            if (message is RaftMessage.VoteRequest request)
            {
                // §6.2/§9.6: while a voter hears from a leader it ignores elections, so a server that returns from
                // a partition with a raised term cannot depose a working leader (unless the leader asked: §3.10).
                // This is also what keeps a removed server, which never learns of its removal, from disrupting
                // the group (§4.2.3). Vote requests are deliberately not filtered by our configuration: a new
                // voter whose promotion we have not stored yet may be the only server able to win (see below).
                bool inLease = _options.CheckQuorum && Leader != 0 && _electionElapsed < _options.ElectionTicks;
                if (inLease && !request.Transfer)
                {
                    return;
                }

                if (!request.PreVote)
                {
                    BecomeFollower(term, 0);
                }
            }
            else if (message is RaftMessage.VoteResponse { PreVote: true, Granted: true })
            {
                // A granted pre-vote carries the term asked about, not a term anyone is in.
            }
            else
            {
                bool fromLeader = message is RaftMessage.AppendRequest or RaftMessage.Heartbeat or RaftMessage.InstallSnapshot;
                BecomeFollower(term, fromLeader ? from : 0);
            }
        }
        else if (term < Term)
        {
            if ((_options.CheckQuorum || _options.PreVote) && message is RaftMessage.AppendRequest or RaftMessage.Heartbeat)
            {
                // A stale leader (for instance one that was partitioned away) learns the new term and steps down;
                // without this, a server whose term ran ahead could stay locked out behind pre-vote.
                Send(from, new RaftMessage.AppendResponse(Term, false, 0, 0, 0));
            }
            else if (message is RaftMessage.VoteRequest { PreVote: true })
            {
                Send(from, new RaftMessage.VoteResponse(Term, false, true));
            }

            return; // §5.1: stale messages are ignored
        }

        switch (message)
        {
            case RaftMessage.VoteRequest request:
                HandleVoteRequest(from, request);
                break;
            case RaftMessage.VoteResponse response:
                HandleVoteResponse(from, response);
                break;
            case RaftMessage.AppendRequest append:
                FollowLeader(from);
                HandleAppend(from, append);
                break;
            case RaftMessage.Heartbeat heartbeat:
                FollowLeader(from);
                HandleHeartbeat(from, heartbeat);
                break;
            case RaftMessage.InstallSnapshot snapshot:
                FollowLeader(from);
                HandleSnapshot(from, snapshot);
                break;
            case RaftMessage.AppendResponse response when Role == RaftRole.Leader:
                HandleAppendResponse(from, response);
                break;
            case RaftMessage.HeartbeatResponse response when Role == RaftRole.Leader:
                HandleHeartbeatResponse(from, response);
                break;
            case RaftMessage.TimeoutNow when Role == RaftRole.Follower && Promotable:
                Campaign(transfer: true);
                break;
        }
    }

    private static long TermOf(RaftMessage message) => message switch
    {
        RaftMessage.VoteRequest m => m.Term,
        RaftMessage.VoteResponse m => m.Term,
        RaftMessage.AppendRequest m => m.Term,
        RaftMessage.AppendResponse m => m.Term,
        RaftMessage.Heartbeat m => m.Term,
        RaftMessage.HeartbeatResponse m => m.Term,
        RaftMessage.InstallSnapshot m => m.Term,
        RaftMessage.TimeoutNow m => m.Term,
        _ => 0,
    };

    /// <summary>A message of the current term from its leader: candidates give up (§5.2), the lease restarts.</summary>
    private void FollowLeader(int from)
    {
        if (Role != RaftRole.Follower)
        {
            BecomeFollower(Term, from);
        }

        Leader = from;
        _electionElapsed = 0;
    }

    private void Campaign(bool transfer, bool skipPreVote = false)
    {
        if (!Promotable)
        {
            return;
        }

        bool pre = _options.PreVote && !transfer && !skipPreVote;
        long term;
        if (pre)
        {
            // §9.6: ask first without raising the term; a server that cannot win disturbs nobody.
            ResetTerm(Term);
            Role = RaftRole.PreCandidate;
            term = Term + 1;
        }
        else
        {
            ResetTerm(Term + 1);
            Role = RaftRole.Candidate;
            Vote = Id; // persisted with the term before any VoteRequest leaves (Ready: persist, then send)
            term = Term;
        }

        _votes[Id] = true;
        if (Tally().Granted >= Configuration.Quorum)
        {
            WinElection(pre); // a group of one
            return;
        }

        foreach (int voter in Configuration.Voters)
        {
            if (voter != Id)
            {
                Send(voter, new RaftMessage.VoteRequest(term, Log.LastIndex, Log.LastTerm, pre, transfer));
            }
        }
    }

    private void WinElection(bool pre)
    {
        if (pre)
        {
            Campaign(transfer: false, skipPreVote: true); // the pre-vote is won: now the real election
            return;
        }

        BecomeLeader();
    }

    private void HandleVoteRequest(int from, RaftMessage.VoteRequest request)
    {
        // §5.2: one vote per term, first come first served; a pre-vote promises nothing, so it may be "granted" to
        // several. §5.4.1: only to a candidate whose log is at least as up to date as ours.
        // Membership (as etcd raft): a server votes even when its own configuration says it is a learner or not a
        // member — the candidate counts the vote only if its configuration holds us as a voter, so this is safe,
        // and it is needed: a promotion (or our addition) can commit without reaching us, and the only server
        // able to win may then need our vote. The membership sweep deadlocked without this.
        bool canVote = Vote == from || (Vote == 0 && Leader == 0) || (request.PreVote && request.Term > Term);
        if (canVote && !Recovering && Log.IsUpToDate(request.LastIndex, request.LastTerm))
        {
            Send(from, new RaftMessage.VoteResponse(request.Term, true, request.PreVote));
            if (!request.PreVote)
            {
                Vote = from;
                _electionElapsed = 0;
            }
        }
        else
        {
            Send(from, new RaftMessage.VoteResponse(Term, false, request.PreVote));
        }
    }

    private void HandleVoteResponse(int from, RaftMessage.VoteResponse response)
    {
        bool relevant = (Role == RaftRole.PreCandidate && response.PreVote) || (Role == RaftRole.Candidate && !response.PreVote);
        if (!relevant)
        {
            return;
        }

        _votes.TryAdd(from, response.Granted);
        var (granted, rejected) = Tally();
        if (granted >= Configuration.Quorum)
        {
            WinElection(Role == RaftRole.PreCandidate);
        }
        else if (rejected >= Configuration.Quorum)
        {
            BecomeFollower(Term, 0);
        }
    }

    private (int Granted, int Rejected) Tally()
    {
        int granted = 0, rejected = 0;
        RaftConfiguration config = Configuration;
        foreach (var (voter, yes) in _votes)
        {
            if (config.IsVoter(voter))
            {
                if (yes)
                {
                    granted++;
                }
                else
                {
                    rejected++;
                }
            }
        }

        return (granted, rejected);
    }
}
