using System.Text.Json.Serialization;

namespace Arbiter.Store.Gateway;

/// <summary>POST /v3/maintenance/status (no fields).</summary>
public sealed record WireStatusRequest;

/// <summary>A member's status, in the fields of etcd's <c>StatusResponse</c> that Arbiter fills.</summary>
public sealed record WireStatusResponse
{
    /// <summary>The header (its <c>member_id</c> is this member).</summary>
    [JsonPropertyName("header")] public WireHeader? Header { get; init; }

    /// <summary>The server's version string.</summary>
    [JsonPropertyName("version")] public string? Version { get; init; }

    /// <summary>The member this one believes leads (0: none known); a uint64 like <see cref="WireHeader.MemberId"/> (etcd's ids are random 64-bit numbers).</summary>
    [JsonPropertyName("leader")] public ulong Leader { get; init; }

    /// <summary>The last log index.</summary>
    [JsonPropertyName("raftIndex")] public long RaftIndex { get; init; }

    /// <summary>The current term.</summary>
    [JsonPropertyName("raftTerm")] public long RaftTerm { get; init; }

    /// <summary>The last index applied to the store.</summary>
    [JsonPropertyName("raftAppliedIndex")] public long RaftAppliedIndex { get; init; }

    /// <summary>Voting members (Arbiter's addition).</summary>
    [JsonPropertyName("voters")] public IReadOnlyList<long>? Voters { get; init; }

    /// <summary>Non-voting members catching up (Arbiter's addition).</summary>
    [JsonPropertyName("learners")] public IReadOnlyList<long>? Learners { get; init; }
}
