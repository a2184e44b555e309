using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Raft;

/// <summary>
/// The administrator of a <see cref="RaftScenario"/>: asks for each <see cref="RaftMembershipStep"/> in turn with a
/// <see cref="RaftMessage.ClientConfChange"/>, follows NotLeader hints, retries refusals (a change pending, a learner
/// still catching up) and silences. When a reply is lost after the change committed, a retry would be refused as
/// "already a member": the administrator first looks for the committed configuration among the observations.
/// </summary>
internal sealed class RaftAdministrator
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(400);

    private readonly IReadOnlyList<RaftMembershipStep> _steps;
    private readonly RaftConfiguration[] _targets;
    private readonly int _servers;
    private readonly Dictionary<long, (int Step, int Attempt)> _pending = [];
    private long _nextTag = 1L << 40; // apart from the command client's tags
    private int _attempt;
    private int _target = 1;
    private long _doneIndex;
    private int _scanned;

    public RaftAdministrator(IReadOnlyList<RaftMembershipStep> steps, int servers, RaftConfiguration initial)
    {
        _steps = steps;
        _servers = servers;
        _targets = new RaftConfiguration[steps.Count];
        RaftConfiguration config = initial;
        for (int k = 0; k < steps.Count; k++)
        {
            config = _targets[k] = config.Apply(steps[k].Change); // throws on a plan that cannot work
        }
    }

    /// <summary>Steps acknowledged so far.</summary>
    public int Acknowledged { get; private set; }

    public bool Done => Acknowledged == _steps.Count;

    public void Start(Simulation<RaftMessage, RaftRecord> sim)
    {
        if (!Done)
        {
            sim.At(_steps[0].At, s => Send(s, _target));
        }
    }

    /// <summary>Handles a reply if it is one of ours (true), else leaves it to the command client.</summary>
    public bool OnReply(Simulation<RaftMessage, RaftRecord> sim, int node, RaftMessage message)
    {
        if (message is not RaftMessage.ClientReply reply || !_pending.Remove(reply.Tag, out var sent))
        {
            return false;
        }

        if (sent.Step != Acknowledged || sent.Attempt != _attempt)
        {
            return true; // an answer to an attempt already superseded
        }

        switch (reply.Status)
        {
            case RaftReplyStatus.Ok:
                Complete(sim, reply.Index);
                break;
            case RaftReplyStatus.NotLeader:
                if (!FoundCommitted(sim))
                {
                    _target = reply.Leader != 0 ? reply.Leader : Next(node);
                    Later(sim, TimeSpan.FromMilliseconds(5));
                }

                break;
            default:
                if (!FoundCommitted(sim))
                {
                    Later(sim, Retry);
                }

                break;
        }

        return true;
    }

    public string? Finish() => Done ? null : $"only {Acknowledged} of {_steps.Count} membership changes acknowledged by the end";

    private void Send(Simulation<RaftMessage, RaftRecord> sim, int node)
    {
        int step = Acknowledged, attempt = ++_attempt;
        long tag = ++_nextTag;
        _pending[tag] = (step, attempt);
        sim.Schedule(sim.Now, node, new RaftMessage.ClientConfChange(tag, _steps[step].Change));
        sim.At(sim.Now + Timeout, s =>
        {
            if (Acknowledged == step && _attempt == attempt && !FoundCommitted(s))
            {
                _target = Next(node); // silence: try the next server
                Send(s, _target);
            }
        });
    }

    private void Later(Simulation<RaftMessage, RaftRecord> sim, TimeSpan delay)
    {
        int step = Acknowledged, attempt = ++_attempt; // the pending timeout is superseded
        sim.At(sim.Now + delay, s =>
        {
            if (Acknowledged == step && _attempt == attempt)
            {
                Send(s, _target);
            }
        });
    }

    private bool FoundCommitted(Simulation<RaftMessage, RaftRecord> sim)
    {
        IReadOnlyList<Observation> seen = sim.Observations;
        for (; _scanned < seen.Count; _scanned++)
        {
            if (seen[_scanned].Value is RaftConfigurationApplied a && a.Index > _doneIndex && a.Configuration.Equals(_targets[Acknowledged]))
            {
                _scanned++;
                Complete(sim, a.Index);
                return true;
            }
        }

        return false;
    }

    private void Complete(Simulation<RaftMessage, RaftRecord> sim, long index)
    {
        _doneIndex = index;
        Acknowledged++;
        _attempt++;
        if (!Done)
        {
            TimeSpan at = _steps[Acknowledged].At > sim.Now ? _steps[Acknowledged].At : sim.Now;
            int step = Acknowledged;
            sim.At(at, s =>
            {
                if (Acknowledged == step)
                {
                    Send(s, _target);
                }
            });
        }
    }

    private int Next(int node) => (node % _servers) + 1;
}
