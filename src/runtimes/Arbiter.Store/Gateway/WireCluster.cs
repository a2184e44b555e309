using System.Text.Json.Serialization;

namespace Arbiter.Store.Gateway;

/// <summary>POST /v3/cluster/member/list (etcd 3.4's <c>MemberListRequest</c>: no fields).</summary>
public sealed record WireMemberListRequest;

/// <summary>One member, as etcd's <c>etcdserverpb.Member</c>: ids are uint64, written as strings.</summary>
public sealed record WireMember
{
    /// <summary>The member's id (Arbiter: the small integer of <c>--id</c>; etcd: a random uint64).</summary>
    [JsonPropertyName("ID")] public ulong Id { get; init; }

    /// <summary>Its name (etcd: <c>--name</c>, empty until the member has started; Arbiter: "member-ID").</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Where its peers reach it (Arbiter: exactly one, http://IP:PORT of its Raft listener).</summary>
    [JsonPropertyName("peerURLs")] public IReadOnlyList<string>? PeerUrls { get; init; }

    /// <summary>Where clients reach it (etcd publishes them once the member runs; Arbiter fills only the answering member's own, when it knows it).</summary>
    [JsonPropertyName("clientURLs")] public IReadOnlyList<string>? ClientUrls { get; init; }

    /// <summary>True for a learner (non-voting member).</summary>
    [JsonPropertyName("isLearner")] public bool IsLearner { get; init; }
}

/// <summary>The members, after a list, remove or promote (etcd's <c>MemberListResponse</c>, <c>MemberRemoveResponse</c>, <c>MemberPromoteResponse</c>).</summary>
public sealed record WireMemberListResponse
{
    /// <summary>The header.</summary>
    [JsonPropertyName("header")] public WireHeader? Header { get; init; }

    /// <summary>Every member after the call.</summary>
    [JsonPropertyName("members")] public IReadOnlyList<WireMember>? Members { get; init; }
}

/// <summary>POST /v3/cluster/member/add (etcd's <c>MemberAddRequest</c>, plus Arbiter's optional <c>ID</c>).</summary>
public sealed record WireMemberAddRequest
{
    /// <summary>The new member's peer URLs (Arbiter: exactly one, http://IP:PORT with a numeric IP).</summary>
    [JsonPropertyName("peerURLs")] public IReadOnlyList<string>? PeerUrls { get; init; }

    /// <summary>Add as a learner (it catches up before it may be promoted to vote).</summary>
    [JsonPropertyName("isLearner")] public bool IsLearner { get; init; }

    /// <summary>Arbiter: the id wanted (0: the next free one). etcd has no such field (it ignores it and picks a random id).</summary>
    [JsonPropertyName("ID")] public ulong Id { get; init; }
}

/// <summary>The answer to an add: the new member and every member (etcd's <c>MemberAddResponse</c>).</summary>
public sealed record WireMemberAddResponse
{
    /// <summary>The header.</summary>
    [JsonPropertyName("header")] public WireHeader? Header { get; init; }

    /// <summary>The member added, with its id.</summary>
    [JsonPropertyName("member")] public WireMember? Member { get; init; }

    /// <summary>Every member after the add.</summary>
    [JsonPropertyName("members")] public IReadOnlyList<WireMember>? Members { get; init; }
}

/// <summary>POST /v3/cluster/member/remove and /v3/cluster/member/promote (etcd's <c>MemberRemoveRequest</c>, <c>MemberPromoteRequest</c>).</summary>
public sealed record WireMemberIdRequest
{
    /// <summary>The member's id (uint64; a string or a number in JSON).</summary>
    [JsonPropertyName("ID")] public ulong Id { get; init; }
}
