using Arbiter.Core.Deadlock.Prevention;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Deadlock.Prevention;

/// <summary>One raw operation: acquire or release some of the resources in a bit mask.</summary>
internal sealed record RawOp(bool Acquire, int Mask, int Count);

/// <summary>Random material for a script plus an interleaving; <see cref="ScriptGen.Build"/> makes it valid.</summary>
internal sealed record RawScript(int[] Instances, RawOp[][] Ops, int[][] Schedule, int? Timeout)
{
    public override string ToString() =>
        $"instances=[{string.Join(",", Instances)}] timeout={Timeout} ops=[{string.Join(" | ", Ops.Select(p => string.Join(" ", p.Select(o => $"{(o.Acquire ? "+" : "-")}{o.Mask}x{o.Count}"))))}] schedule=[{string.Join(" ", Schedule.Select(t => string.Join(",", t)))}]";
}

/// <summary>FsCheck generators of acquisition scripts (1–4 resources of 1–2 instances, 1–4 processes, ≤ 7 ops each).</summary>
internal static class ScriptGen
{
    public static Gen<RawScript> Raw() =>
        from m in Gen.Choose(1, 4)
        from n in Gen.Choose(1, 4)
        from instances in Gen.ArrayOf(Gen.Choose(1, 2), m)
        from ops in Gen.ArrayOf(Ops(m), n)
        from ticks in Gen.Choose(0, 8)
        from schedule in Gen.ArrayOf(Turn(n), ticks)
        from timeout in Gen.Frequency((2, Gen.Constant<int?>(null)), (1, Gen.Choose(0, 3).Select(t => (int?)t)))
        select new RawScript(instances, ops, schedule, timeout);

    public static Arbitrary<RawScript> Arbitrary() => Arb.From(Raw());

    /// <summary>
    /// Turns raw material into a valid script: acquisitions are clipped to the instances that exist, releases to
    /// what is held. With <paramref name="ordered"/>, an acquisition keeps only resources ranked above everything
    /// held, so the script obeys <see cref="ResourceOrdering"/> by construction.
    /// </summary>
    public static AcquisitionScript Build(RawScript raw, bool ordered)
    {
        int m = raw.Instances.Length;
        string[] names = [.. Enumerable.Range(0, m).Select(r => $"R{r}")];
        var processes = new List<ScriptProcess>();
        for (int p = 0; p < raw.Ops.Length; p++)
        {
            var held = new int[m];
            var steps = new List<ScriptStep>();
            foreach (RawOp op in raw.Ops[p])
            {
                int highest = Array.FindLastIndex(held, h => h > 0);
                var taken = new List<string>();
                for (int r = 0; r < m; r++)
                {
                    if ((op.Mask & (1 << r)) == 0)
                    {
                        continue;
                    }

                    int amount = op.Acquire
                        ? (ordered && r <= highest ? 0 : Math.Min(op.Count, raw.Instances[r] - held[r]))
                        : held[r];
                    held[r] += op.Acquire ? amount : -amount;
                    taken.AddRange(Enumerable.Repeat(names[r], amount));
                }

                if (taken.Count > 0)
                {
                    steps.Add(new ScriptStep(op.Acquire ? StepKind.Acquire : StepKind.Release, taken));
                }
            }

            processes.Add(new ScriptProcess($"P{p}", steps));
        }

        var instances = Enumerable.Range(0, m).ToDictionary(r => names[r], r => raw.Instances[r]);
        return new AcquisitionScript(names, processes, instances);
    }

    public static TimeoutRetryOptions Options(RawScript raw, bool withTimeout) =>
        new(withTimeout ? raw.Timeout : null, MaxTicks: 500, Schedule: raw.Schedule.Select(t => (IReadOnlyList<int>)t).ToArray());

    private static Gen<RawOp[]> Ops(int m) =>
        from count in Gen.Choose(1, 7)
        from ops in Gen.ArrayOf(
            from acquire in Gen.Frequency((3, Gen.Constant(true)), (2, Gen.Constant(false)))
            from mask in Gen.Choose(1, (1 << m) - 1)
            from k in Gen.Choose(1, 2)
            select new RawOp(acquire, mask, k), count)
        select ops;

    private static Gen<int[]> Turn(int n) =>
        from some in Gen.SubListOf(Enumerable.Range(0, n).ToArray())
        from order in Gen.Shuffle(some.ToArray())
        select order;
}
