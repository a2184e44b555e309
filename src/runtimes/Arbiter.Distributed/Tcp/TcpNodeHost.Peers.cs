using System.Net;

namespace Arbiter.Distributed.Tcp;

/// <content>
/// Peers added and removed at run time (membership changes of a running group). Source: etcd's rafthttp
/// Transport (AddPeer / RemovePeer / UpdatePeer, called by the server when it applies a ConfChange). Cost: O(1) per
/// change plus one connection; the loop never waits for a removed peer's link to close.
/// </content>
public sealed partial class TcpNodeHost<TMessage, TRecord>
{
    /// <summary>Messages dropped because no address was known for their destination (not yet added, or removed).</summary>
    public long Unroutable => Interlocked.Read(ref _unroutable);

    /// <summary>The peers this host can reach now (its own id excluded), with their addresses.</summary>
    public IReadOnlyDictionary<int, IPEndPoint> Peers
    {
        get
        {
            lock (_senders)
            {
                return _senders.ToDictionary(s => s.Key, s => s.Value.Endpoint);
            }
        }
    }

    /// <summary>
    /// Adds peer <paramref name="id"/> at <paramref name="endpoint"/>, or moves it there (its link is replaced; frames
    /// queued for the old address are lost, as a network may lose them). Safe from any thread: on the loop thread (an
    /// observer reacting to a new configuration) it takes effect at once, so the messages of the call that changed
    /// the configuration already reach the new peer; from another thread it is queued behind the loop's inputs.
    /// Adding this node itself is ignored.
    /// </summary>
    public void SetPeer(int id, IPEndPoint endpoint)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(id, 1);
        ArgumentNullException.ThrowIfNull(endpoint);
        OnLoop(id, endpoint);
    }

    /// <summary>Forgets peer <paramref name="id"/>: its link closes and later messages to it are <see cref="Unroutable"/>. Same threading as <see cref="SetPeer"/>.</summary>
    public void RemovePeer(int id)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(id, 1);
        OnLoop(id, null);
    }

    private void OnLoop(int id, IPEndPoint? endpoint)
    {
        if (_loop is null || _loop.ManagedThreadId == Environment.CurrentManagedThreadId)
        {
            ApplyPeer(id, endpoint);
        }
        else
        {
            Post(new LoopItem(LoopKind.Peer, id, default, null, 0, endpoint));
        }
    }

    /// <summary>On the loop thread (or before it starts): the change itself.</summary>
    private void ApplyPeer(int id, IPEndPoint? endpoint)
    {
        if (id == Id || _stop.IsCancellationRequested)
        {
            return;
        }

        lock (_senders)
        {
            if (_senders.TryGetValue(id, out PeerSender? old))
            {
                if (endpoint is not null && old.Endpoint.Equals(endpoint))
                {
                    return;
                }

                _senders.Remove(id);
                Retire(old);
            }

            if (endpoint is not null)
            {
                _senders[id] = new PeerSender(endpoint, _options);
            }

            _members = [.. _senders.Keys.Append(Id).Order()];
        }
    }

    private void Retire(PeerSender sender)
    {
        // Closed in the background so the loop never blocks on a socket; DisposeAsync awaits whatever is left.
        _retired.Add(sender.DisposeAsync().AsTask());
    }
}
