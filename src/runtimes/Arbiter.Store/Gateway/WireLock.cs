using System.Text.Json.Serialization;

namespace Arbiter.Store.Gateway;

/// <summary>POST /v3/lock/lock: wait for the named lock, held for as long as the lease lives.</summary>
public sealed record WireLockRequest
{
    /// <summary>The lock's name.</summary>
    [JsonPropertyName("name")] public byte[]? Name { get; init; }

    /// <summary>The owner's lease: the lock is released when it ends.</summary>
    [JsonPropertyName("lease")] public long Lease { get; init; }
}

/// <summary>The answer to a lock: the key that proves ownership (pass it to unlock).</summary>
public sealed record WireLockResponse
{
    /// <summary>The header; its revision is the grant's fencing token.</summary>
    [JsonPropertyName("header")] public WireHeader? Header { get; init; }

    /// <summary>The ownership key.</summary>
    [JsonPropertyName("key")] public byte[]? Key { get; init; }
}

/// <summary>POST /v3/lock/unlock.</summary>
public sealed record WireUnlockRequest
{
    /// <summary>The ownership key a lock call returned.</summary>
    [JsonPropertyName("key")] public byte[]? Key { get; init; }
}

/// <summary>An answer that carries only a header (unlock, revoke, compaction, resign, proclaim).</summary>
public sealed record WireHeaderResponse
{
    /// <summary>The header.</summary>
    [JsonPropertyName("header")] public WireHeader? Header { get; init; }
}

/// <summary>The gateway's error body: gRPC status code and message.</summary>
public sealed record WireError
{
    /// <summary>The message.</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }

    /// <summary>The gRPC status code (3 invalid argument, 5 not found, 9 failed precondition, 11 out of range, 14 unavailable).</summary>
    [JsonPropertyName("code")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] // an int32: a JSON number, unlike the int64s
    public int Code { get; init; }

    /// <summary>The message again (the gateway writes both).</summary>
    [JsonPropertyName("message")] public string? Message { get; init; }
}
