using System.Diagnostics;
using Arbiter.Distributed.Tracing;

namespace Arbiter.Distributed.Tcp;

/// <summary>
/// The event loop's inputs and the one place it waits: items queued by other threads (the gateway's requests,
/// timers) and, where <see cref="Poll.Supported"/>, the frames of its inbound peer connections, which the loop reads
/// itself (<see cref="PeerReceiver"/>). <see cref="TakeBatch"/> takes everything already there in one go and
/// otherwise sleeps — in <c>poll</c> on the sockets and an eventfd, or (elsewhere) in <c>Monitor.Wait</c>.
/// </summary>
/// <remarks>
/// <para>Why not <c>BlockingCollection</c> fed by reader tasks: its take spins (<c>SemaphoreSlim</c>, with
/// <c>sched_yield</c>) before it blocks, and a peer's frame reached the loop through the socket engine's thread and a
/// pool thread first. Measured with <c>perf sched</c> on 3 members and one client on 2 cores: the loop threads were
/// scheduled in about 8,000 times in 0.3 s, and every spinning thread took the core from the one with work to do.
/// Here a peer's frame wakes the loop directly, and a producer writes the eventfd only when the loop is asleep.</para>
/// <para>Order: each connection's frames in order, the queue's items in order; between sources, none (they are
/// different senders on a network).</para>
/// <para>Threads: <see cref="TryAdd"/>, <see cref="Watch"/> and <see cref="CompleteAdding"/> from any thread;
/// <see cref="TakeBatch"/> from the loop only; <see cref="Dispose"/> after the loop has stopped.</para>
/// </remarks>
internal sealed class LoopInbox<T> : IDisposable
{
    private readonly Queue<T> _items = new();
    private readonly object _gate = new();
    private readonly Func<int, byte[], T> _frameToItem;
    private readonly List<PeerReceiver> _added = [];     // under _gate: connections not yet watched by the loop
    private readonly List<PeerReceiver> _receivers = []; // loop thread only
    private readonly int _wakeFd = -1;
    private Poll.PollFd[] _fds = [];
    private bool _fdsStale = true;
    private bool _sleeping;
    private bool _completed;

    /// <param name="frameToItem">Turns a peer's frame (sender, payload) into an input, on the loop thread; it may
    /// throw <see cref="FormatException"/> or <see cref="InvalidDataException"/> for a garbled payload, which closes
    /// that connection (its sender reconnects), as a reader task did.</param>
    /// <param name="poll">False forces the portable mode (no sockets watched, <c>Monitor.Wait</c>), as on a system
    /// without poll and eventfd; tests use it to check both modes on Linux.</param>
    public LoopInbox(Func<int, byte[], T> frameToItem, bool poll = true)
    {
        _frameToItem = frameToItem ?? throw new ArgumentNullException(nameof(frameToItem));
        if (poll && Poll.Supported)
        {
            _wakeFd = Poll.CreateEventFd();
        }
    }

    /// <summary>True if the loop reads peer connections itself (<see cref="Watch"/>); otherwise the caller reads them.</summary>
    public bool WatchesSockets => _wakeFd >= 0;

    /// <summary>Queues <paramref name="item"/>; false once <see cref="CompleteAdding"/> was called (the item is dropped).</summary>
    public bool TryAdd(T item)
    {
        bool wake;
        lock (_gate)
        {
            if (_completed)
            {
                return false;
            }

            _items.Enqueue(item);
            wake = Wake();
        }

        Signal(wake);
        return true;
    }

    /// <summary>Has the loop read <paramref name="receiver"/> from now on (only if <see cref="WatchesSockets"/>); closes it if stopping.</summary>
    public void Watch(PeerReceiver receiver)
    {
        Debug.Assert(WatchesSockets, "only a polling inbox watches sockets");
        bool wake;
        lock (_gate)
        {
            if (_completed)
            {
                receiver.Dispose();
                return;
            }

            _added.Add(receiver);
            wake = Wake();
        }

        Signal(wake);
    }

