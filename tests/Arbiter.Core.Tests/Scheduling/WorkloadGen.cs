using Arbiter.Core.Scheduling.Workload;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Scheduling;

/// <summary>A random workload with the machine and policy knobs that go with it.</summary>
internal sealed record Case(JobList Jobs, int Cpus, long Quantum, int Levels, long Boost, bool IoResets, bool IoToFront)
{
    public override string ToString() =>
        $"cpus={Cpus} q={Quantum} levels={Levels} boost={Boost} reset={IoResets} front={IoToFront} jobs=" +
        string.Join(",", Jobs.Jobs.Select(j => $"{j.Arrival}:{j.Length}{(j.Io is { } io ? $":io={io}" : "")}:prio={j.Priority}:tickets={j.Tickets}:nice={j.Nice}"));
}

/// <summary>FsCheck generators of small workloads: 1–8 jobs, arrivals clustered so that ties and preemptions are common.</summary>
internal static class WorkloadGen
{
    public static Gen<Job> Job(int index) =>
        from arrival in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(0, 30)))
        from length in Gen.Choose(1, 25)
        from hasIo in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
        from every in Gen.Choose(1, 8)
        from duration in Gen.Choose(1, 6)
        from priority in Gen.Choose(0, 4)
        from tickets in Gen.Choose(1, 300)
        from nice in Gen.Choose(-5, 5)
        select new Job(JobNames.Of(index), arrival, length, hasIo ? new IoPattern(every, duration) : null, priority, tickets, nice);

    public static Gen<Case> Case() =>
        from n in Gen.Choose(1, 8)
        from raw in Gen.ArrayOf(Job(0), n)
        from cpus in Gen.Frequency((3, Gen.Constant(1)), (2, Gen.Choose(2, 3)))
        from quantum in Gen.Choose(1, 6)
        from levels in Gen.Choose(1, 4)
        from boost in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(5, 40)))
        from resets in Gen.Elements(false, true)
        from front in Gen.Elements(false, true)
        select new Case(JobList.Create(raw.Select((j, i) => j with { Name = JobNames.Of(i) })), cpus, quantum, levels, boost, resets, front);

    public static Arbitrary<Case> Arbitrary() => Arb.From(Case());
}
