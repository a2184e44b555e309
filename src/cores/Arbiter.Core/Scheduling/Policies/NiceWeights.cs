namespace Arbiter.Core.Scheduling.Policies;

/// <summary>
/// Linux's <c>sched_prio_to_weight</c> table (kernel/sched/core.c; OSTEP ch. 9 §9.7): nice 0 weighs 1024 and each
/// nice step changes the weight by about 1.25×, so one step is about 10% of CPU between two competing jobs.
/// </summary>
public static class NiceWeights
{
    /// <summary>The weight of nice 0.</summary>
    public const long NiceZero = 1024;

    private static readonly int[] Table =
    [
        /* -20 */ 88761, 71755, 56483, 46273, 36291,
        /* -15 */ 29154, 23254, 18705, 14949, 11916,
        /* -10 */ 9548, 7620, 6100, 4904, 3906,
        /*  -5 */ 3121, 2501, 1991, 1586, 1277,
        /*   0 */ 1024, 820, 655, 526, 423,
        /*   5 */ 335, 272, 215, 172, 137,
        /*  10 */ 110, 87, 70, 56, 45,
        /*  15 */ 36, 29, 23, 18, 15,
    ];

    /// <summary>The weight of <paramref name="nice"/> (−20 … 19).</summary>
    public static long Of(int nice)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nice, -20);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nice, 19);
        return Table[nice + 20];
    }
}
