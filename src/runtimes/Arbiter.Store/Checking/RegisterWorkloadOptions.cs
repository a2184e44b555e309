namespace Arbiter.Store.Checking;

/// <summary>What <see cref="RegisterWorkload"/> runs: a Jepsen-style register workload over a few keys.</summary>
public sealed record RegisterWorkloadOptions
{
    /// <summary>Concurrent clients, one operation in flight each (the checker's assumption).</summary>
    public int Clients { get; init; } = 4;

    /// <summary>Keys the clients share: few keys make many concurrent operations on each, which is what a checker needs.</summary>
    public int Keys { get; init; } = 3;

    /// <summary>How long the clients run.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Per-request timeout; an operation that runs past it has an unknown outcome.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Pause between a failed operation and the client's next one (a cluster electing a leader refuses fast).</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>After the run, how long to keep retrying the final read of each key until one succeeds.</summary>
    public TimeSpan FinalReadWithin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Prefix of the keys, so runs do not collide.</summary>
    public string KeyPrefix { get; init; } = "register/";

    /// <summary>Seed of the operation mix (the timing is real, so a seed does not reproduce a run).</summary>
    public int Seed { get; init; } = 1;
}
