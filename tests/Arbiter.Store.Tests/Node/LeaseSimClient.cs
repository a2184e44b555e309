using Arbiter.Core.Distributed;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Store.Commands;
using Arbiter.Store.Leases;
using Arbiter.Store.Mvcc;
using Arbiter.Store.Node;

namespace Arbiter.Store.Tests.Node;

/// <summary>
/// A simulated client of the store's servers (a node that is not a voter): grants a renewed lease and a lease it
/// lets lapse, attaches a key to each, then keeps the first alive every half second until <see cref="StopRenewingAt"/>.
/// Every request goes to the next server in turn (so most land on followers and are forwarded); silence or NotLeader
/// sends it again to the next one.
/// </summary>
public sealed class LeaseSimClient(IReadOnlyList<int> servers, TimeSpan stopRenewingAt) : INode<RaftMessage, RaftRecord>
{
    public const long Renewed = 100, Lapsed = 200;
    public static readonly byte[] RenewedKey = "sim/renewed"u8.ToArray(), LapsedKey = "sim/lapsed"u8.ToArray();

    private const string RetryTimer = "retry", RenewTimer = "renew";

    private readonly byte[][] _setup =
    [
        StoreCommandCodec.Encode(new LeaseGrantCommand(new LeaseGrantRequest { Id = Renewed, Ttl = 2 })),
        StoreCommandCodec.Encode(new LeaseGrantCommand(new LeaseGrantRequest { Id = Lapsed, Ttl = 1 })),
        StoreCommandCodec.Encode(new PutCommand(new PutRequest { Key = RenewedKey, Value = [1], Lease = Renewed })),
        StoreCommandCodec.Encode(new PutCommand(new PutRequest { Key = LapsedKey, Value = [2], Lease = Lapsed })),
    ];

    private int _step;
    private int _server;
    private long _tag;
    private RaftMessage? _outstanding;

    public TimeSpan StopRenewingAt { get; } = stopRenewingAt;

    /// <summary>When the setup's four commands were all acknowledged (null while not).</summary>
    public TimeSpan? SetUpAt { get; private set; }

    /// <summary>Every keep-alive answer: when it arrived, which server answered it and the TTL it gave.</summary>
    public List<(TimeSpan At, int Server, long Ttl)> KeepAlives { get; } = [];

    public void Start(INodeContext<RaftMessage, RaftRecord> context) => SendNext(context);

    public void Receive(INodeContext<RaftMessage, RaftRecord> context, int from, RaftMessage message)
    {
        if (message is not RaftMessage.ClientReply reply || reply.Tag != _tag || _outstanding is null)
        {
            return; // a late answer to a request already sent again
        }

        if (reply.Status != RaftReplyStatus.Ok)
        {
            Retry(context);
            return;
        }

        context.CancelTimer(RetryTimer);
        _outstanding = null;
        if (_step < _setup.Length)
        {
            _step++;
            if (_step == _setup.Length)
            {
                SetUpAt = context.Now;
                context.SetTimer(RenewTimer, TimeSpan.Zero);
                return;
            }

            SendNext(context);
            return;
        }

        KeepAlives.Add((context.Now, from, LeaseQuery.DecodeAnswer(reply.Result).Ttl));
        if (context.Now + TimeSpan.FromMilliseconds(500) < StopRenewingAt)
        {
            context.SetTimer(RenewTimer, TimeSpan.FromMilliseconds(500));
        }
    }

    public void Fire(INodeContext<RaftMessage, RaftRecord> context, string timer)
    {
        if (timer == RetryTimer)
        {
            Retry(context);
        }
        else if (timer == RenewTimer && _outstanding is null)
        {
            SendNext(context);
        }
    }

    private void Retry(INodeContext<RaftMessage, RaftRecord> context)
    {
        _server++;
        SendNext(context);
    }

    private void SendNext(INodeContext<RaftMessage, RaftRecord> context)
    {
        _tag++;
        _outstanding = _step < _setup.Length
            ? new RaftMessage.ClientPropose(_tag, _setup[_step])
            : new RaftMessage.ClientRead(_tag, LeaseQuery.KeepAlive(Renewed), RaftReadMode.Linearizable);
        int to = servers[_server++ % servers.Count];
        context.Send(to, _outstanding);
        context.SetTimer(RetryTimer, TimeSpan.FromMilliseconds(300));
    }
}
