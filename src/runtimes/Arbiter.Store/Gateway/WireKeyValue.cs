using System.Text.Json.Serialization;

namespace Arbiter.Store.Gateway;

/// <summary>
/// etcd v3's <c>mvccpb.KeyValue</c> as its JSON gateway writes it: bytes in base64, int64 as strings, zero fields
/// omitted. Arbiter's server writes exactly this shape, so one client drives Arbiter and a real etcd.
/// </summary>
public sealed record WireKeyValue
{
    /// <summary>The key.</summary>
    [JsonPropertyName("key")] public byte[]? Key { get; init; }

    /// <summary>The revision of the key's last creation.</summary>
    [JsonPropertyName("create_revision")] public long CreateRevision { get; init; }

    /// <summary>The revision of the key's last modification.</summary>
    [JsonPropertyName("mod_revision")] public long ModRevision { get; init; }

    /// <summary>How many times the key was written since its creation (1 after the first put).</summary>
    [JsonPropertyName("version")] public long Version { get; init; }

    /// <summary>The value.</summary>
    [JsonPropertyName("value")] public byte[]? Value { get; init; }

    /// <summary>The lease the key is attached to (0: none).</summary>
    [JsonPropertyName("lease")] public long Lease { get; init; }
}
