using System.Text.Json.Serialization;

namespace Arbiter.Store.Gateway;

/// <summary>POST /v3/watch body: <c>{"create_request": {...}}</c>.</summary>
public sealed record WireWatchRequest
{
    /// <summary>The watch to create.</summary>
    [JsonPropertyName("create_request")] public WireWatchCreateRequest? CreateRequest { get; init; }
}

/// <summary>What to watch, and from which revision.</summary>
public sealed record WireWatchCreateRequest
{
    /// <summary>The first key (or the only one).</summary>
    [JsonPropertyName("key")] public byte[]? Key { get; init; }

    /// <summary>The end of the range, exclusive (empty: only the key; "\0": every key from it on).</summary>
    [JsonPropertyName("range_end")] public byte[]? RangeEnd { get; init; }

    /// <summary>Deliver every event from this revision on (0: from now). A client resumes at last seen + 1.</summary>
    [JsonPropertyName("start_revision")] public long StartRevision { get; init; }

    /// <summary>Include each event's previous key-value.</summary>
    [JsonPropertyName("prev_kv")] public bool PrevKv { get; init; }
}

/// <summary>One change: etcd's <c>mvccpb.Event</c> (type PUT is 0 and therefore omitted).</summary>
public sealed record WireEvent
{
    /// <summary>"DELETE" for a deletion; absent for a put.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>The key-value after the change (for a delete: the key and the deletion's mod_revision).</summary>
    [JsonPropertyName("kv")] public WireKeyValue? Kv { get; init; }

    /// <summary>The key-value before the change, when asked for.</summary>
    [JsonPropertyName("prev_kv")] public WireKeyValue? PrevKv { get; init; }
}

/// <summary>One message of a watch stream.</summary>
public sealed record WireWatchResponse
{
    /// <summary>The header.</summary>
    [JsonPropertyName("header")] public WireHeader? Header { get; init; }

    /// <summary>The watch's id.</summary>
    [JsonPropertyName("watch_id")] public long WatchId { get; init; }

    /// <summary>True on the first message, confirming the watch.</summary>
    [JsonPropertyName("created")] public bool Created { get; init; }

    /// <summary>True when the watch ended (for example its start revision was compacted).</summary>
    [JsonPropertyName("canceled")] public bool Canceled { get; init; }

    /// <summary>When canceled for compaction: the oldest revision still available.</summary>
    [JsonPropertyName("compact_revision")] public long CompactRevision { get; init; }

    /// <summary>Why it was canceled.</summary>
    [JsonPropertyName("cancel_reason")] public string? CancelReason { get; init; }

    /// <summary>The changes, in revision order.</summary>
    [JsonPropertyName("events")] public IReadOnlyList<WireEvent>? Events { get; init; }
}

/// <summary>POST /v3/kv/compaction.</summary>
public sealed record WireCompactionRequest
{
    /// <summary>Drop history below this revision.</summary>
    [JsonPropertyName("revision")] public long Revision { get; init; }

    /// <summary>Wait until the compaction is physically applied.</summary>
    [JsonPropertyName("physical")] public bool Physical { get; init; }
}
