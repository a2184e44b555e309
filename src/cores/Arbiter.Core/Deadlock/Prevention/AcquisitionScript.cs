namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>
/// A sequence of lock/resource acquisitions per process: the input of the prevention checks
/// (<see cref="ResourceOrdering"/>, <see cref="HoldAndWait"/>, <see cref="LockHierarchy"/>) and of the
/// <see cref="TimeoutRetrySimulation"/>.
/// </summary>
/// <param name="Resources">Resource names. Their list order IS the global resource order used by
/// <see cref="ResourceOrdering"/> (first = lowest rank).</param>
/// <param name="Processes">The processes and their steps, in process order (ties and round-robin follow it).</param>
/// <param name="Instances">Instances per resource name; a resource not listed (or a null map) has one instance.</param>
/// <param name="Levels">Hierarchy level per resource name, for <see cref="LockHierarchy"/>; higher levels are acquired first.</param>
public sealed record AcquisitionScript(
    IReadOnlyList<string> Resources,
    IReadOnlyList<ScriptProcess> Processes,
    IReadOnlyDictionary<string, int>? Instances = null,
    IReadOnlyDictionary<string, int>? Levels = null)
{
    /// <summary>Instances of the named resource (1 unless <see cref="Instances"/> says otherwise).</summary>
    public int InstancesOf(string resource) =>
        Instances is not null && Instances.TryGetValue(resource, out int count) ? count : 1;
}
