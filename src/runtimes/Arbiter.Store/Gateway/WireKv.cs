using System.Text.Json.Serialization;

namespace Arbiter.Store.Gateway;

/// <summary>POST /v3/kv/range.</summary>
public sealed record WireRangeRequest
{
    /// <summary>The first key (or the only one when <see cref="RangeEnd"/> is empty).</summary>
    [JsonPropertyName("key")] public byte[]? Key { get; init; }

    /// <summary>The end of the range, exclusive; "\0" means every key from <see cref="Key"/> on.</summary>
    [JsonPropertyName("range_end")] public byte[]? RangeEnd { get; init; }

    /// <summary>At most this many keys (0: no limit).</summary>
    [JsonPropertyName("limit")] public long Limit { get; init; }

    /// <summary>Read at this revision (0: the current one).</summary>
    [JsonPropertyName("revision")] public long Revision { get; init; }

    /// <summary>A local read from the answering member, not linearizable.</summary>
    [JsonPropertyName("serializable")] public bool Serializable { get; init; }

    /// <summary>Keys without values.</summary>
    [JsonPropertyName("keys_only")] public bool KeysOnly { get; init; }

    /// <summary>Only the count.</summary>
    [JsonPropertyName("count_only")] public bool CountOnly { get; init; }
}

/// <summary>The answer to a range.</summary>
public sealed record WireRangeResponse
{
    /// <summary>The header.</summary>
    [JsonPropertyName("header")] public WireHeader? Header { get; init; }

    /// <summary>The keys found, in key order.</summary>
    [JsonPropertyName("kvs")] public IReadOnlyList<WireKeyValue>? Kvs { get; init; }

    /// <summary>True when the limit cut the answer short.</summary>
    [JsonPropertyName("more")] public bool More { get; init; }

    /// <summary>How many keys are in the range.</summary>
    [JsonPropertyName("count")] public long Count { get; init; }
}

/// <summary>POST /v3/kv/put.</summary>
public sealed record WirePutRequest
{
    /// <summary>The key.</summary>
    [JsonPropertyName("key")] public byte[]? Key { get; init; }

    /// <summary>The value.</summary>
    [JsonPropertyName("value")] public byte[]? Value { get; init; }

    /// <summary>Attach the key to this lease (0: none).</summary>
    [JsonPropertyName("lease")] public long Lease { get; init; }

    /// <summary>Return the previous key-value.</summary>
    [JsonPropertyName("prev_kv")] public bool PrevKv { get; init; }
}

/// <summary>The answer to a put.</summary>
public sealed record WirePutResponse
{
    /// <summary>The header; its revision is the put's.</summary>
    [JsonPropertyName("header")] public WireHeader? Header { get; init; }

    /// <summary>The previous key-value, when asked for and present.</summary>
    [JsonPropertyName("prev_kv")] public WireKeyValue? PrevKv { get; init; }
}

/// <summary>POST /v3/kv/deleterange.</summary>
public sealed record WireDeleteRangeRequest
{
    /// <summary>The first key.</summary>
    [JsonPropertyName("key")] public byte[]? Key { get; init; }

    /// <summary>The end of the range, exclusive (empty: only <see cref="Key"/>).</summary>
    [JsonPropertyName("range_end")] public byte[]? RangeEnd { get; init; }

    /// <summary>Return the deleted key-values.</summary>
    [JsonPropertyName("prev_kv")] public bool PrevKv { get; init; }
}

/// <summary>The answer to a delete.</summary>
public sealed record WireDeleteRangeResponse
{
    /// <summary>The header.</summary>
    [JsonPropertyName("header")] public WireHeader? Header { get; init; }

    /// <summary>How many keys were deleted.</summary>
    [JsonPropertyName("deleted")] public long Deleted { get; init; }

    /// <summary>The deleted key-values, when asked for.</summary>
    [JsonPropertyName("prev_kvs")] public IReadOnlyList<WireKeyValue>? PrevKvs { get; init; }
}
