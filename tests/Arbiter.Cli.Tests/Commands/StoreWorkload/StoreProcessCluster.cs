using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Arbiter.Ipc;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Cli.Tests.Commands.StoreWorkload;

/// <summary>
/// Three <c>arbiter store serve</c> processes on loopback with their own data directories: start, kill -9, restart,
/// corrupt a record file's tail, and ask each member for its status over the gateway. <see cref="AddNode"/> reserves
/// ports for a member started later with <c>--join</c> (<see cref="Join"/>).
/// </summary>
internal sealed class StoreProcessCluster : IDisposable
{
    private static readonly PeerLauncher Serve = PeerLaunchers.ForProgram(Path.Combine(AppContext.BaseDirectory, "arbiter.dll"), "store", "serve");
    private readonly Dictionary<int, Process> _processes = [];
    private readonly Dictionary<int, (int Client, int Peer)> _ports = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly string _peers;

    public StoreProcessCluster(string directory, int nodes = 3)
    {
        Directory = directory;
        for (int id = 1; id <= nodes; id++)
        {
            _ports[id] = (LoopbackPorts.Pick(), LoopbackPorts.Pick());
        }

        _peers = string.Join(",", _ports.Select(p => $"{p.Key}=127.0.0.1:{p.Value.Peer}"));
    }

    public string Directory { get; }

    public IReadOnlyList<int> Nodes => [.. _ports.Keys];

    public IReadOnlyList<Uri> Endpoints => [.. _ports.Keys.Order().Select(Endpoint)];

    public Uri Endpoint(int id) => new($"http://127.0.0.1:{_ports[id].Client}/");

    /// <summary>The peer URL of a member: http://127.0.0.1:PORT of its Raft listener.</summary>
    public string PeerUrl(int id) => $"http://127.0.0.1:{_ports[id].Peer}";

    /// <summary>Reserves ports for one more member (not started; see <see cref="Join"/>); returns its id.</summary>
    public int AddNode()
    {
        int id = _ports.Keys.Max() + 1;
        _ports[id] = (LoopbackPorts.Pick(), LoopbackPorts.Pick());
        return id;
    }

    /// <summary>Starts a member added by <see cref="AddNode"/> with --join: --peers lists the first members and itself.</summary>
    public void Join(int id) => Launch(id, $"{_peers},{id}=127.0.0.1:{_ports[id].Peer}", "--join");

    public string RecordFile(int id) => Path.Combine(Directory, $"n{id}", $"node-{id}.records");

    public string Log(int id) => File.Exists(LogPath(id)) ? File.ReadAllText(LogPath(id)) : "";

    public void Start(int id) => Launch(id, _peers);

    private void Launch(int id, string peers, params string[] more)
    {
        ProcessStartInfo info = Serve(["--id", $"{id}", "--listen", $"127.0.0.1:{_ports[id].Client}", "--peers", peers,
            "--data", Path.Combine(Directory, $"n{id}"), "--tick", "50ms", .. more]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = Process.Start(info)!;
        string log = LogPath(id);
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes[id] = process;
    }

    /// <summary>SIGKILL: no chance to flush or say goodbye.</summary>
    public void Kill(int id)
    {
        if (_processes.Remove(id, out Process? process))
        {
            process.Kill();
            process.WaitForExit();
            process.Dispose();
        }
    }

    /// <summary>
    /// Overwrites the last <paramref name="bytes"/> bytes of a stopped node's last record with garbage. The file of
    /// a killed node is preallocated (zeros after its frames), so the records' end is found by walking the
    /// [length:4][crc:4][body] frames up to the zeroed header, not taken from the file's length.
    /// </summary>
    public void CorruptTail(int id, int bytes = 4)
    {
        using var file = new FileStream(RecordFile(id), FileMode.Open, FileAccess.ReadWrite);
        var header = new byte[8];
        long end = 0;
        while (end + 8 <= file.Length)
        {
            file.Position = end;
            file.ReadExactly(header);
            int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header);
            if (length <= 0 || end + 8 + length > file.Length)
            {
                break;
            }

            end += 8 + length;
        }

        file.Seek(Math.Max(0, end - bytes), SeekOrigin.Begin);
        file.Write(Enumerable.Repeat((byte)0xde, (int)Math.Min(bytes, end)).ToArray());
        file.Flush(flushToDisk: true);
    }

    /// <summary>The member's (id, leader it knows, applied index), or null if it does not answer.</summary>
    public async Task<(long Member, long Leader, long Applied)?> StatusAsync(int id)
    {
        try
        {
            using var response = await _http.PostAsync(new Uri(Endpoint(id), "v3/maintenance/status"), new StringContent("{}", Encoding.UTF8, "application/json"));
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            JsonElement root = json.RootElement;
            long Field(JsonElement e, string name) => e.TryGetProperty(name, out JsonElement v) ? long.Parse(v.ToString(), System.Globalization.CultureInfo.InvariantCulture) : 0;
            return (root.TryGetProperty("header", out JsonElement h) ? Field(h, "member_id") : 0, Field(root, "leader"), Field(root, "raftAppliedIndex"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The node every live member agrees leads, waiting up to <paramref name="within"/>; 0 if none.</summary>
    public async Task<int> LeaderAsync(TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            foreach (int id in _processes.Keys)
            {
                if (await StatusAsync(id) is { } s && s.Leader == s.Member && s.Member == id)
                {
                    return id;
                }
            }

            await Task.Delay(100);
        }

        return 0;
    }

    public void Dispose()
    {
        foreach (int id in _processes.Keys.ToList())
        {
            Kill(id);
        }

        _http.Dispose();
    }

    private string LogPath(int id) => Path.Combine(Directory, $"n{id}.log");

    private static void Append(string path, string? line)
    {
        if (line is not null)
        {
            lock (typeof(StoreProcessCluster))
            {
                File.AppendAllText(path, line + "\n");
            }
        }
    }
}
