namespace Arbiter.Sync.Labs;

/// <summary>What one role (all contenders, readers or writers) got out of a fairness run.</summary>
/// <param name="Role">"all", "readers" or "writers".</param>
/// <param name="Threads">Threads in the role.</param>
/// <param name="Acquisitions">Requests granted.</param>
/// <param name="Unserved">Requests still waiting when the run ended (their waits count, as lower bounds).</param>
/// <param name="ThroughputPerSecond">Acquisitions per second of the run.</param>
/// <param name="MaxBypass">The most later requests (of any role) that overtook one request of this role.</param>
/// <param name="P999Bypass">99.9th percentile of the bypass counts: the bound that held for all but one request in a thousand.</param>
/// <param name="P999WaitMicroseconds">99.9th percentile wait from request to grant, µs.</param>
/// <param name="MaxWaitMicroseconds">Longest wait, µs.</param>
/// <param name="MeanWaitMicroseconds">Mean wait, µs.</param>
public sealed record FairnessRoleResult(
    string Role,
    int Threads,
    long Acquisitions,
    long Unserved,
    double ThroughputPerSecond,
    long MaxBypass,
    long P999Bypass,
    double P999WaitMicroseconds,
    double MaxWaitMicroseconds,
    double MeanWaitMicroseconds);
