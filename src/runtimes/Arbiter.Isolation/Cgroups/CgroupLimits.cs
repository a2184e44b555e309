namespace Arbiter.Isolation.Cgroups;

/// <summary>
/// Resource limits for one cgroup; a null field leaves the kernel's default (unlimited) in place. Units are the
/// cgroup v2 ones whatever the hierarchy: <see cref="Cgroup"/> converts them for v1.
/// </summary>
/// <param name="MemoryBytes">Memory limit in bytes (v1 <c>memory.limit_in_bytes</c>, v2 <c>memory.max</c>).</param>
/// <param name="MemorySwapBytes">
/// Limit of memory <em>plus</em> swap in bytes, as OCI's <c>memory.swap</c> and docker's <c>--memory-swap</c>
/// (v1 <c>memory.memsw.limit_in_bytes</c>; v2 <c>memory.swap.max</c> = this minus <paramref name="MemoryBytes"/>).
/// Equal to <paramref name="MemoryBytes"/> forbids swapping. Needs <paramref name="MemoryBytes"/>.
/// </param>
/// <param name="Cpus">CPU quota in CPUs (0.5 = half of one CPU per period), written as quota/period.</param>
/// <param name="CpuPeriodMicros">CFS period in microseconds (1 000 – 1 000 000); default 100 000.</param>
/// <param name="CpuWeight">Relative CPU weight in v2 units, 1 – 10 000 (default 100); v1 gets the shares runc derives.</param>
/// <param name="Pids">Maximum number of tasks (processes and threads) in the group (<c>pids.max</c>).</param>
public sealed record CgroupLimits(
    long? MemoryBytes = null,
    long? MemorySwapBytes = null,
    double? Cpus = null,
    long? CpuPeriodMicros = null,
    int? CpuWeight = null,
    int? Pids = null)
{
    /// <summary>The CFS period used when <see cref="CpuPeriodMicros"/> is null.</summary>
    public const long DefaultCpuPeriodMicros = 100_000;

    /// <summary>No limits at all: the group only accounts (usage, OOM kills) and can be killed as a whole.</summary>
    public static CgroupLimits None { get; } = new();

    /// <summary>Checks the ranges the kernel would reject, so a bad limit fails before any directory is made.</summary>
    /// <exception cref="CgroupException">A limit out of range, naming the field.</exception>
    public void Validate()
    {
        if (MemoryBytes is { } m && m <= 0)
        {
            throw new CgroupException($"memory limit must be positive, got {m} bytes");
        }

        if (MemorySwapBytes is { } s)
        {
            if (MemoryBytes is not { } mem)
            {
                throw new CgroupException("a memory+swap limit needs a memory limit too");
            }

            if (s < mem)
            {
                throw new CgroupException($"memory+swap limit ({s} bytes) is below the memory limit ({mem} bytes)");
            }
        }

        if (Cpus is { } c && (double.IsNaN(c) || c <= 0 || c > 1024))
        {
            throw new CgroupException($"cpus must be in (0, 1024], got {c}");
        }

        if (CpuPeriodMicros is { } p && (p < 1_000 || p > 1_000_000))
        {
            throw new CgroupException($"cpu period must be 1000..1000000 µs, got {p}");
        }

        if (CpuWeight is { } w && (w < 1 || w > 10_000))
        {
            throw new CgroupException($"cpu weight must be 1..10000, got {w}");
        }

        if (Pids is { } n && n <= 0)
        {
            throw new CgroupException($"pids limit must be positive, got {n}");
        }
    }

    /// <summary>The CFS quota in microseconds per period, or null without a CPU limit (at least 1000 µs, the kernel's floor).</summary>
    public long? CpuQuotaMicros => Cpus is { } c ? Math.Max(1_000, (long)Math.Round(c * (CpuPeriodMicros ?? DefaultCpuPeriodMicros))) : null;

    /// <summary>
    /// v1 <c>cpu.shares</c> for a v2 weight: the inverse of runc's shares→weight map
    /// (weight = 1 + (shares − 2)·9999/262142), so the default weight 100 gives 2 + 99·262142/9999 = 2597.
    /// </summary>
    public static long SharesFromWeight(int weight) => 2 + ((long)(weight - 1) * 262_142 / 9_999);
}
