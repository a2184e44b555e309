using System.Collections.Concurrent;
using System.Net;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Tcp;
using Arbiter.Store.Commands;
using Arbiter.Store.Coordination;
using Arbiter.Store.Gateway;
using Arbiter.Store.Replication;
using Arbiter.Store.Server;
using Arbiter.Store.StateMachine;
using Arbiter.Store.Watches;

namespace Arbiter.Store.Node;

/// <summary>
/// The replicated store behind the HTTP gateway: an <see cref="IStoreBackend"/> on a
/// <see cref="TcpNodeHost{TMessage, TRecord}"/> that runs a <see cref="StoreNode"/>. Each request becomes a Raft
/// client message injected into the node; its answer comes back on the node's thread and completes the caller's task.
/// </summary>
/// <remarks>
/// <para>Source: etcd's <c>server/etcdserver/v3_server.go</c> (processInternalRaftRequest: register a wait by id,
/// propose, wait for the applier to trigger it, time out with "request timed out") and <c>pkg/wait</c>.</para>
/// <para>Threads: everything that touches the state machine runs on the node's thread (the replica's
/// <c>Applied</c> event, the host's <c>ClientOutput</c>, and local calls, see <see cref="StoreNode.LocalCall"/>);
/// callers' continuations never do — every completion source runs them asynchronously.</para>
/// <para>Results by log index: a proposal's reply gives its index; the full <see cref="StoreResult"/> of that index is
/// taken from this member's own replica — at once on the leader (it applied the entry in the same step), or when this
/// follower applies it. So a write acknowledged by any member is visible in that member's next read.</para>
/// <para>Waits (lock, semaphore, reader-writer lock, barrier, campaign): a Queued answer registers a waiter by
/// (resource, lease); grants and failures arrive as coordination notifications on applied entries. A grant may be
/// applied before this member hears that the request was queued (a follower applies the leader's later entries
/// before the leader's reply arrives), so notifications nobody waits for are kept, with their revision, and a waiter
/// checks them when it registers.</para>
/// </remarks>
public sealed partial class RaftStoreBackend : IStoreBackend, IAsyncDisposable
{
    private const int KeptResults = 8192;

    private readonly RaftStoreBackendOptions _options;
    private readonly TcpNodeHost<RaftMessage, RaftRecord> _host;
    private readonly ConcurrentDictionary<long, Pending> _pending = new();
    private readonly ConcurrentDictionary<long, Action> _local = new();
    private long _nextTag;

    // Node-thread state.
    private readonly Dictionary<long, StoreResult> _results = [];
    private readonly Queue<long> _resultOrder = new();
    private readonly Dictionary<long, long> _awaiting = [];
    private readonly List<(long Index, Action Run)> _afterApplied = [];
    private readonly Dictionary<(string Resource, long Lease), Pending> _waits = [];
    private readonly Dictionary<(string Resource, long Lease), (CoordinationNotification Note, long Revision)> _early = [];
    private readonly Queue<(string, long)> _earlyOrder = new();
    private readonly WatchHub _watches = new();
    private readonly Dictionary<long, System.Threading.Channels.Channel<WireWatchResponse>> _watchStreams = [];
    private readonly List<(string Election, System.Threading.Channels.Channel<WireLeaderResponse> Stream)> _observers = [];

    private StoreNode? _node;
    private int _stopped;
    private IReadOnlyDictionary<int, IPEndPoint> _startPeers;
    private IPEndPoint? _listened;

    /// <summary>Creates the member (not yet listening: call <see cref="Listen"/> and <see cref="Start"/>).</summary>
    public RaftStoreBackend(RaftStoreBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Peers.ContainsKey(options.Id))
        {
            throw new ArgumentException($"member {options.Id} is not among the peers", nameof(options));
        }

