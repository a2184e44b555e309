namespace Arbiter.Core.Memory.Replacement;

/// <summary>Creates policies by kind or by name, so that commands and simulators choose them from one list.</summary>
public static class ReplacementPolicies
{
    /// <summary>Every policy's name in a fixed order: fifo, lru, opt, mru, clock, random, lfu, arc.</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<ReplacementPolicyKind>().Select(Name).ToArray();

    /// <summary>The policy's short lower-case name.</summary>
    public static string Name(ReplacementPolicyKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Finds a kind by its short name (case-insensitive).</summary>
    public static bool TryParse(string name, out ReplacementPolicyKind kind)
    {
        foreach (ReplacementPolicyKind k in Enum.GetValues<ReplacementPolicyKind>())
        {
            if (string.Equals(Name(k), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>
    /// A new policy over <paramref name="frames"/> frames. OPT needs <paramref name="future"/>, the whole reference
    /// string it will be driven with; random draws its victims from <paramref name="seed"/>.
    /// </summary>
    public static IReplacementPolicy Create(ReplacementPolicyKind kind, int frames, ReadOnlySpan<long> future = default, ulong seed = 0) => kind switch
    {
        ReplacementPolicyKind.Fifo => new FifoPolicy(frames),
        ReplacementPolicyKind.Lru => new LruPolicy(frames),
        ReplacementPolicyKind.Opt => new OptPolicy(frames, future),
        ReplacementPolicyKind.Mru => new MruPolicy(frames),
        ReplacementPolicyKind.Clock => new ClockPolicy(frames),
        ReplacementPolicyKind.Random => new RandomPolicy(frames, seed),
        ReplacementPolicyKind.Lfu => new LfuPolicy(frames),
        ReplacementPolicyKind.Arc => new ArcPolicy(frames),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown policy"),
    };

    /// <summary>The pages in frames 0 … capacity − 1 (null for a free frame).</summary>
    public static long?[] Frames(this IReplacementPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var frames = new long?[policy.Capacity];
        for (int f = 0; f < frames.Length; f++)
        {
            frames[f] = policy.PageInFrame(f);
        }

        return frames;
    }
}
