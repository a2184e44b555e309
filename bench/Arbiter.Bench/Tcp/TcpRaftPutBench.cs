using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Tcp;

/// <summary>
/// Proposals per second through a 3-node Raft group over real TCP on loopback with fsync on (three
/// <c>TcpNodeHost</c>s in one process, <see cref="TcpRaftCluster"/>): what group commit (the host's
/// <c>MaxBatch</c>), entries per append and the pipelining window each contribute. Baseline: all three off.
/// </summary>
/// <remarks>
/// <para>Times are per proposal (OperationsPerInvoke = 1,000): proposals/s = 1e9 / ns. One invocation is a whole
/// load run of 1,000 proposals from <see cref="Clients"/> closed-loop clients against a cluster started once per
/// benchmark case, so BenchmarkDotNet's per-operation model fits for the throughput; latency percentiles are not
/// what BenchmarkDotNet reports, so each case prints one line <c>// TCPRAFT …</c> with p50/p99 over its
/// invocations (the first two, jitting and pilot, left out), fsyncs per proposal and frames per socket write.</para>
/// <para>The three nodes share this process and the machine's cores with each other and with the clients.</para>
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "The cluster is disposed in [GlobalCleanup].")]
public class TcpRaftPutBench
{
    private const int Proposals = 1_000;
    private const int ValueBytes = 128;
    private readonly List<TcpRaftLoad> _loads = [];
    private TcpRaftCluster? _cluster;
    private TcpRaftConfig? _config;
    private int _invocations;

    /// <summary>Closed-loop clients (1 = single-client latency).</summary>
    [Params(1, 64)]
    public int Clients { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = Proposals)]
    public int AllOff() => Run(new TcpRaftConfig(1, 1, 1));

    [Benchmark(OperationsPerInvoke = Proposals)]
    public int GroupCommit() => Run(new TcpRaftConfig(256, 1, 1));

    [Benchmark(OperationsPerInvoke = Proposals)]
    public int GroupCommitAndEntries() => Run(new TcpRaftConfig(256, 1, int.MaxValue));

    [Benchmark(OperationsPerInvoke = Proposals)]
    public int GroupCommitAndPipelining() => Run(new TcpRaftConfig(256, 256, 1));

    [Benchmark(OperationsPerInvoke = Proposals)]
    public int RaftBatchingNoGroupCommit() => Run(new TcpRaftConfig(1, 256, int.MaxValue));

    [Benchmark(OperationsPerInvoke = Proposals)]
    public int AllOnBatch16() => Run(new TcpRaftConfig(16, 256, int.MaxValue));

    [Benchmark(OperationsPerInvoke = Proposals)]
    public int AllOn() => Run(new TcpRaftConfig(256, 256, int.MaxValue));

    [Benchmark(OperationsPerInvoke = Proposals)]
    public int AllOnBatch1024() => Run(new TcpRaftConfig(1024, 256, int.MaxValue));

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_cluster is null)
        {
            return;
        }

        double[] all = [.. _loads.SelectMany(l => l.LatenciesMs).Order()];
        var merged = new TcpRaftLoad(all.Length, TimeSpan.FromTicks(_loads.Sum(l => l.Elapsed.Ticks)), all, _loads.Sum(l => l.Retries));
        var (frames, writes) = _cluster.PeerTraffic;
        long proposals = (long)_invocations * Proposals;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// TCPRAFT {_config} clients={Clients} runs={_loads.Count} proposals/s={merged.PerSecond:F0} p50={merged.Quantile(0.5):F3}ms p99={merged.Quantile(0.99):F3}ms retries={merged.Retries} fsyncs/proposal={(double)_cluster.Fsyncs / proposals:F3} calls/fsync={(double)_cluster.Calls / Math.Max(1, _cluster.Fsyncs):F1} frames/write={(double)frames / Math.Max(1, writes):F2}"));
        _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _cluster = null;
        _config = null;
        _loads.Clear();
        _invocations = 0;
    }

    private int Run(TcpRaftConfig config)
    {
        // One cluster per benchmark case, started on its first invocation and stopped in [GlobalCleanup].
        _config ??= config;
        _cluster ??= TcpRaftCluster.StartAsync(config).GetAwaiter().GetResult();
        TcpRaftLoad load = _cluster.RunAsync(Clients, Proposals, ValueBytes).GetAwaiter().GetResult();
        if (++_invocations > 2)
        {
            _loads.Add(load);
        }

        return load.Proposals;
    }
}
