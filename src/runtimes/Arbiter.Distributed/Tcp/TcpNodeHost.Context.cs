using System.Diagnostics;
using System.Runtime.InteropServices;
using Arbiter.Distributed.Tracing;

namespace Arbiter.Distributed.Tcp;

/// <content>
/// The node's context and the group commit. Source: group commit as in database write-ahead logs (Gray &amp; Reuter,
/// "Transaction Processing", §9.4.7; DeWitt et al. 1984) and etcd's raft Ready loop, which persists a whole Ready
/// (many steps' entries) with one fsync before sending its messages. Cost per batch: one fsync (plus one rewrite
/// if some call compacted) instead of one per call; per call, O(its effects). A background compaction
/// (<c>CompactInBackground</c>) costs the loop only its switch, made by the first batch after the image is written,
/// with that batch's records under its one fsync, plus a rename and a directory fsync (see
/// <c>FileRecordStore.Background.cs</c>).
/// </content>
public sealed partial class TcpNodeHost<TMessage, TRecord>
{
    /// <summary>The context of the one node, used only on the loop thread.</summary>
    /// <remarks>
    /// <para>Why a batch keeps the node contract ("a message never leaves before the state that justifies it is
    /// durable"): every message of every call in the batch is sent only after ONE fsync that covers the records of
    /// all the batch's calls — the call's own and every earlier one's. Holding a message back longer is a delay,
    /// which the network may impose anyway; a crash before that fsync loses the batch's records AND its messages,
    /// exactly as a crash just before the first call would have, so no peer or client ever saw a promise that was
    /// not durable.</para>
    /// <para>Each call still sees only its own buffered effects (the per-call lists below), and its effects join
    /// the batch only when it returns: a call that throws contributes nothing, as without batching.</para>
    /// </remarks>
    private sealed class TcpContext(TcpNodeHost<TMessage, TRecord> host, IReadOnlyList<TRecord> recovered, bool truncated)
        : INodeContext<TMessage, TRecord>
    {
        private readonly INode<TMessage, TRecord> _node = host._factory();

        // One call's effects.
        private readonly List<(int To, TMessage Message)> _sends = [];
        private readonly List<(int To, TMessage Message)> _earlySends = [];
        private readonly List<TRecord> _persists = [];
        private List<TRecord>? _compaction;
        private List<TRecord>? _background;
        private int _backgroundAt;
        private readonly List<(string Name, TimeSpan? Delay)> _timerOps = [];
        private readonly List<object> _observed = [];

        // The batch's effects, applied once at its end.
        private readonly List<(int To, TMessage Message)> _batchSends = [];
        private readonly List<TRecord> _batchPersists = [];
        private List<TRecord>? _batchCompaction;
        private List<TRecord>? _batchBackground;
        private int _batchBackgroundAt;
        private readonly List<(string Name, long Token, TimeSpan Delay)> _toArm = [];
        private readonly Dictionary<int, List<byte[]>> _framesTo = []; // per peer id: the batch's frames to it
        private bool _inline; // this batch's sends may be written by the loop itself (see HandleBatch)

        // Live timers: the token a Fire must carry to be delivered; the ITimer is null until armed at batch end.
        private readonly Dictionary<string, (long Token, ITimer? Timer)> _timers = new(StringComparer.Ordinal);
        private long _tokens;

        public int Self => host.Id;

        public IReadOnlyList<int> Members => host._members;

        public TimeSpan Now => host._options.Time.GetUtcNow() - DateTimeOffset.UnixEpoch;

        public Random Random { get; } = host._options.Seed is int seed ? new Random(seed) : new Random();

        public IReadOnlyList<TRecord> Recovered => recovered;

        public bool RecoveredTruncated => truncated;

        /// <summary>Runs each item as its own call, then applies the batch: fsync once, send, arm timers.</summary>
        public void HandleBatch(List<LoopItem> batch)
        {
            // A lone input means the node is idle: its messages are written inline, saving a wake-up of the writer
            // task on their way. With more queued, the node is busy, and the writer tasks take the sends off this
            // thread and join the frames of several batches into one write (measured: inline sends under load cost
            // the leader about a quarter more CPU per put, one loopback send per batch per peer).
            _inline = batch.Count == 1;
            foreach (LoopItem item in batch)
            {
                try
                {
                    Call(item);
                }
                catch
                {
                    // The failing call's effects are dropped (as without batching); the earlier calls of the batch
                    // completed, so they are applied before the fault stops the loop.
                    DiscardCall();
                    Commit();
                    throw;
                }

                EndCall();
            }

            StageTrace.Mark(TraceStage.CallsDone);
            Commit();
            StageTrace.Mark(TraceStage.BatchDone);
        }

        public void CancelAllTimers()
        {
            foreach (var (_, timer) in _timers.Values)
            {
                timer?.Dispose();
            }

            _timers.Clear();
        }

        public void Send(int destination, TMessage message)
        {
            // Whether the destination can be reached is decided when the batch's messages leave (Commit): a peer may
            // be added during this very call (an observation of a new configuration, see TcpNodeHost.Peers.cs).
            ArgumentOutOfRangeException.ThrowIfNegative(destination);
            _sends.Add((destination, message));
        }

        public void SendEarly(int destination, TMessage message)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(destination);
            _earlySends.Add((destination, message));
        }

