namespace Arbiter.Store.Client;

/// <summary>What <see cref="StoreLoad"/> runs: <see cref="Operations"/> puts, then as many linearizable reads.</summary>
public sealed record StoreLoadOptions
{
    /// <summary>Concurrent clients (each with one request outstanding at a time).</summary>
    public int Clients { get; init; } = 16;

    /// <summary>Puts in all (split evenly over the clients), then as many reads.</summary>
    public int Operations { get; init; } = 10_000;

    /// <summary>Bytes per value.</summary>
    public int ValueSize { get; init; } = 256;

    /// <summary>Distinct keys written (and then read) round-robin.</summary>
    public int Keys { get; init; } = 1_000;

    /// <summary>Prefix of the keys, so runs do not collide.</summary>
    public string KeyPrefix { get; init; } = "bench/";

    /// <summary>Serializable (local) reads instead of linearizable ones.</summary>
    public bool SerializableReads { get; init; }
}
