using System.Text.Json.Serialization;

namespace Arbiter.Store.Gateway;

// Arbiter's own coordination calls (etcd has no semaphore, reader-writer lock, barrier or wait-for graph). They live
// under /arbiter/v1/ and keep the gateway's conventions (int64 as strings, snake_case). Names are strings here, not
// base64 bytes: they are the coordinator's resource names, shown as such in the wait-for graph. An owner is a lease.

/// <summary>POST /arbiter/v1/semaphore/acquire: take <see cref="Units"/> of a counting semaphore's <see cref="Permits"/> permits.</summary>
public sealed record WireAcquireRequest
{
    /// <summary>The semaphore's name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>N, its number of permits (must agree with the semaphore while it exists).</summary>
    [JsonPropertyName("permits")] [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public int Permits { get; init; }

    /// <summary>k, the permits wanted (1 ≤ k ≤ N; 0 means 1).</summary>
    [JsonPropertyName("units")] [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public int Units { get; init; }

    /// <summary>The owner's lease.</summary>
    [JsonPropertyName("lease")] public long Lease { get; init; }

    /// <summary>A display name for the owner in the graph (optional).</summary>
    [JsonPropertyName("owner")] public string? Owner { get; init; }

    /// <summary>Do not wait: refuse with code 9 (failed precondition) if the permits are not free now.</summary>
    [JsonPropertyName("try")] public bool Try { get; init; }
}

/// <summary>POST /arbiter/v1/rwlock/lock: take a reader-writer lock shared (read) or exclusive (<see cref="Write"/>).</summary>
public sealed record WireReadWriteLockRequest
{
    /// <summary>The lock's name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Exclusive (writer) rather than shared (reader).</summary>
    [JsonPropertyName("write")] public bool Write { get; init; }

    /// <summary>The owner's lease.</summary>
    [JsonPropertyName("lease")] public long Lease { get; init; }

    /// <summary>A display name for the owner in the graph (optional).</summary>
    [JsonPropertyName("owner")] public string? Owner { get; init; }

    /// <summary>Do not wait: refuse with code 9 if the lock is not free now.</summary>
    [JsonPropertyName("try")] public bool Try { get; init; }
}

/// <summary>POST /arbiter/v1/barrier/arrive: arrive at a barrier of <see cref="Parties"/> parties and wait for the rest.</summary>
public sealed record WireArriveRequest
{
    /// <summary>The barrier's name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>N, the parties (must agree with the barrier).</summary>
    [JsonPropertyName("parties")] [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public int Parties { get; init; }

    /// <summary>The owner's lease.</summary>
    [JsonPropertyName("lease")] public long Lease { get; init; }

    /// <summary>A display name for the owner in the graph (optional).</summary>
    [JsonPropertyName("owner")] public string? Owner { get; init; }
}

/// <summary>POST /arbiter/v1/semaphore/release and /arbiter/v1/rwlock/unlock: give back what the lease holds on the resource (or withdraw its wait).</summary>
public sealed record WireReleaseRequest
{
    /// <summary>The resource's name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The owner's lease.</summary>
    [JsonPropertyName("lease")] public long Lease { get; init; }
}

/// <summary>The answer to an acquire, a reader-writer lock or a barrier: granted (or passed), with its fencing token.</summary>
public sealed record WireGrantResponse
{
    /// <summary>The header.</summary>
    [JsonPropertyName("header")] public WireHeader? Header { get; init; }

    /// <summary>The resource's name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The fencing token: the revision of the operation that granted it (for a barrier: that released it).</summary>
    [JsonPropertyName("token")] public long Token { get; init; }
}

/// <summary>POST /arbiter/v1/locks/graph (no fields): the live wait-for graph across every client.</summary>
public sealed record WireGraphRequest;

/// <summary>The live graph: owners and resources, holds and waits, and the owner → owner wait-for edges.</summary>
public sealed record WireGraphResponse
{
    /// <summary>The header.</summary>
    [JsonPropertyName("header")] public WireHeader? Header { get; init; }

    /// <summary>Owners (leases), by lease.</summary>
    [JsonPropertyName("owners")] public IReadOnlyList<WireGraphOwner>? Owners { get; init; }

    /// <summary>Resources, by name.</summary>
    [JsonPropertyName("resources")] public IReadOnlyList<WireGraphResource>? Resources { get; init; }

    /// <summary>Resource → owner: who holds what.</summary>
    [JsonPropertyName("holds")] public IReadOnlyList<WireGraphEdge>? Holds { get; init; }

    /// <summary>Owner → resource: who waits for what, in queue order.</summary>
    [JsonPropertyName("waits")] public IReadOnlyList<WireGraphEdge>? Waits { get; init; }

    /// <summary>Owner → owner: the wait-for graph the deadlock detection runs on.</summary>
    [JsonPropertyName("waits_for")] public IReadOnlyList<WireWaitsFor>? WaitsFor { get; init; }

    /// <summary>Deadlocks broken so far (victims chosen).</summary>
    [JsonPropertyName("deadlocks_broken")] public long DeadlocksBroken { get; init; }
}

/// <summary>An owner in the graph.</summary>
public sealed record WireGraphOwner
{
    /// <summary>Its lease.</summary>
    [JsonPropertyName("lease")] public long Lease { get; init; }

    /// <summary>Its display name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The revision of its first coordination call.</summary>
    [JsonPropertyName("first_seen")] public long FirstSeen { get; init; }

    /// <summary>Times its wait was failed to break a deadlock.</summary>
    [JsonPropertyName("victimized")] [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public int Victimized { get; init; }
}

/// <summary>A resource in the graph.</summary>
public sealed record WireGraphResource
{
    /// <summary>Its name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>mutex, rwlock, semaphore, barrier or election.</summary>
    [JsonPropertyName("kind")] public string? Kind { get; init; }

    /// <summary>1, N permits or N parties.</summary>
    [JsonPropertyName("capacity")] [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public int Capacity { get; init; }

    /// <summary>Units held now.</summary>
    [JsonPropertyName("held_units")] [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public int HeldUnits { get; init; }

    /// <summary>Owners waiting.</summary>
    [JsonPropertyName("waiting")] [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public int Waiting { get; init; }
}

/// <summary>A hold (resource → owner) or a wait (owner → resource).</summary>
public sealed record WireGraphEdge
{
    /// <summary>The resource.</summary>
    [JsonPropertyName("resource")] public string? Resource { get; init; }

    /// <summary>The owner.</summary>
    [JsonPropertyName("lease")] public long Lease { get; init; }

    /// <summary>Units held or asked for.</summary>
    [JsonPropertyName("units")] [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public int Units { get; init; }

    /// <summary>Exclusive (writer, mutex, leader) or shared.</summary>
    [JsonPropertyName("exclusive")] public bool Exclusive { get; init; }

    /// <summary>A hold's fencing token (0 for a wait).</summary>
    [JsonPropertyName("token")] public long Token { get; init; }

    /// <summary>A wait's starting revision (0 for a hold).</summary>
    [JsonPropertyName("since")] public long Since { get; init; }

    /// <summary>A wait's place in the queue (0-based).</summary>
    [JsonPropertyName("position")] [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] public int Position { get; init; }
}

/// <summary>An owner → owner wait-for edge.</summary>
public sealed record WireWaitsFor
{
    /// <summary>The waiter.</summary>
    [JsonPropertyName("from")] public long From { get; init; }

    /// <summary>The owner it waits on.</summary>
    [JsonPropertyName("to")] public long To { get; init; }

    /// <summary>The resource between them.</summary>
    [JsonPropertyName("resource")] public string? Resource { get; init; }

    /// <summary>holder or queued_ahead.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }
}
