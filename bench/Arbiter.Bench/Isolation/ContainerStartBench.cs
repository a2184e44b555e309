using System.Diagnostics.CodeAnalysis;
using Arbiter.Isolation.Oci;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Isolation;

/// <summary>
/// Start-to-exit latency of /bin/true in a container — pid, network, ipc, uts and mount namespaces, pivot_root,
/// /proc, /dev, masked paths, a cgroup — for the same bundle: Debian's runc (`runc run`, the baseline), Debian's
/// crun (`crun run`, C), Arbiter's runtime called in-process (<see cref="OciRuntime.Run"/>: what the node agent
/// pays), and the arbiter CLI (`arbiter oci run`, which adds the .NET start-up of a new process). Each operation
/// creates, runs and deletes one container with a fresh id. Run it through bench/isolation/run-vs-runc.sh --bdn:
/// on a hybrid cgroup machine whose cgroup2 carries a controller crun refuses to run, and the script hides that
/// mount in a private mount namespace (the crun row otherwise fails alone, with crun's reason). Min and Median
/// columns: on a shared machine the mean follows the load spikes (the Ratio column is of means).
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The bundle is disposed in GlobalCleanup.")]
[MinColumn]
[MedianColumn]
public class ContainerStartBench
{
    private ContainerBundle bundle = null!;
    private string arbiter = null!;
    private int next;
    private string? crunProblem;

    [GlobalSetup]
    public void Setup()
    {
        if (!File.Exists("/usr/sbin/runc") && !File.Exists("/usr/bin/runc"))
        {
            throw new InvalidOperationException("runc is missing: apt-get install -y runc");
        }

        bundle = new ContainerBundle();
        arbiter = Path.Combine(AppContext.BaseDirectory, "arbiter");
        try
        {
            ContainerBundle.Run("crun", null, "--root", bundle.CrunRoot, "run", "-b", bundle.Directory, "probe");
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            crunProblem = e.Message.ReplaceLineEndings(" ");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => bundle.Dispose();

    [Benchmark(Baseline = true, Description = "runc run (Debian runc)")]
    public void Runc() => ContainerBundle.Run("runc", null, "--root", bundle.RuncRoot, "run", "-b", bundle.Directory, Id());

    [Benchmark(Description = "crun run (Debian crun)")]
    public void Crun()
    {
        if (crunProblem is not null)
        {
            throw new InvalidOperationException($"crun cannot run the bundle here ({crunProblem}); use bench/isolation/run-vs-runc.sh --bdn");
        }

        ContainerBundle.Run("crun", null, "--root", bundle.CrunRoot, "run", "-b", bundle.Directory, Id());
    }

    [Benchmark(Description = "Arbiter runtime, in-process API")]
    public int ArbiterApi()
    {
        var result = OciRuntime.Run(bundle.ArbiterRoot, Id(), bundle.Directory, null, _ => { });
        return result.Status == 0 ? 0 : throw new InvalidOperationException($"/bin/true ended with status {result.Status}");
    }

    [Benchmark(Description = "arbiter oci run (CLI process)")]
    public void ArbiterCli() => ContainerBundle.Run(arbiter, null, "oci", "--root", bundle.ArbiterRoot, "run", "-b", bundle.Directory, Id());

    private string Id() => "bench" + Interlocked.Increment(ref next).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
