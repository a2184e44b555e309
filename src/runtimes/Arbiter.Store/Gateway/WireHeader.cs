using System.Text.Json.Serialization;

namespace Arbiter.Store.Gateway;

/// <summary>etcd v3's <c>ResponseHeader</c>: the store revision when the request was served, and who served it.</summary>
public sealed record WireHeader
{
    /// <summary>The cluster's id.</summary>
    [JsonPropertyName("cluster_id")] public ulong ClusterId { get; init; }

    /// <summary>The id of the member that answered.</summary>
    [JsonPropertyName("member_id")] public ulong MemberId { get; init; }

    /// <summary>The store's revision at the time of the answer.</summary>
    [JsonPropertyName("revision")] public long Revision { get; init; }

    /// <summary>The Raft term of the member that answered.</summary>
    [JsonPropertyName("raft_term")] public ulong RaftTerm { get; init; }
}
