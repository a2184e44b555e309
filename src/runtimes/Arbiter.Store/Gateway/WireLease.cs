using System.Text.Json.Serialization;

namespace Arbiter.Store.Gateway;

/// <summary>POST /v3/lease/grant (etcd spells these fields TTL and ID).</summary>
public sealed record WireLeaseGrantRequest
{
    /// <summary>Time to live in seconds.</summary>
    [JsonPropertyName("TTL")] public long Ttl { get; init; }

    /// <summary>The id wanted (0: the store chooses).</summary>
    [JsonPropertyName("ID")] public long Id { get; init; }
}

/// <summary>The answer to a grant, and to a keep-alive or a time-to-live query.</summary>
public sealed record WireLeaseResponse
{
    /// <summary>The header.</summary>
    [JsonPropertyName("header")] public WireHeader? Header { get; init; }

    /// <summary>The lease id.</summary>
    [JsonPropertyName("ID")] public long Id { get; init; }

    /// <summary>Seconds left (grant: the TTL granted; -1 from time-to-live: expired or unknown).</summary>
    [JsonPropertyName("TTL")] public long Ttl { get; init; }

    /// <summary>The TTL the lease was granted with (time-to-live only).</summary>
    [JsonPropertyName("grantedTTL")] public long GrantedTtl { get; init; }

    /// <summary>A refusal, such as "etcdserver: lease not found" (grant only).</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }

    /// <summary>The keys attached (time-to-live with keys).</summary>
    [JsonPropertyName("keys")] public IReadOnlyList<byte[]>? Keys { get; init; }
}

/// <summary>POST /v3/lease/revoke, /v3/lease/keepalive and /v3/lease/timetolive.</summary>
public sealed record WireLeaseIdRequest
{
    /// <summary>The lease id.</summary>
    [JsonPropertyName("ID")] public long Id { get; init; }

    /// <summary>Time-to-live only: list the attached keys.</summary>
    [JsonPropertyName("keys")] public bool Keys { get; init; }
}

/// <summary>A streamed answer (keep-alive, watch, observe): the gateway wraps each message in <c>result</c>.</summary>
/// <typeparam name="T">The message type.</typeparam>
public sealed record WireStreamed<T>
{
    /// <summary>The message.</summary>
    [JsonPropertyName("result")] public T? Result { get; init; }

    /// <summary>An error that ended the stream.</summary>
    [JsonPropertyName("error")] public WireError? Error { get; init; }
}