        public void SetTimer(string name, TimeSpan delay)
        {
            ArgumentNullException.ThrowIfNull(name);
            ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
            _timerOps.Add((name, delay));
        }

        public void CancelTimer(string name) => _timerOps.Add((name ?? throw new ArgumentNullException(nameof(name)), null));

        public void Persist(TRecord record) => _persists.Add(record);

        public void Compact(IReadOnlyList<TRecord> records)
        {
            ArgumentNullException.ThrowIfNull(records);
            _persists.Clear();
            _background = null; // superseded: this image replaces everything, the earlier one included
            _compaction = [.. records];
        }

        public void CompactInBackground(IReadOnlyList<TRecord> records)
        {
            ArgumentNullException.ThrowIfNull(records);

            // Unlike Compact, the call's earlier records are kept: the old file stays the truth until the switch,
            // so it must have them. Only the records persisted after this point go to the new file's tail.
            _background = [.. records];
            _backgroundAt = _persists.Count;
        }

        public void Observe(object observation) => _observed.Add(observation ?? throw new ArgumentNullException(nameof(observation)));

        private void Call(LoopItem item)
        {
            switch (item.Kind)
            {
                case LoopKind.Start:
                    _node.Start(this);
                    break;
                case LoopKind.Receive:
                    _node.Receive(this, item.From, item.Message!);
                    break;
                case LoopKind.Peer:
                    host.ApplyPeer(item.From, item.Endpoint);
                    return; // not a call of the node

                case LoopKind.Fire when item.Timer is null:
                    // The wake-up of a finished background rewrite (PostRewriteDone): no call; the batch's Commit
                    // switches the file.
                    return;
                default:
                    // The timer table is updated per call (EndCall), so a Fire queued for a timer that an earlier
                    // call — of an earlier batch or of this one — replaced or cancelled is dropped here, as it would
                    // be without batching.
                    if (!_timers.TryGetValue(item.Timer!, out var live) || live.Token != item.Token)
                    {
                        return;
                    }

                    live.Timer?.Dispose();
                    _timers.Remove(item.Timer!);
                    _node.Fire(this, item.Timer!);
                    break;
            }

            Interlocked.Increment(ref host._calls);
        }

        /// <summary>Moves a returned call's effects into the batch, in the contract's order.</summary>
        private void EndCall()
        {
            // Observations are reported per call, in order (as the unbatched host did, before its fsync): they go
            // to the trace, never to another node, so they need not wait for durability.
            foreach (object value in _observed)
            {
                host._observer(Self, Now, value);
            }

            if (_compaction is not null)
            {
                // Compact replaces everything stable — and the records that earlier calls of this batch persisted
                // would have been stable by now without batching — so they are dropped with the rest; the image
                // the node gave summarises them. Later calls' records follow the image (Commit appends them).
                _batchPersists.Clear();
                _batchBackground = null;
                _batchCompaction = _compaction;
                _compaction = null;
            }

            if (_background is not null)
            {
                // A later request replaces an earlier one of the batch: its image covers the earlier one's records.
                _batchBackground = _background;
                _batchBackgroundAt = _batchPersists.Count + _backgroundAt;
                _background = null;
            }

            _batchPersists.AddRange(_persists);
            SendEarlyNow();
            _batchSends.AddRange(_sends);

            // Timer changes take effect now, per call and in order: the next call of the batch must see this
            // call's timers (a Fire for a replaced timer is stale). Doing it before the fsync is safe because a
            // timer only ever feeds this node, never the outside world; the real ITimer is only created at the end
            // of the batch (ArmTimers), so the delay runs from after the fsync, as it did unbatched.
            foreach (var (name, delay) in _timerOps)
            {
                if (_timers.Remove(name, out var old))
                {
                    old.Timer?.Dispose();
                }

                if (delay is { } due)
                {
                    long token = ++_tokens;
                    _timers[name] = (token, null);
                    _toArm.Add((name, token, due));
                }
            }

            _observed.Clear();
            _persists.Clear();
            _sends.Clear();
            _timerOps.Clear();
        }

        /// <summary>
        /// The call's early messages leave now, before the batch's fsync (the node declared they depend on nothing
        /// not yet durable): a peer stores a leader's entries while the leader does. A message to this node or to
        /// the client gains nothing from going early and keeps the ordinary order.
        /// </summary>
        private void SendEarlyNow()
        {
            foreach (var (to, message) in _earlySends)
            {
                if (to != 0 && to != Self && host._senders.TryGetValue(to, out PeerSender? sender))
                {
                    Interlocked.Increment(ref host._sent);
                    Interlocked.Increment(ref host._sentEarly);
                    sender.Send(FrameIO.Build(Self, host._codec.Encode(message)), _inline);
                    StageTrace.Mark(TraceStage.EarlySend);
                }
                else
                {
                    _batchSends.Add((to, message));
                }
            }

            _earlySends.Clear();
        }

