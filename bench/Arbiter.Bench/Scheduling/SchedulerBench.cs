using Arbiter.Core.Scheduling.Policies;
using Arbiter.Core.Scheduling.Reference;
using Arbiter.Core.Scheduling.Simulation;
using Arbiter.Core.Scheduling.Workload;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Scheduling;

/// <summary>
/// The event-driven engine on 1,000,000 jobs against the tick-by-tick reference (<see cref="TickSimulator"/>, the
/// baseline) on 1,000 jobs of the same kind, so the per-job ratio is (baseline time / 1,000) / (engine time / 1,000,000).
/// The stream: lengths uniform in 1 … 40, gaps uniform in 0 … 44 (offered load ≈ 93%), every tenth job doing I/O.
/// CFS has no tick reference; its baseline row runs the reference under round robin.
/// </summary>
[MemoryDiagnoser]
public class SchedulerBench
{
    public const int Jobs = 1_000_000;
    public const int ReferenceJobs = 1_000;

    private JobList _big = null!;
    private JobList _small = null!;
    private PolicySettings _settings = null!;

    [Params("rr", "mlfq", "cfs")]
    public string Policy { get; set; } = "rr";

    [GlobalSetup]
    public void Setup()
    {
        _big = WorkloadGenerator.Stream(Jobs, 40, 44, new Random(42), ioEvery: 10);
        _small = WorkloadGenerator.Stream(ReferenceJobs, 40, 44, new Random(42), ioEvery: 10);
        _settings = new PolicySettings(Quantum: 4, Mlfq: new MlfqOptions([4, 8, 16], [1, 1, 1], BoostPeriod: 1000));
        var run = Simulator.Run(_big, PolicyCatalog.Create(Policy, _settings), new SimulationOptions(RecordTimeline: false));
        var small = Simulator.Run(_small, PolicyCatalog.Create(Policy, _settings), new SimulationOptions(RecordTimeline: false));
        var reference = TickSimulator.Run(_small, ReferencePolicy, 1, _settings.Quantum, _settings.Mlfq);
        Console.WriteLine($"// {Policy}: {Jobs:N0} jobs, {run.Run.Events:N0} events, {run.Run.End:N0} ticks; reference: {ReferenceJobs:N0} jobs, {reference.Ticks:N0} ticks, {small.Run.Events:N0} events");
    }

    private string ReferencePolicy => Policy == "cfs" ? "rr" : Policy;

    [Benchmark(Baseline = true)]
    public long TickReference1k() => TickSimulator.Run(_small, ReferencePolicy, 1, _settings.Quantum, _settings.Mlfq).Ticks;

    [Benchmark]
    public long EventDriven1M() => Simulator.Run(_big, PolicyCatalog.Create(Policy, _settings), new SimulationOptions(RecordTimeline: false)).Run.Events;
}