        _options = options;
        _startPeers = options.Peers;
        var nodeOptions = new RaftNodeOptions
        {
            Raft = new RaftOptions { Voters = [.. options.Peers.Keys.Order()], ElectionTicks = options.ElectionTicks, HeartbeatTicks = 1, Join = options.Join, LeaderWritesInParallel = options.LeaderWritesInParallel },
            TickInterval = options.TickInterval,
            SnapshotEvery = options.SnapshotEvery,
        };
        nodeOptions.Raft.Validate();
        _host = new TcpNodeHost<RaftMessage, RaftRecord>(
            new TcpNodeOptions { Id = options.Id, Peers = options.Peers, DataDirectory = options.DataDirectory, Time = options.Time },
            () => CreateNode(nodeOptions),
            RaftMessageCodec.Instance,
            RaftRecordCodec.Instance,
            (_, _, observation) =>
            {
                if (observation is RaftConfigurationChanged changed)
                {
                    OnConfigurationChanged(changed);
                }
                else if (observation is RaftConfigurationApplied applied)
                {
                    OnConfigurationApplied(applied);
                }
                else if (observation is StoreRemovedMemberProbed or StoreMemberRemoved)
                {
                    OnRemovalObserved(observation);
                }

                options.Observer?.Invoke(observation);
            })
        {
            ClientOutput = OnClientOutput,
        };
    }

    /// <summary>This member's id.</summary>
    public int Id => _options.Id;

    /// <summary>The node's failure, if its thread stopped on an exception.</summary>
    public Exception? Fault => _host.Fault;

    /// <summary>Binds the Raft (peer) listener; returns the bound address (port 0 picks one).</summary>
    public IPEndPoint Listen() => _listened = _host.Listen();

    /// <summary>Starts the member: recovers its data directory, then joins the peers (given here when ports were picked by <see cref="Listen"/>).</summary>
    public void Start(IReadOnlyDictionary<int, IPEndPoint>? peers = null)
    {
        _startPeers = peers ?? _options.Peers;
        _host.Start(peers);
    }

    /// <summary>Stops the member (outstanding requests fail with "request timed out").</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _host.DisposeAsync().ConfigureAwait(false);
        foreach (var (_, pending) in _pending)
        {
            pending.Applied.TrySetCanceled();
            pending.Reply.TrySetCanceled();
        }

        lock (_watchStreams)
        {
            foreach (var stream in _watchStreams.Values)
            {
                stream.Writer.TryComplete();
            }
        }

        lock (_observers)
        {
            _observers.ForEach(o => o.Stream.Writer.TryComplete());
        }
    }

    /// <summary>Waits until this member knows a leader (for tests and the server's start line).</summary>
    public async Task<int> WaitForLeaderAsync(TimeSpan timeout, CancellationToken cancellation = default)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            int leader = await LocalAsync(() => _node!.Core.Leader, 0, cancellation).ConfigureAwait(false);
            if (leader != 0)
            {
                return leader;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"member {Id}: no leader within {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(20, cancellation).ConfigureAwait(false);
        }
    }

    private StoreNode CreateNode(RaftNodeOptions nodeOptions)
    {
        // The initial voters' addresses ride along in the first configuration entry (RaftOptions.InitialContexts).
        var contexts = _startPeers.Keys.Select(id => (id, EndpointOf(RaftConfiguration.Empty, id)))
            .Where(p => p.Item2 is { Port: > 0 })
            .ToDictionary(p => p.id, p => PeerUrl(p.Item2!));
        nodeOptions = nodeOptions with { Raft = nodeOptions.Raft with { InitialContexts = contexts } };
        var node = new StoreNode(nodeOptions, new StoreReplica(_options.Store, _options.Coordination)) { MembershipProbe = ProbeQuery() };
        node.Applied += OnApplied;
        node.LocalCall = tag =>
        {
            if (_local.TryRemove(tag, out Action? run))
            {
                run();
            }
        };
        _node = node;
        return node;
    }

    private long NextTag() => Interlocked.Increment(ref _nextTag);

    /// <summary>Hands <paramref name="message"/> to the node as from the pseudo-client; refuses once stopping.</summary>
    private void Inject(RaftMessage message)
    {
        try
        {
            if (Volatile.Read(ref _stopped) == 0)
            {
                _host.Inject(message);
                return;
            }
        }
        catch (ObjectDisposedException)
        {
        }

        throw new StoreRefusedException(14, $"arbiter: member {Id} is stopping");
    }

    private WireHeader Header(long revision) => new()
    {
        ClusterId = 0x41524249, // "ARBI": one cluster per process group; etcd derives it from the member list
        MemberId = (ulong)Id,
        Revision = revision,
        RaftTerm = (ulong)(_node?.Core?.Term ?? 0),
    };

    /// <summary>Proposes <paramref name="command"/> and waits for its result (retrying while there is no leader).</summary>
    private async Task<(StoreResult Result, Pending Pending)> ProposeAsync(StoreCommand command, CancellationToken cancellation)
    {
        byte[] data = StoreCommandCodec.Encode(command);
        DateTime deadline = DateTime.UtcNow + _options.RequestTimeout;
        while (true)
        {
            long tag = NextTag();
            var pending = new Pending(proposal: true);
            _pending[tag] = pending;
            Inject(new RaftMessage.ClientPropose(tag, data));
            StoreResult? result = await AwaitAsync(tag, pending.Applied.Task, deadline, cancellation).ConfigureAwait(false);
            if (result is not null)
            {
                return (result, pending);
            }

            await RetryDelayAsync(pending.Status, deadline, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a read and waits for the answer (retrying while there is no leader).</summary>
    private async Task<RaftMessage.ClientReply> ReadAsync(byte[] query, RaftReadMode mode, CancellationToken cancellation)
    {
        DateTime deadline = DateTime.UtcNow + _options.RequestTimeout;
        while (true)
        {
            long tag = NextTag();
            var pending = new Pending(proposal: false);
            _pending[tag] = pending;
            Inject(new RaftMessage.ClientRead(tag, query, mode));
            RaftMessage.ClientReply reply = (await AwaitAsync(tag, pending.Reply.Task, deadline, cancellation).ConfigureAwait(false))!;
            if (reply.Status == RaftReplyStatus.Ok)
            {
                return reply;
            }

            await RetryDelayAsync(reply.Status, deadline, cancellation).ConfigureAwait(false);
        }
    }

    private async Task<T> AwaitAsync<T>(long tag, Task<T> task, DateTime deadline, CancellationToken cancellation)
    {
        TimeSpan left = deadline - DateTime.UtcNow;
        try
        {
            return await task.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellation).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _pending.TryRemove(tag, out _);
            throw new StoreRefusedException(4, "etcdserver: request timed out");
        }
        catch (OperationCanceledException)
        {
            _pending.TryRemove(tag, out _);
            if (!cancellation.IsCancellationRequested)
            {
                // The member stopped under the request.
                throw new StoreRefusedException(4, "etcdserver: request timed out");
            }

            throw;
        }
    }

    private static async Task RetryDelayAsync(RaftReplyStatus status, DateTime deadline, CancellationToken cancellation)
    {
        // NotLeader and Failed both mean "not applied": trying again cannot apply it twice.
        if (DateTime.UtcNow + TimeSpan.FromMilliseconds(50) >= deadline)
        {
            throw status == RaftReplyStatus.NotLeader
                ? new StoreRefusedException(14, "etcdserver: no leader")
                : new StoreRefusedException(14, "etcdserver: leader changed");
        }

        await Task.Delay(TimeSpan.FromMilliseconds(50), cancellation).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="run"/> on the node's thread once this member has applied <paramref name="minApplied"/>.</summary>
    private Task<T> LocalAsync<T>(Func<T> run, long minApplied, CancellationToken cancellation)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Run()
        {
            try
            {
                done.TrySetResult(run());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                done.TrySetException(e);
            }
        }

        long tag = NextTag();
        _local[tag] = () =>
        {
            if (_node!.Core.Log.Applied >= minApplied)
            {
                Run();
            }
            else
            {
                _afterApplied.Add((minApplied, Run));
            }
        };
        Inject(new RaftMessage.ClientRead(tag, [StoreNode.LocalFormat], RaftReadMode.Serializable));
        return WaitLocalAsync(tag, done.Task, cancellation);
    }

    private async Task<T> WaitLocalAsync<T>(long tag, Task<T> task, CancellationToken cancellation)
    {
        try
        {
            return await task.WaitAsync(_options.RequestTimeout, cancellation).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _local.TryRemove(tag, out _);
            throw new StoreRefusedException(4, "etcdserver: request timed out");
        }
    }

    /// <summary>A linearizable read of local state: ReadIndex through the leader, then run here once applied that far.</summary>
    private async Task<T> LinearizableLocalAsync<T>(Func<T> run, CancellationToken cancellation)
    {
        RaftMessage.ClientReply reply = await ReadAsync(StoreQuery.Get([0]), RaftReadMode.Linearizable, cancellation).ConfigureAwait(false);
        return await LocalAsync(run, reply.Index, cancellation).ConfigureAwait(false);
    }

    // ---- node thread ----

    private void OnClientOutput(RaftMessage message)
    {
        if (message is not RaftMessage.ClientReply reply || !_pending.TryGetValue(reply.Tag, out Pending? pending))
        {
            return;
        }

        if (!pending.IsProposal)
        {
            _pending.TryRemove(reply.Tag, out _);
            pending.Reply.TrySetResult(reply);
            return;
        }

        if (reply.Status != RaftReplyStatus.Ok)
        {
            _pending.TryRemove(reply.Tag, out _);
            pending.Status = reply.Status;
            pending.Applied.TrySetResult(null);
            return;
        }

        if (_results.Remove(reply.Index, out StoreResult? result))
        {
            Deliver(reply.Tag, pending, result);
        }
        else if (_node!.Core.Log.Applied < reply.Index)
        {
            _awaiting[reply.Index] = reply.Tag; // this follower has not applied it yet
        }

        // Else a snapshot covered the index before this member applied it: the full result is gone and the
        // request times out — an unknown outcome, which is the truth as far as this member can tell.
    }

    private void OnApplied(object? sender, StoreNodeAppliedEventArgs e)
    {
        StoreResult result = e.Result;
        foreach (CoordinationNotification note in e.Notifications)
        {
            Notify(note, result.Revision);
        }

        if (result.Events.Count > 0)
        {
            lock (_watchStreams)
            {
                foreach (WatchResponse response in _watches.Publish(result.Events, result.Revision))
                {
                    if (_watchStreams.TryGetValue(response.WatchId, out var stream))
                    {
                        stream.Writer.TryWrite(ToWire(response));
                    }
                }
            }
        }

        if (_awaiting.Remove(e.Index, out long tag) && _pending.TryGetValue(tag, out Pending? pending))
        {
            Deliver(tag, pending, result);
        }
        else
        {
            _results[e.Index] = result;
            _resultOrder.Enqueue(e.Index);
            while (_resultOrder.Count > KeptResults)
            {
                _results.Remove(_resultOrder.Dequeue());
            }
        }

        if (_afterApplied.Count > 0)
        {
            foreach (var (_, run) in _afterApplied.Where(a => a.Index <= e.Index).ToList())
            {
                run();
            }

            _afterApplied.RemoveAll(a => a.Index <= e.Index);
        }
    }

    private void Deliver(long tag, Pending pending, StoreResult result)
    {
        _pending.TryRemove(tag, out _);
        if (result.Response is CoordinationResponse { Outcome.Result: var outcome })
        {
            switch (outcome)
            {
                case Queued q:
                    Wait(pending, q.Resource, q.Lease, result.Revision);
                    break;
                case BarrierWaiting b:
                    Wait(pending, b.Barrier, b.Lease, result.Revision);
                    break;
            }
        }

        pending.Applied.TrySetResult(result);
    }

    private void Wait(Pending pending, string resource, long lease, long queuedAt)
    {
        var key = (resource, lease);
        if (_early.Remove(key, out var early) && early.Revision >= queuedAt)
        {
            pending.Granted.TrySetResult(early.Note);
            return;
        }

        _waits[key] = pending;
    }

    private void Notify(CoordinationNotification note, long revision)
    {
        switch (note)
        {
            case WaiterGranted g:
                Complete((g.Resource, g.Lease), note, revision);
                break;
            case WaitFailed f:
                Complete((f.Resource, f.Lease), note, revision);
                break;
            case BarrierReleased b:
                foreach (long lease in b.Parties)
                {
                    Complete((b.Barrier, lease), note, revision);
                }

                break;
            case LeaderChanged c:
                lock (_observers)
                {
                    foreach (var (election, stream) in _observers)
                    {
                        if (election == c.Election && ToWire(c) is { } wire)
                        {
                            stream.Writer.TryWrite(wire);
                        }
                    }
                }

                break;
        }
    }

    private void Complete((string, long) key, CoordinationNotification note, long revision)
    {
        if (_waits.Remove(key, out Pending? waiter))
        {
            waiter.Granted.TrySetResult(note);
            return;
        }

        _early[key] = (note, revision);
        _earlyOrder.Enqueue(key);
        if (_earlyOrder.Count > KeptResults)
        {
            _early.Remove(_earlyOrder.Dequeue()); // nobody here waited for it: another member's client did
        }
    }

    /// <summary>One request in flight.</summary>
    private sealed class Pending(bool proposal)
    {
        public bool IsProposal { get; } = proposal;

        public RaftReplyStatus Status { get; set; }

        public TaskCompletionSource<RaftMessage.ClientReply> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<StoreResult?> Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<CoordinationNotification> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