        private void DiscardCall()
        {
            _observed.Clear();
            _persists.Clear();
            _sends.Clear();
            _earlySends.Clear();
            _timerOps.Clear();
            _compaction = null;
            _background = null;
        }

        /// <summary>The contract's order for the whole batch: persist (one fsync), then send, then timers.</summary>
        private void Commit()
        {
            if (_batchCompaction is not null)
            {
                if (host._store is { } store)
                {
                    store.Rewrite(_batchCompaction);
                    Interlocked.Increment(ref host._fsyncs);
                }

                _batchCompaction = null;
            }

            if (_batchBackground is not null)
            {
                AppendAndBeginRewrite();
            }
            else if (host._store is { RewriteReady: true } ready && ready.CompleteRewrite(_batchPersists))
            {
                // A finished background rewrite becomes the live file now, between batches, with this batch's
                // records appended to it under the same fsync (then a rename and a directory fsync); an idle node
                // gets here through the wake-up the finished write posts.
                Interlocked.Increment(ref host._fsyncs);
            }
            else if (_batchPersists.Count > 0 && host._store is { } file)
            {
                StageTrace.Mark(TraceStage.FsyncStart);
                file.Append(_batchPersists);
                StageTrace.Mark(TraceStage.FsyncEnd);
                Interlocked.Increment(ref host._fsyncs);
            }

            // Only now, with every record of every call in the batch durable, may any of the batch's messages leave.
            Interlocked.Add(ref host._sent, _batchSends.Count);
            foreach (var (to, message) in _batchSends)
            {
                if (to == 0)
                {
                    StageTrace.Mark(TraceStage.ClientOutput);
                    host.ClientOutput?.Invoke(message);
                }
                else if (to == Self)
                {
                    host.Post(new LoopItem(LoopKind.Receive, Self, message, null, 0));
                }
                else if (host._senders.ContainsKey(to))
                {
                    ref List<byte[]>? frames = ref CollectionsMarshal.GetValueRefOrAddDefault(_framesTo, to, out _);
                    (frames ??= []).Add(FrameIO.Build(Self, host._codec.Encode(message)));
                }
                else
                {
                    Interlocked.Increment(ref host._unroutable); // no address known: lost, as on a network that cannot route it
                }
            }

            // Each peer's share of the batch goes in one write (one system call), in the order the calls sent it.
            foreach (var (to, frames) in _framesTo)
            {
                if (frames.Count > 0)
                {
                    host._senders[to].Send(frames, _inline);
                    frames.Clear();
                }
            }

            ArmTimers();
            _batchPersists.Clear();
            _batchSends.Clear();
            Interlocked.Increment(ref host._batches);
        }

        /// <summary>
        /// A batch with a background compaction: the records persisted before the request go to the live file only
        /// (the image summarises them), then the rewrite starts, then the later records go to the live file and to
        /// the rewrite's tail. Two fsyncs at most, in the one batch that asks.
        /// </summary>
        private void AppendAndBeginRewrite()
        {
            List<TRecord> image = _batchBackground!;
            _batchBackground = null;
            if (host._store is not { } file)
            {
                return;
            }

            if (_batchBackgroundAt > 0)
            {
                file.Append(_batchPersists.GetRange(0, _batchBackgroundAt));
                Interlocked.Increment(ref host._fsyncs);
            }

            // Skipped (false) while an earlier rewrite runs: its image plus the records appended since are complete.
            file.BeginRewrite(image, PostRewriteDone);
            if (_batchBackgroundAt < _batchPersists.Count)
            {
                file.Append(_batchPersists.GetRange(_batchBackgroundAt, _batchPersists.Count - _batchBackgroundAt));
                Interlocked.Increment(ref host._fsyncs);
            }
        }

        /// <summary>Wakes the loop (from the rewrite's thread) so that an idle node switches files too.</summary>
        private void PostRewriteDone() => host.Post(new LoopItem(LoopKind.Fire, 0, default, null, 0));

        private void ArmTimers()
        {
            foreach (var (name, token, due) in _toArm)
            {
                // A timer set and then replaced or cancelled within the batch is not armed at all.
                if (_timers.TryGetValue(name, out var live) && live.Token == token)
                {
                    Debug.Assert(live.Timer is null, "a timer is armed once");
                    ITimer timer = host._options.Time.CreateTimer(_ => host.Post(new LoopItem(LoopKind.Fire, 0, default, name, token)), null, due, Timeout.InfiniteTimeSpan);
                    _timers[name] = (token, timer);
                }
            }

            _toArm.Clear();
        }
    }
}
