namespace Arbiter.Core.Scheduling.Policies;

/// <summary>The policies by name, so that commands, tests and benchmarks create them alike.</summary>
public static class PolicyCatalog
{
    /// <summary>Every policy name, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fifo", "sjf", "stcf", "rr", "priority", "mlfq", "lottery", "stride", "cfs"];

    /// <summary>Policies whose CPU shares follow an entitlement (tickets or nice weights) rather than equal shares.</summary>
    public static bool IsProportionalShare(string name) => name is "lottery" or "stride" or "cfs";

    /// <summary>A fresh policy instance; throws <see cref="ArgumentException"/> for an unknown name or a bad setting.</summary>
    public static ISchedulingPolicy Create(string name, PolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return name switch
        {
            "fifo" => new FirstInFirstOut(),
            "sjf" => new ShortestJobFirst(),
            "stcf" => new ShortestTimeToCompletion(),
            "rr" => new RoundRobin(settings.Quantum),
            "priority" => new PriorityScheduling(settings.Aging),
            "mlfq" => new Mlfq(settings.Mlfq ?? MlfqOptions.Uniform(3, settings.Quantum)),
            "lottery" => new Lottery(settings.Quantum, new Random(settings.Seed)),
            "stride" => new Stride(settings.Quantum),
            "cfs" => new CompletelyFair(settings.Cfs ?? new CfsOptions()),
            _ => throw new ArgumentException($"unknown policy '{name}' (expected one of {string.Join(", ", Names)})", nameof(name)),
        };
    }
}
