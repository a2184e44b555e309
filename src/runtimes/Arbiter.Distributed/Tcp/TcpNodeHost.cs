using System.Net;
using System.Net.Sockets;
using Arbiter.Distributed.Tracing;

namespace Arbiter.Distributed.Tcp;

/// <summary>
/// Runs one <see cref="INode{TMessage, TRecord}"/> as a real network node: a TCP listener for inbound peers, an
/// outbound link per peer (length-prefixed frames, reconnect with backoff), a record file fsync'd before any message
/// leaves, timers on a <see cref="TimeProvider"/>, and one event-loop thread so the node's calls never overlap.
/// </summary>
/// <remarks>
/// <para>Same contract as the simulator: effects are buffered during a call and applied after it — records persisted
/// (fsync), then messages sent, then timers changed. Observations go to <c>observer</c>. Use: construct,
/// <see cref="Listen"/> (binds, so port 0 works), <see cref="Start"/>, then <see cref="DisposeAsync"/> to stop.</para>
/// <para>Group commit (<see cref="TcpNodeOptions.MaxBatch"/>): the loop takes one input, then whatever else is
/// already queued (up to the batch size), runs each through the node as its own call, and makes the whole batch's
/// records durable with one fsync before any of the batch's messages leave — except those the node sent with
/// <c>SendEarly</c>, which leave as their call returns, so a peer writes them while this node does. Under load
/// that turns one fsync per message into one per batch; with one input queued it is exactly the unbatched host. See
/// <c>TcpNodeHost.Context.cs</c> for why that keeps the node contract.</para>
/// <para>Peers may change at run time (<see cref="SetPeer"/>, <see cref="RemovePeer"/>, in <c>TcpNodeHost.Peers.cs</c>):
/// a message to a node whose address is not known (not yet added, or removed) is dropped, as a network that cannot
/// route it would, and counted in <see cref="Unroutable"/>.</para>
/// </remarks>
public sealed partial class TcpNodeHost<TMessage, TRecord> : IAsyncDisposable
{
    private readonly TcpNodeOptions _options;
    private readonly Func<INode<TMessage, TRecord>> _factory;
    private readonly IMessageCodec<TMessage> _codec;
    private readonly IMessageCodec<TRecord> _recordCodec;
    private readonly Action<int, TimeSpan, object> _observer;
    private readonly LoopInbox<LoopItem> _inbox;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<int, PeerSender> _senders = [];
    private readonly List<TcpClient> _inbound = [];
    private readonly List<Task> _retired = [];
    private int[] _members = [];
    private long _unroutable;
    private TcpListener? _listener;
    private Thread? _loop;
    private Task? _accept;
    private TcpContext? _context;
    private FileRecordStore<TRecord>? _store;
    private long _sent;
    private long _sentEarly;
    private long _calls;
    private long _batches;
    private long _fsyncs;

