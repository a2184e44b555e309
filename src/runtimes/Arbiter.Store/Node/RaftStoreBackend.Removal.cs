using System.Net;

namespace Arbiter.Store.Node;

/// <content>
/// A removed member stops: etcd's removed member notices (its applied configuration lacks it, or a peer answers its
/// connection with "the member has been permanently removed from the cluster", HTTP 410 in rafthttp) and exits. Here
/// the node notices (<see cref="StoreNode.Removed"/>: a probe answered, or its own committed log) and this member
/// completes <see cref="RemovedFromCluster"/>; whoever hosts it (the <c>arbiter store serve</c> command) stops.
/// </content>
public sealed partial class RaftStoreBackend
{
    private readonly TaskCompletionSource<StoreMemberRemoved> _removed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes, with how it learned, once this member knows it was removed from the group for good.</summary>
    public Task<StoreMemberRemoved> RemovedFromCluster => _removed.Task;

    /// <summary>True when this member's log (as recovered or since) makes it a member: voter or learner.</summary>
    public Task<bool> IsMemberAsync(CancellationToken cancellation = default) =>
        LocalAsync(() => _node!.Core.Configuration.IsMember(Id), 0, cancellation);

    // ---- node thread ----

    /// <summary>The observations of removal: answer a removed server's probe at the address it gave; or learn our own.</summary>
    private void OnRemovalObserved(object observation)
    {
        switch (observation)
        {
            case StoreRemovedMemberProbed probed when ParsePeerUrl(probed.PeerUrl) is { } endpoint:
                // A link to it, so the answer this very call sends reaches it (the next applied configuration drops
                // the link again: it is not a member).
                _host.SetPeer(probed.Removed, endpoint);
                break;
            case StoreMemberRemoved removed:
                _removed.TrySetResult(removed);
                break;
        }
    }

    /// <summary>The probe this member sends while it knows no leader: its own peer URL, where an answer can reach it.</summary>
    private byte[]? ProbeQuery() =>
        _listened is { Port: > 0 } self ? StoreNode.Probe(PeerUrl(self))
        : _startPeers.TryGetValue(Id, out IPEndPoint? given) && given.Port > 0 ? StoreNode.Probe(PeerUrl(given)) : null;
}