    /// <summary>
    /// Blocks until there is input, then moves the queued items (up to <paramref name="max"/>) and the frames the
    /// peer connections hold now into <paramref name="batch"/>, oldest first per source. Returns false once adding is
    /// complete and every queued item was taken.
    /// </summary>
    public bool TakeBatch(List<T> batch, int max)
    {
        Debug.Assert(max >= 1, "a batch holds at least one item");
        while (true)
        {
            bool sleep;
            lock (_gate)
            {
                _receivers.AddRange(_added);
                _fdsStale |= _added.Count > 0;
                _added.Clear();
                while (batch.Count < max && _items.TryDequeue(out T? item))
                {
                    batch.Add(item);
                }

                if (batch.Count == 0 && _completed)
                {
                    return false;
                }

                sleep = batch.Count == 0;
                if (sleep && !WatchesSockets)
                {
                    // No sockets to watch: sleep on the monitor until a producer pulses (no spinning).
                    _sleeping = true;
                    Monitor.Wait(_gate);
                    _sleeping = false;
                    continue;
                }

                _sleeping = sleep;
            }

            if (WatchesSockets)
            {
                // With input in hand, only look (timeout 0) for frames that arrived too; with none, sleep until a
                // frame or a producer's eventfd write arrives.
                PollAndRead(batch, sleep ? -1 : 0);
            }

            if (batch.Count > 0)
            {
                return true;
            }
        }
    }

    /// <summary>Refuses further items and wakes the loop; it drains what is queued, then <see cref="TakeBatch"/> returns false.</summary>
    public void CompleteAdding()
    {
        bool wake;
        lock (_gate)
        {
            _completed = true;
            wake = Wake();
        }

        Signal(wake);
    }

    /// <summary>Closes the connections and the eventfd; call it once the loop has stopped.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _completed = true;
            _receivers.AddRange(_added);
            _added.Clear();
        }

        _receivers.ForEach(r => r.Dispose());
        _receivers.Clear();
        if (_wakeFd >= 0)
        {
            Poll.Close(_wakeFd);
        }
    }

    /// <summary>Under the gate: whether this producer must wake the sleeping loop (only the first one does).</summary>
    private bool Wake()
    {
        if (!_sleeping)
        {
            return false;
        }

        _sleeping = false;
        if (!WatchesSockets)
        {
            Monitor.Pulse(_gate); // the one consumer
            return false;
        }

        return true;
    }

    /// <summary>Outside the gate: the eventfd write (a system call, kept out of the lock).</summary>
    private void Signal(bool wake)
    {
        if (wake)
        {
            Poll.Signal(_wakeFd);
        }
    }

    private void PollAndRead(List<T> batch, int timeoutMs)
    {
        if (_fdsStale)
        {
            _fds = new Poll.PollFd[_receivers.Count + 1];
            _fds[0] = new Poll.PollFd { Fd = _wakeFd, Events = Poll.In };
            for (int i = 0; i < _receivers.Count; i++)
            {
                _fds[i + 1] = new Poll.PollFd { Fd = _receivers[i].Fd, Events = Poll.In };
            }

            _fdsStale = false;
        }

        int ready = Poll.Wait(_fds, _fds.Length, timeoutMs);
        if (timeoutMs != 0)
        {
            StageTrace.Mark(TraceStage.LoopWake);
            lock (_gate)
            {
                _sleeping = false;
            }
        }

        if (ready <= 0)
        {
            return;
        }

        if (_fds[0].Revents != 0)
        {
            Poll.Drain(_wakeFd); // the queue is read on the next round of TakeBatch
        }

        for (int i = _receivers.Count - 1; i >= 0; i--)
        {
            if (_fds[i + 1].Revents == 0)
            {
                continue;
            }

            PeerReceiver receiver = _receivers[i];
            bool open;
            try
            {
                open = receiver.Read((from, payload) => batch.Add(_frameToItem(from, payload)));
            }
            catch (Exception e) when (e is InvalidDataException or FormatException)
            {
                open = false; // a garbled connection is a lossy network: drop it, its sender reconnects
            }

            if (!open)
            {
                receiver.Dispose();
                _receivers.RemoveAt(i);
                _fdsStale = true;
            }
        }
    }
}
