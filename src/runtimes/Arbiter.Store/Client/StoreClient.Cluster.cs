using Arbiter.Store.Gateway;

namespace Arbiter.Store.Client;

// etcd v3's cluster API (/v3/cluster/member/*): the same calls change the membership of etcd and of Arbiter.
public sealed partial class StoreClient
{
    /// <summary>Every member of the cluster.</summary>
    public Task<WireMemberListResponse> MemberListAsync(CancellationToken cancellation = default) =>
        CallAsync("v3/cluster/member/list", new WireMemberListRequest(),
            WireJson.Default.WireMemberListRequest, WireJson.Default.WireMemberListResponse, cancellation);

    /// <summary>
    /// Adds a member reachable by its peers at <paramref name="peerUrl"/> (http://IP:PORT), as a learner or a voter;
    /// the answer holds its id. <paramref name="id"/> asks Arbiter for that id (0: the next free one; etcd ignores it).
    /// </summary>
    public Task<WireMemberAddResponse> MemberAddAsync(string peerUrl, bool learner, ulong id = 0, CancellationToken cancellation = default) =>
        CallAsync("v3/cluster/member/add", new WireMemberAddRequest { PeerUrls = [peerUrl], IsLearner = learner, Id = id },
            WireJson.Default.WireMemberAddRequest, WireJson.Default.WireMemberAddResponse, cancellation);

    /// <summary>Makes learner <paramref name="id"/> a voter (refused, code 9, until it has caught up).</summary>
    public Task<WireMemberListResponse> MemberPromoteAsync(ulong id, CancellationToken cancellation = default) =>
        CallAsync("v3/cluster/member/promote", new WireMemberIdRequest { Id = id },
            WireJson.Default.WireMemberIdRequest, WireJson.Default.WireMemberListResponse, cancellation);

    /// <summary>Removes member <paramref name="id"/> (a removed leader steps down once the change commits).</summary>
    public Task<WireMemberListResponse> MemberRemoveAsync(ulong id, CancellationToken cancellation = default) =>
        CallAsync("v3/cluster/member/remove", new WireMemberIdRequest { Id = id },
            WireJson.Default.WireMemberIdRequest, WireJson.Default.WireMemberListResponse, cancellation);
}
