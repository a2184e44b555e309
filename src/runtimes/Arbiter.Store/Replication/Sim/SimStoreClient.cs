using System.Globalization;
using System.Text;
using Arbiter.Core.Distributed;
using Arbiter.Core.Distributed.Linearizability;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Store.Commands;
using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Replication.Sim;

/// <summary>
/// A client of the replicated store as a node of the simulation (an id above the servers; not a Raft voter): it runs
/// a seeded workload of get, put, cas and del on a few keys, one operation at a time, and reports each finished
/// operation as a <see cref="HistoryOperation"/> through <c>context.Observe</c>, with call and return times in
/// microseconds of its clock (the runner gives clients a perfect clock, so that is the simulator's true time).
/// </summary>
/// <remarks>
/// <para>Source: Jepsen's client model (Kingsbury, "Jepsen" analyses; Knossos/Porcupine histories): an operation's
/// outcome is ok, fail (definitely no effect) or unknown (maybe applied, any time after its call).</para>
/// <para>Writes: a NotLeader answer means nothing was proposed, so the client retries the same operation at the
/// hinted (or next) server. Silence is different: the proposal may sit in some log and commit later, so a write is
/// never re-sent after silence — when <see cref="SimStoreClientOptions.Timeout"/> passes its outcome is unknown and
/// the client moves on to a new operation. A Failed answer means another entry was committed at the proposal's
/// index. Without sessions the write is then recorded as fail — true only if the network never duplicates the
/// proposal. With sessions (Ongaro's dissertation §6.3, <see cref="StoreReplicaSession"/>; the default) every
/// write carries (client, operation number), the replicas apply it at most once, and a Failed write is re-sent
/// like a NotLeader one: its outcome is ok or unknown.</para>
/// <para>Gets go through Raft's read path in the configured <see cref="RaftReadMode"/>; one unanswered for
/// <see cref="SimStoreClientOptions.ReadRetry"/> is sent to the next server too (a read may be repeated freely).</para>
/// <para>Cas is a transaction: compare the value equal to the expected one (for an expected "absent": compare the
/// create revision to 0, since etcd's value compare always fails on a missing key) then put.</para>
/// </remarks>
public sealed class SimStoreClient : INode<RaftMessage, RaftRecord>
{
    /// <summary>The timer that starts the next operation.</summary>
    public const string NextTimer = "client.next";

    /// <summary>The timer that ends the current operation as unknown.</summary>
    public const string DeadlineTimer = "client.deadline";

    /// <summary>The timer that re-sends the current operation (after NotLeader, or a get's silence).</summary>
    public const string RetryTimer = "client.retry";

    private readonly SimStoreClientOptions _options;
    private readonly Dictionary<string, string?> _known = new(StringComparer.Ordinal);
    private readonly HashSet<long> _tags = [];
    private HistoryOperation? _current;
    private long _latestTag;
    private long _nextTag;
    private int _target;
    private int _issued;
    private bool _retryAfterNotLeader;

    /// <summary>Creates a client with its workload.</summary>
    public SimStoreClient(SimStoreClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Servers.Count == 0 || options.Keys < 1 || options.Operations < 0)
        {
            throw new ArgumentException("a client needs servers, at least one key and a non-negative operation count", nameof(options));
        }

