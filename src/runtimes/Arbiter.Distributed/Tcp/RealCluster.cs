using System.Diagnostics;
using System.Net;

namespace Arbiter.Distributed.Tcp;

/// <summary>
/// Runs a group as real processes on loopback (<c>arbiter sim … --real</c>): picks free ports, starts one process
/// per node with <c>--id N --peers LIST</c>, reads the observations each prints as JSON lines
/// (<see cref="NodeObservation"/>), writes external inputs to a node's stdin, and stops them all by closing stdin.
/// </summary>
public sealed class RealCluster : IAsyncDisposable
{
    private readonly Dictionary<int, Process> _processes = [];
    private readonly List<NodeObservation> _observations = [];
    private readonly Dictionary<int, List<string>> _errors = [];
    private readonly List<Task> _readers = [];
    private readonly HashSet<int> _killed = [];
    private readonly Dictionary<int, long> _sent = [];

    private RealCluster(IReadOnlyDictionary<int, IPEndPoint> peers) => Peers = peers;

    /// <summary>The members and their addresses.</summary>
    public IReadOnlyDictionary<int, IPEndPoint> Peers { get; }

    /// <summary>Every observation printed so far, in arrival order.</summary>
    public IReadOnlyList<NodeObservation> Observations
    {
        get
        {
            lock (_observations)
            {
                return [.. _observations];
            }
        }
    }

    /// <summary>Messages sent, per node that has exited cleanly and reported its <see cref="NodeStats"/>.</summary>
    public IReadOnlyDictionary<int, long> Sent
    {
        get
        {
            lock (_observations)
            {
                return new Dictionary<int, long>(_sent);
            }
        }
    }

    /// <summary>
    /// Starts one process per node of <paramref name="nodes"/>. <paramref name="launch"/> turns a node's arguments
    /// (<c>--id N --peers LIST</c>) into a start info (see Arbiter.Ipc's PeerLaunchers for relaunching oneself).
    /// </summary>
    public static RealCluster Launch(IReadOnlyList<int> nodes, Func<IReadOnlyList<string>, ProcessStartInfo> launch)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(launch);
        var peers = new SortedDictionary<int, IPEndPoint>();
        foreach (int id in nodes)
        {
            peers[id] = new IPEndPoint(IPAddress.Loopback, LoopbackPorts.Pick());
        }

        var cluster = new RealCluster(peers);
        string list = PeerList.Format(peers);
        foreach (int id in nodes)
        {
            ProcessStartInfo info = launch(["--id", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--peers", list]);
            info.RedirectStandardInput = true;
            info.RedirectStandardOutput = true;
            info.RedirectStandardError = true;
            info.UseShellExecute = false;
            var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start node {id}");
            cluster._processes[id] = process;
            cluster._errors[id] = [];
            cluster._readers.Add(Task.Run(() => cluster.ReadOutput(process)));
            cluster._readers.Add(Task.Run(() => cluster.ReadErrors(id, process)));
        }

        return cluster;
    }

    /// <summary>Writes one line (an input message as JSON) to node <paramref name="node"/>'s stdin.</summary>
    public void Inject(int node, string line)
    {
        StreamWriter input = _processes[node].StandardInput;
        lock (input)
        {
            input.WriteLine(line);
            input.Flush();
        }
    }

    /// <summary>Waits until <paramref name="done"/> holds over the observations, a node exits early, or the timeout passes.</summary>
    public async Task<bool> WaitAsync(Func<IReadOnlyList<NodeObservation>, bool> done, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(done);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (done(Observations))
            {
                return true;
            }

            if (_processes.Any(p => p.Value.HasExited && !IsKilled(p.Key)))
            {
                return done(Observations);
            }

            await Task.Delay(10).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>Kills node <paramref name="node"/>'s process at once (a crash); <see cref="WaitAsync"/> then carries on without it.</summary>
    public void Kill(int node)
    {
        lock (_killed)
        {
            _killed.Add(node);
        }

        _processes[node].Kill(entireProcessTree: true);
    }

    /// <summary>Stops every node (closes stdin, then kills stragglers) and returns each one's exit code and stderr.</summary>
    public async Task<IReadOnlyDictionary<int, (int ExitCode, string Errors)>> StopAsync(TimeSpan grace)
    {
        foreach (Process process in _processes.Values.Where(p => !p.HasExited))
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
            }
        }

        using var cancel = new CancellationTokenSource(grace);
        var result = new SortedDictionary<int, (int, string)>();
        foreach (var (id, process) in _processes)
        {
            try
            {
                await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(_readers).ConfigureAwait(false);
        foreach (var (id, process) in _processes)
        {
            lock (_errors[id])
            {
                result[id] = (process.ExitCode, string.Join('\n', _errors[id]));
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_processes.Values.Any(p => !p.HasExited))
        {
            await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        foreach (Process process in _processes.Values)
        {
            process.Dispose();
        }
    }

    private async Task ReadOutput(Process process)
    {
        while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (NodeObservation.TryParse(line) is { } observation)
            {
                lock (_observations)
                {
                    if (observation.Type == nameof(NodeStats))
                    {
                        _sent[observation.Node] = observation.Value.GetProperty("sent").GetInt64();
                    }
                    else
                    {
                        _observations.Add(observation);
                    }
                }
            }
        }
    }

    private async Task ReadErrors(int id, Process process)
    {
        while (await process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_errors[id])
            {
                _errors[id].Add(line);
            }
        }
    }

    private bool IsKilled(int node)
    {
        lock (_killed)
        {
            return _killed.Contains(node);
        }
    }
}
