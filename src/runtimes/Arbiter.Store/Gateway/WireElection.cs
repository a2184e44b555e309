using System.Text.Json.Serialization;

namespace Arbiter.Store.Gateway;

/// <summary>POST /v3/election/campaign: wait to lead the election <see cref="Name"/>, then lead with <see cref="Value"/>.</summary>
public sealed record WireCampaignRequest
{
    /// <summary>The election's name.</summary>
    [JsonPropertyName("name")] public byte[]? Name { get; init; }

    /// <summary>The candidate's lease: leadership ends with it.</summary>
    [JsonPropertyName("lease")] public long Lease { get; init; }

    /// <summary>The value the leader proclaims on election.</summary>
    [JsonPropertyName("value")] public byte[]? Value { get; init; }
}

/// <summary>etcd's <c>LeaderKey</c>: what proves leadership (pass it to proclaim and resign).</summary>
public sealed record WireLeaderKey
{
    /// <summary>The election's name.</summary>
    [JsonPropertyName("name")] public byte[]? Name { get; init; }

    /// <summary>The leader's key (etcd: name/lease in hex).</summary>
    [JsonPropertyName("key")] public byte[]? Key { get; init; }

    /// <summary>The revision at which leadership was won: the fencing token.</summary>
    [JsonPropertyName("rev")] public long Rev { get; init; }

    /// <summary>The leader's lease.</summary>
    [JsonPropertyName("lease")] public long Lease { get; init; }
}

/// <summary>The answer to a campaign: the caller now leads.</summary>
public sealed record WireCampaignResponse
{
    /// <summary>The header.</summary>
    [JsonPropertyName("header")] public WireHeader? Header { get; init; }

    /// <summary>The leader key.</summary>
    [JsonPropertyName("leader")] public WireLeaderKey? Leader { get; init; }
}

/// <summary>POST /v3/election/proclaim: the leader publishes a new value.</summary>
public sealed record WireProclaimRequest
{
    /// <summary>The leader key a campaign returned.</summary>
    [JsonPropertyName("leader")] public WireLeaderKey? Leader { get; init; }

    /// <summary>The new value.</summary>
    [JsonPropertyName("value")] public byte[]? Value { get; init; }
}

/// <summary>POST /v3/election/leader (one answer) and /v3/election/observe (a stream of answers).</summary>
public sealed record WireLeaderRequest
{
    /// <summary>The election's name.</summary>
    [JsonPropertyName("name")] public byte[]? Name { get; init; }
}

/// <summary>The current leader as a key-value (key: the leader key, value: its proclaimed value).</summary>
public sealed record WireLeaderResponse
{
    /// <summary>The header.</summary>
    [JsonPropertyName("header")] public WireHeader? Header { get; init; }

    /// <summary>The leader's key-value (absent when nobody leads).</summary>
    [JsonPropertyName("kv")] public WireKeyValue? Kv { get; init; }
}

/// <summary>POST /v3/election/resign: the leader steps down.</summary>
public sealed record WireResignRequest
{
    /// <summary>The leader key a campaign returned.</summary>
    [JsonPropertyName("leader")] public WireLeaderKey? Leader { get; init; }
}