        _options = options;
    }

    /// <summary>Operations finished (ok, fail or unknown).</summary>
    public int Finished { get; private set; }

    /// <summary>True when every operation of the workload has finished.</summary>
    public bool Done => Finished == _options.Operations;

    /// <summary>The operation in flight, as it would be recorded if the run ended now (unknown), or null.</summary>
    public HistoryOperation? Pending => _current;

    /// <inheritdoc/>
    public void Start(INodeContext<RaftMessage, RaftRecord> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _target = _options.Servers[context.Random.Next(_options.Servers.Count)];
        ScheduleNext(context);
    }

    /// <inheritdoc/>
    public void Receive(INodeContext<RaftMessage, RaftRecord> context, int from, RaftMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (message is not RaftMessage.ClientReply reply || _current is not { } op || !_tags.Contains(reply.Tag))
        {
            return; // a late answer to an operation already finished
        }

        switch (reply.Status)
        {
            case RaftReplyStatus.Ok:
                _target = from;
                Finish(context, Outcome(op, StoreReplyCodec.Decode(reply.Result)));
                break;
            case RaftReplyStatus.Failed when _options.Sessions && reply.Tag == _latestTag:
                // The entry lost its index, but a duplicate of the proposal may still be in some log: only the
                // session makes a re-send safe (it applies once), and then the outcome is ok or unknown, never fail.
                _target = reply.Leader != 0 && _options.Servers.Contains(reply.Leader) ? reply.Leader : After(from);
                _retryAfterNotLeader = true;
                context.SetTimer(RetryTimer, _options.Backoff);
                break;
            case RaftReplyStatus.Failed when !_options.Sessions:
                Finish(context, op with { Status = OperationStatus.Fail });
                break;
            case RaftReplyStatus.NotLeader when reply.Tag == _latestTag:
                // Nothing was proposed or read: the same operation may go to the hinted server.
                _target = reply.Leader != 0 && _options.Servers.Contains(reply.Leader) ? reply.Leader : After(from);
                _retryAfterNotLeader = true;
                context.SetTimer(RetryTimer, _options.Backoff);
                break;
            default:
                break;
        }
    }

    /// <inheritdoc/>
    public void Fire(INodeContext<RaftMessage, RaftRecord> context, string timer)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (timer)
        {
            case NextTimer when _current is null && _issued < _options.Operations:
                Issue(context);
                break;
            case RetryTimer when _current is not null:
                if (!_retryAfterNotLeader)
                {
                    _target = After(_target); // silence: a read may go elsewhere
                }

                Send(context);
                break;
            case DeadlineTimer when _current is { } op:
                _target = After(_target);
                Finish(context, op with { Status = OperationStatus.Unknown, Return = null });
                break;
            default:
                break;
        }
    }

    private void Issue(INodeContext<RaftMessage, RaftRecord> context)
    {
        Random random = context.Random;
        string key = string.Create(CultureInfo.InvariantCulture, $"k{random.Next(_options.Keys)}");
        string value = string.Create(CultureInfo.InvariantCulture, $"{context.Self}.{++_issued}");
        int dice = random.Next(100);
        KvOperationKind kind = dice < 40 ? KvOperationKind.Get : dice < 70 ? KvOperationKind.Put : dice < 90 ? KvOperationKind.Cas : KvOperationKind.Del;
        _current = new HistoryOperation
        {
            Client = context.Self,
            Op = kind,
            Key = key,
            Value = kind is KvOperationKind.Put or KvOperationKind.Cas ? value : null,
            // Expect what this client last saw, so that cas sometimes succeeds.
            Expected = kind == KvOperationKind.Cas ? _known.GetValueOrDefault(key) : null,
            Call = Micros(context),
            Status = OperationStatus.Unknown,
        };
        _tags.Clear();
        context.SetTimer(DeadlineTimer, _options.Timeout);
        Send(context);
    }

    private void Send(INodeContext<RaftMessage, RaftRecord> context)
    {
        HistoryOperation op = _current!;
        long tag = _latestTag = ++_nextTag;
        _tags.Add(tag);
        _retryAfterNotLeader = false;
        byte[] key = Encoding.UTF8.GetBytes(op.Key);
        if (op.Op == KvOperationKind.Get)
        {
            context.Send(_target, new RaftMessage.ClientRead(tag, StoreQuery.Get(key), _options.ReadMode));
            context.SetTimer(RetryTimer, _options.ReadRetry);
            return;
        }

        byte[] command = StoreCommandCodec.Encode(Command(op, key));
        context.Send(_target, new RaftMessage.ClientPropose(tag, _options.Sessions ? StoreReplicaSession.Wrap(context.Self, _issued, command) : command));
    }

    private static StoreCommand Command(HistoryOperation op, byte[] key) => op.Op switch
    {
        KvOperationKind.Put => new PutCommand(new PutRequest { Key = key, Value = Encoding.UTF8.GetBytes(op.Value!) }),
        KvOperationKind.Del => new DeleteRangeCommand(new DeleteRangeRequest { Key = key }),
        _ => new TxnCommand(new TxnRequest
        {
            Compare = [op.Expected is null
                ? new Compare { Key = key, Target = CompareTarget.Create, Result = CompareResult.Equal, Number = 0 }
                : new Compare { Key = key, Target = CompareTarget.Value, Result = CompareResult.Equal, Value = Encoding.UTF8.GetBytes(op.Expected) }],
            Success = [new RequestOp { RequestPut = new PutRequest { Key = key, Value = Encoding.UTF8.GetBytes(op.Value!) } }],
        }),
    };

    private static HistoryOperation Outcome(HistoryOperation op, StoreReply reply)
    {
        if (reply.Kind == StoreReplyKind.Error)
        {
            return op with { Status = OperationStatus.Fail }; // refused by the state machine: nothing changed
        }

        return op.Op switch
        {
            KvOperationKind.Get => op with { Status = OperationStatus.Ok, Output = reply.Kvs.Count == 0 ? null : Encoding.UTF8.GetString(reply.Kvs[0].Value) },
            KvOperationKind.Cas => op with { Status = OperationStatus.Ok, Succeeded = reply.Succeeded },
            _ => op with { Status = OperationStatus.Ok },
        };
    }

    private void Finish(INodeContext<RaftMessage, RaftRecord> context, HistoryOperation op)
    {
        if (op.Status != OperationStatus.Unknown)
        {
            op = op with { Return = Micros(context) };
        }

        if (op.Status == OperationStatus.Ok)
        {
            switch (op.Op)
            {
                case KvOperationKind.Get:
                    _known[op.Key] = op.Output;
                    break;
                case KvOperationKind.Put:
                case KvOperationKind.Cas when op.Succeeded == true:
                    _known[op.Key] = op.Value;
                    break;
                case KvOperationKind.Del:
                    _known[op.Key] = null;
                    break;
                default:
                    break;
            }
        }

        _current = null;
        _tags.Clear();
        Finished++;
        context.CancelTimer(DeadlineTimer);
        context.CancelTimer(RetryTimer);
        context.Observe(op);
        ScheduleNext(context);
    }

    private void ScheduleNext(INodeContext<RaftMessage, RaftRecord> context)
    {
        if (_issued < _options.Operations)
        {
            context.SetTimer(NextTimer, TimeSpan.FromTicks(1 + (long)(context.Random.NextDouble() * _options.MaxThink.Ticks)));
        }
    }

    private int After(int server)
    {
        int i = 0;
        while (i < _options.Servers.Count && _options.Servers[i] <= server)
        {
            i++;
        }

        return _options.Servers[i % _options.Servers.Count];
    }

    private static long Micros(INodeContext<RaftMessage, RaftRecord> context) => context.Now.Ticks / 10;
}
