using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Arbiter.Isolation.Cgroups;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Isolation;

/// <summary>
/// The cost of a container's cgroup: create (one directory per hierarchy, the limits written), join a live process,
/// remove — against the floor of plain mkdir + rmdir of one directory on tmpfs (/dev/shm). Needs root and the
/// memory, cpu and pids controllers (v1 here: five hierarchies, so five mkdirs and five rmdirs per group).
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "the sleeper process is disposed in [GlobalCleanup]")]
public class CgroupBench
{
    private static readonly CgroupLimits Limits = new(MemoryBytes: 64L << 20, Cpus: 0.5, Pids: 64);
    // tmpfs, like cgroupfs an in-memory filesystem: the floor is the VFS cost of a directory, not a disk journal.
    private readonly string scratch = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "arbiter-bench-" + Environment.ProcessId);
    private CgroupLayout layout = null!;
    private Process sleeper = null!;
    private List<string> homes = null!;
    private int n;

    [GlobalSetup]
    public void Setup()
    {
        layout = CgroupLayout.Detect();
        Directory.CreateDirectory(scratch);
        sleeper = Process.Start("/bin/sleep", "3600");
        // Where the sleeper goes back to after each iteration: the root group of every hierarchy a Cgroup uses.
        homes = CgroupLayout.UsedControllers.Select(c => layout.HierarchyOf(c)?.MountPoint).OfType<string>().Distinct().ToList();
        Cgroup.CleanupStale("bench-", layout);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        sleeper.Kill();
        sleeper.Dispose();
        Directory.Delete(scratch, recursive: true);
    }

    /// <summary>The floor: one mkdir and one rmdir.</summary>
    [Benchmark(Baseline = true)]
    public void MkdirRmdir()
    {
        string d = Path.Combine(scratch, "d" + n++);
        Directory.CreateDirectory(d);
        Directory.Delete(d);
    }

    /// <summary>A group with no limits: mkdir in each hierarchy, then the empty group's rmdirs.</summary>
    [Benchmark]
    public void CreateRemove()
    {
        using var g = Cgroup.Create("bench-" + n++, CgroupLimits.None, layout);
        g.Remove();
    }

    /// <summary>What a container start and exit costs in cgroups: create with memory, cpu and pids limits, join a process, remove.</summary>
    [Benchmark]
    public void CreateLimitsAddRemove()
    {
        using var g = Cgroup.Create("bench-" + n++, Limits, layout);
        g.AddProcess(sleeper.Id);
        // The process must leave before rmdir; moving it home stands in for its exit.
        foreach (string home in homes)
        {
            File.WriteAllText(Path.Combine(home, "cgroup.procs"), sleeper.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        g.Remove();
    }
}