    /// <summary>Creates the host of node <c>options.Id</c>; <paramref name="observer"/> gets (node, local time, observation).</summary>
    public TcpNodeHost(TcpNodeOptions options, Func<INode<TMessage, TRecord>> factory, IMessageCodec<TMessage> codec,
        IMessageCodec<TRecord> recordCodec, Action<int, TimeSpan, object> observer)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _factory = factory ?? throw new ArgumentNullException(nameof(factory));
        _codec = codec ?? throw new ArgumentNullException(nameof(codec));
        _recordCodec = recordCodec ?? throw new ArgumentNullException(nameof(recordCodec));
        _observer = observer ?? throw new ArgumentNullException(nameof(observer));
        _inbox = new LoopInbox<LoopItem>((from, payload) => new LoopItem(LoopKind.Receive, from, _codec.Decode(payload), null, 0));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatch, 1, nameof(options));
        if (!options.Peers.ContainsKey(options.Id))
        {
            throw new ArgumentException($"node {options.Id} is not in the peer list", nameof(options));
        }
    }

    /// <summary>The node's id.</summary>
    public int Id => _options.Id;

    /// <summary>Messages the node has sent so far (to peers and to itself), as the simulator counts them.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>
    /// Of <see cref="Sent"/>, the messages that left before their batch's fsync because the node sent them with
    /// <c>SendEarly</c> (a Raft leader's appends with <c>LeaderWritesInParallel</c>).
    /// </summary>
    public long SentEarly => Interlocked.Read(ref _sentEarly);

    /// <summary>Calls made to the node so far (its start, each message delivered, each live timer fired).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Batches the event loop has applied (each: one fsync at most, then the batch's sends).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>
    /// Times the record file was forced to disk: one per batch that persisted records, plus one per compaction's
    /// rewrite. Without a data directory, zero. <c>Calls / Fsyncs</c> is what group commit saved.
    /// </summary>
    public long Fsyncs => Interlocked.Read(ref _fsyncs);

    /// <summary>Frames queued for peers, and socket writes that carried them (coalescing makes the second smaller).</summary>
    internal (long Frames, long Writes) PeerTraffic
    {
        get
        {
            lock (_senders)
            {
                return (_senders.Values.Sum(s => s.Frames), _senders.Values.Sum(s => s.Writes));
            }
        }
    }

    /// <summary>
    /// Receives what the node sends to the pseudo-client (node 0): answers to requests given to <see cref="Inject"/>.
    /// Called on the event loop after the records of the call's batch are durable; it must be quick and must not block.
    /// Set it before <see cref="Start"/>; without it such messages are dropped.
    /// </summary>
    public Action<TMessage>? ClientOutput { get; set; }

    /// <summary>The fault that stopped the event loop (a node threw, a record could not be written), or null.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Binds the listener to this node's address; returns the bound endpoint (the real port if 0 was asked).</summary>
    public IPEndPoint Listen()
    {
        _listener = new TcpListener(_options.Peers[_options.Id]);
        _listener.Start();
        return (IPEndPoint)_listener.LocalEndpoint;
    }

    /// <summary>
    /// Starts the node: recovers its records, opens links to <paramref name="peers"/> (default: the options'),
    /// and calls <c>Start</c> on the event loop.
    /// </summary>
    public void Start(IReadOnlyDictionary<int, IPEndPoint>? peers = null)
    {
        if (_listener is null)
        {
            Listen();
        }

        peers ??= _options.Peers;
        IReadOnlyList<TRecord> recovered = [];
        bool truncated = false;
        if (_options.DataDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
            _store = new FileRecordStore<TRecord>(Path.Combine(directory, FormattableString.Invariant($"node-{Id}.records")), _recordCodec);
            recovered = _store.Recovered;
            truncated = _store.Truncated;
        }

        lock (_senders)
        {
            foreach (var (id, endpoint) in peers)
            {
                if (id != Id)
                {
                    _senders[id] = new PeerSender(endpoint, _options);
                }
            }

            _members = [.. peers.Keys.Append(Id).Distinct().Order()];
        }

        _context = new TcpContext(this, recovered, truncated);
        _accept = Task.Run(AcceptAsync);
        _loop = new Thread(RunLoop) { IsBackground = true, Name = FormattableString.Invariant($"node-{Id}") };
        _inbox.TryAdd(new LoopItem(LoopKind.Start, 0, default, null, 0));
        _loop.Start();
    }

    /// <summary>Delivers <paramref name="message"/> as an external input (from node 0, the pseudo-client).</summary>
    public void Inject(TMessage message) => Post(new LoopItem(LoopKind.Receive, 0, message, null, 0));

    /// <summary>Stops the loop, the links and the listener, and closes the record file.</summary>
    public async ValueTask DisposeAsync()
    {
        _inbox.CompleteAdding();
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        if (_loop is not null && _loop.ManagedThreadId != Environment.CurrentManagedThreadId)
        {
            _loop.Join();
        }

        lock (_inbound)
        {
            _inbound.ForEach(c => c.Dispose());
        }

        if (_accept is not null)
        {
            try
            {
                await _accept.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }

        foreach (PeerSender sender in _senders.Values)
        {
            await sender.DisposeAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(_retired).ConfigureAwait(false);

        _context?.CancelAllTimers();
        _inbox.Dispose();
        _store?.Dispose();
        _stop.Dispose();
    }

    private void Post(LoopItem item)
    {
        // Refused only when stopping: late network input is dropped, as a crashed node's would be.
        _inbox.TryAdd(item);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client = await _listener!.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            client.NoDelay = true;
            if (_inbox.WatchesSockets)
            {
                // The loop reads it itself (LoopInbox): a peer's frame wakes the loop directly.
                _inbox.Watch(new PeerReceiver(client.Client));
                continue;
            }

            lock (_inbound)
            {
                _inbound.Add(client);
            }

            _ = Task.Run(() => ReadAsync(client));
        }
    }

    /// <summary>Where the loop cannot poll (not Linux): a task per inbound connection reads it and queues its frames.</summary>
    private async Task ReadAsync(TcpClient client)
    {
        try
        {
            NetworkStream stream = client.GetStream();
            while (await FrameIO.ReadAsync(stream, _stop.Token).ConfigureAwait(false) is { } frame)
            {
                TMessage message = _codec.Decode(frame.Payload);
                Post(new LoopItem(LoopKind.Receive, frame.From, message, null, 0));
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidDataException or FormatException)
        {
            // A broken or garbled connection is a lossy network: its sender reconnects.
        }
        finally
        {
            client.Dispose();
        }
    }

    private void RunLoop()
    {
        int max = _options.MaxBatch;
        var batch = new List<LoopItem>(Math.Min(max, 1024));
        try
        {
            // Block for one input, then take only what is already queued: a lone input is never delayed to wait
            // for company, so at low load the latency is the unbatched host's, and under load the batch grows by
            // itself with the queue that built up during the previous batch's fsync.
            while (_inbox.TakeBatch(batch, max))
            {
                StageTrace.Mark(TraceStage.BatchStart);
                _context!.HandleBatch(batch);
                batch.Clear();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Fault = e;
            _stop.Cancel();
        }
    }

    private enum LoopKind
    {
        Start,
        Receive,
        Fire,
        Peer,
    }

    private readonly record struct LoopItem(LoopKind Kind, int From, TMessage? Message, string? Timer, long Token, IPEndPoint? Endpoint = null);
}
