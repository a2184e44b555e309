using System.Text.Json.Serialization;

namespace Arbiter.Store.Gateway;

/// <summary>One comparison of a transaction: <c>target(key) result operand</c>, e.g. <c>VALUE(k) EQUAL "v"</c>.</summary>
public sealed record WireCompare
{
    /// <summary>EQUAL, GREATER, LESS or NOT_EQUAL (absent means EQUAL, as in etcd).</summary>
    [JsonPropertyName("result")] public string? Result { get; init; }

    /// <summary>VERSION, CREATE, MOD, VALUE or LEASE (absent means VERSION, as in etcd).</summary>
    [JsonPropertyName("target")] public string? Target { get; init; }

    /// <summary>The key compared.</summary>
    [JsonPropertyName("key")] public byte[]? Key { get; init; }

    /// <summary>The operand when the target is VERSION.</summary>
    [JsonPropertyName("version")] public long Version { get; init; }

    /// <summary>The operand when the target is CREATE.</summary>
    [JsonPropertyName("create_revision")] public long CreateRevision { get; init; }

    /// <summary>The operand when the target is MOD.</summary>
    [JsonPropertyName("mod_revision")] public long ModRevision { get; init; }

    /// <summary>The operand when the target is VALUE.</summary>
    [JsonPropertyName("value")] public byte[]? Value { get; init; }

    /// <summary>The operand when the target is LEASE.</summary>
    [JsonPropertyName("lease")] public long Lease { get; init; }

    /// <summary>Compare every key in [key, range_end) (empty: only the key).</summary>
    [JsonPropertyName("range_end")] public byte[]? RangeEnd { get; init; }
}

/// <summary>One operation of a transaction branch: exactly one of the three is set.</summary>
public sealed record WireRequestOp
{
    /// <summary>A range.</summary>
    [JsonPropertyName("request_range")] public WireRangeRequest? RequestRange { get; init; }

    /// <summary>A put.</summary>
    [JsonPropertyName("request_put")] public WirePutRequest? RequestPut { get; init; }

    /// <summary>A delete.</summary>
    [JsonPropertyName("request_delete_range")] public WireDeleteRangeRequest? RequestDeleteRange { get; init; }
}

/// <summary>The answer to one operation of a transaction.</summary>
public sealed record WireResponseOp
{
    /// <summary>The range's answer.</summary>
    [JsonPropertyName("response_range")] public WireRangeResponse? ResponseRange { get; init; }

    /// <summary>The put's answer.</summary>
    [JsonPropertyName("response_put")] public WirePutResponse? ResponsePut { get; init; }

    /// <summary>The delete's answer.</summary>
    [JsonPropertyName("response_delete_range")] public WireDeleteRangeResponse? ResponseDeleteRange { get; init; }
}

/// <summary>POST /v3/kv/txn: if every comparison holds, run <see cref="Success"/>, else <see cref="Failure"/>, atomically.</summary>
public sealed record WireTxnRequest
{
    /// <summary>The comparisons (all must hold).</summary>
    [JsonPropertyName("compare")] public IReadOnlyList<WireCompare>? Compare { get; init; }

    /// <summary>The operations when they hold.</summary>
    [JsonPropertyName("success")] public IReadOnlyList<WireRequestOp>? Success { get; init; }

    /// <summary>The operations when one does not.</summary>
    [JsonPropertyName("failure")] public IReadOnlyList<WireRequestOp>? Failure { get; init; }
}

/// <summary>The answer to a transaction.</summary>
public sealed record WireTxnResponse
{
    /// <summary>The header.</summary>
    [JsonPropertyName("header")] public WireHeader? Header { get; init; }

    /// <summary>True when the comparisons held and the success branch ran.</summary>
    [JsonPropertyName("succeeded")] public bool Succeeded { get; init; }

    /// <summary>The answers of the branch that ran, in order.</summary>
    [JsonPropertyName("responses")] public IReadOnlyList<WireResponseOp>? Responses { get; init; }
}
