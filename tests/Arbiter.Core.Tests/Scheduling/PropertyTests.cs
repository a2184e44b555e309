using Arbiter.Core.Scheduling.Policies;
using Arbiter.Core.Scheduling.Simulation;
using Arbiter.Core.Scheduling.Workload;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Scheduling;

/// <summary>Invariants every policy must keep, on thousands of random workloads (FsCheck).</summary>
public class PropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(600);

    internal static PolicySettings Settings(Case c) => new(
        Quantum: c.Quantum, Aging: c.Quantum * 2, Seed: 7,
        Mlfq: new MlfqOptions(
            Enumerable.Range(0, c.Levels).Select(l => c.Quantum * (l + 1)).ToArray(),
            Enumerable.Range(0, c.Levels).Select(l => (long)(1 + (l % 2))).ToArray(),
            c.Boost, c.IoResets, c.IoToFront),
        Cfs: new CfsOptions(TargetLatency: c.Quantum * 4, MinGranularity: c.Quantum));

    [Fact]
    public void Run_AnyPolicyAnyWorkload_ConservesWorkAndRespectsArrivalsAndCpus()
    {
        Check.One(Config, Prop.ForAll(WorkloadGen.Arbitrary(), c =>
        {
            foreach (string name in PolicyCatalog.Names)
            {
                var r = Simulator.Run(c.Jobs, PolicyCatalog.Create(name, Settings(c)), new SimulationOptions(c.Cpus));
                CheckInvariants(c.Jobs, c.Cpus, r);
            }
        }));
    }

    internal static void CheckInvariants(JobList jobs, int cpus, SimulationResult r)
    {
        // Work: the segments of each job add up to its length; in all, to the busy time.
        Assert.Equal(jobs.Jobs.Sum(j => j.Length), r.Timeline.Sum(s => s.Length));
        Assert.Equal(r.Run.Busy, r.Timeline.Sum(s => s.Length));
        foreach (var m in r.Jobs)
        {
            var own = r.Timeline.Where(s => s.Job == m.Job).OrderBy(s => s.Start).ToList();
            Assert.Equal(m.Length, own.Sum(s => s.Length));
            Assert.All(own, s => Assert.True(s.Start >= m.Arrival, $"{m.Name} ran at {s.Start} before arriving at {m.Arrival}"));
            Assert.All(own, s => Assert.True(s.Length > 0));
            Assert.Equal(own[0].Start, m.FirstRun);
            Assert.Equal(own[^1].End, m.Completion);
            Assert.True(m.Wait >= 0);

            // Never on two CPUs at once: the job's own segments do not overlap.
            for (int i = 1; i < own.Count; i++)
            {
                Assert.True(own[i].Start >= own[i - 1].End, $"{m.Name} runs on two CPUs at {own[i].Start}");
            }

            // Never running while blocked on I/O.
            foreach (var io in r.Io.Where(x => x.Job == m.Job))
            {
                Assert.DoesNotContain(own, s => s.Start < io.End && io.Start < s.End);
            }

            Assert.Equal(m.Blocked, r.Io.Where(x => x.Job == m.Job).Sum(x => x.End - x.Start));
        }

        // Never two jobs on one CPU at once.
        for (int cpu = 0; cpu < cpus; cpu++)
        {
            var mine = r.Timeline.Where(s => s.Cpu == cpu).OrderBy(s => s.Start).ToList();
            for (int i = 1; i < mine.Count; i++)
            {
                Assert.True(mine[i].Start >= mine[i - 1].End, $"two jobs on CPU {cpu} at {mine[i].Start}");
            }
        }

        Assert.InRange(r.Utilisation, 0, 1);
        if (r.Run.Fairness is { } f)
        {
            Assert.InRange(f, (1.0 / jobs.Count) - 1e-9, 1 + 1e-9);
        }
    }

    [Fact]
    public void Run_WorkConservingPolicies_NoCpuIdleWhileAJobIsReady()
    {
        // With one CPU and no I/O, every policy here keeps the CPU busy whenever some job has arrived and is unfinished.
        Check.One(Config, Prop.ForAll(WorkloadGen.Arbitrary(), c =>
        {
            var jobs = JobList.Create(c.Jobs.Jobs.Select(j => j with { Io = null }));
            foreach (string name in PolicyCatalog.Names)
            {
                var r = Simulator.Run(jobs, PolicyCatalog.Create(name, Settings(c)));
                var busy = r.Timeline.OrderBy(s => s.Start).ToList();
                long t = r.Run.Start;
                foreach (var s in busy)
                {
                    if (s.Start > t)
                    {
                        Assert.DoesNotContain(r.Jobs, m => m.Arrival <= t && m.Completion > t);
                    }

                    t = Math.Max(t, s.End);
                }
            }
        }));
    }

    [Theory]
    [InlineData("lottery", 0.03)]
    [InlineData("stride", 0.001)]
    public void Run_ProportionalShare_SharesConvergeToTicketRatios(string policy, double tolerance)
    {
        // Three jobs with tickets 100 : 50 : 250 competing for long; until the first completion each job's CPU share
        // should match its share of the tickets (lottery in expectation, stride within one quantum).
        var jobs = JobListParser.Parse("200000:tickets=100,200000:tickets=50,200000:tickets=250");
        var r = Simulator.Run(jobs, PolicyCatalog.Create(policy, new PolicySettings(Quantum: 1, Seed: 11)));
        long end = r.Run.FairnessWindowEnd;
        double[] cpu = Enumerable.Range(0, 3).Select(j => (double)r.Timeline.Where(s => s.Job == j && s.Start < end).Sum(s => Math.Min(s.End, end) - s.Start)).ToArray();

        Assert.Equal(100.0 / 400, cpu[0] / end, tolerance);
        Assert.Equal(50.0 / 400, cpu[1] / end, tolerance);
        Assert.Equal(250.0 / 400, cpu[2] / end, tolerance);
        Assert.True(r.Run.Fairness > 0.99, $"fairness {r.Run.Fairness}");
    }

    [Fact]
    public void Run_LotterySameSeed_SameTimeline()
    {
        var jobs = JobListParser.Parse("50:tickets=10,50:tickets=30,5:50");
        var a = Simulator.Run(jobs, PolicyCatalog.Create("lottery", new PolicySettings(Seed: 3)));
        var b = Simulator.Run(jobs, PolicyCatalog.Create("lottery", new PolicySettings(Seed: 3)));

        Assert.Equal(a.Timeline, b.Timeline);
    }

    [Fact]
    public void Run_Cfs_SharesFollowNiceWeights()
    {
        // nice 0 against nice 5: weights 1024 and 335, so A should get 1024/1359 ≈ 75.3% while both compete.
        var r = Simulator.Run(JobListParser.Parse("100000:nice=0,100000:nice=5"), PolicyCatalog.Create("cfs", new PolicySettings()));
        long end = r.Run.FairnessWindowEnd;
        double a = r.Timeline.Where(s => s.Job == 0 && s.Start < end).Sum(s => Math.Min(s.End, end) - s.Start);

        Assert.Equal(1024.0 / 1359, a / end, 0.01);
        Assert.True(r.Run.Fairness > 0.999);
    }

    [Fact]
    public void Run_PolicyInstanceReused_Throws()
    {
        var policy = PolicyCatalog.Create("fifo", new PolicySettings());
        Simulator.Run(JobListParser.Parse("1"), policy);

        Assert.Throws<InvalidOperationException>(() => Simulator.Run(JobListParser.Parse("1"), policy));
    }
}
