using System.Net;
using Arbiter.Store.Client;
using Arbiter.Store.Node;
using Arbiter.Store.Server;

namespace Arbiter.Store.Tests.Node;

/// <summary>
/// An in-process cluster of the replicated store: N <see cref="RaftStoreBackend"/> members on loopback TCP (Raft ports
/// picked by the kernel) with a <see cref="GatewayServer"/> each, fsync'd to a temporary data directory that is removed
/// on dispose. Members can be stopped and restarted from their data directory on the same ports.
/// </summary>
public sealed class StoreCluster : IAsyncDisposable
{
    private readonly Dictionary<int, Member> _members = [];
    private readonly HashSet<int> _stopped = [];
    private readonly string _directory;
    private IReadOnlyDictionary<int, IPEndPoint> _peers = new Dictionary<int, IPEndPoint>();

    private StoreCluster(string directory)
    {
        _directory = directory;
    }

    public IReadOnlyList<int> Ids => [.. _members.Keys.Order()];

    public Action<int, object>? Observer { get; init; }

    public static async Task<StoreCluster> StartAsync(int size, TimeSpan? requestTimeout = null)
    {
        var cluster = new StoreCluster(Path.Combine(Path.GetTempPath(), "arbiter-store-" + Guid.NewGuid().ToString("N")));
        var placeholders = Enumerable.Range(1, size).ToDictionary(id => id, _ => new IPEndPoint(IPAddress.Loopback, 0));
        var backends = placeholders.Keys.ToDictionary(id => id, id => new RaftStoreBackend(cluster.Options(id, placeholders, requestTimeout)));
        cluster._peers = backends.ToDictionary(b => b.Key, b => b.Value.Listen());
        foreach (var (id, backend) in backends)
        {
            backend.Start(cluster._peers);
            cluster._members[id] = new Member(backend, await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), backend), requestTimeout);
        }

        await cluster.WaitForLeaderAsync();
        return cluster;
    }

    public RaftStoreBackend Backend(int id) => _members[id].Backend;

    public Uri Endpoint(int id) => _members[id].Gateway.Address;

    public StoreClient Client(int id, TimeSpan? timeout = null) => new([Endpoint(id)], timeout ?? TimeSpan.FromSeconds(20));

    public StoreClient ClientOfAll() => new([.. Ids.Select(Endpoint)]);

    public async Task<int> WaitForLeaderAsync()
    {
        int leader = 0;
        foreach (var (id, member) in _members)
        {
            if (!_stopped.Contains(id))
            {
                leader = await member.Backend.WaitForLeaderAsync(TimeSpan.FromSeconds(20));
            }
        }

        // Every member knows a leader; ask the leader itself, which is the last word.
        return (int)(await _members[leader].Backend.StatusAsync(new Arbiter.Store.Gateway.WireStatusRequest(), CancellationToken.None)).Leader;
    }

    public async Task<int> FollowerAsync()
    {
        int leader = await WaitForLeaderAsync();
        return Ids.First(id => id != leader);
    }

    public async Task StopAsync(int id)
    {
        Member member = _members[id];
        _stopped.Add(id);
        await member.Gateway.DisposeAsync();
        await member.Backend.DisposeAsync();
    }

    public async Task RestartAsync(int id)
    {
        Uri old = _members[id].Gateway.Address;
        _stopped.Remove(id);
        var backend = new RaftStoreBackend(Options(id, _peers, _members[id].Timeout));
        backend.Start(_peers);
        _members[id] = new Member(backend, await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, old.Port), backend), _members[id].Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var member in _members.Values)
        {
            try
            {
                await member.Gateway.DisposeAsync();
            }
            catch (ObjectDisposedException)
            {
            }

            await member.Backend.DisposeAsync();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private RaftStoreBackendOptions Options(int id, IReadOnlyDictionary<int, IPEndPoint> peers, TimeSpan? requestTimeout) => new()
    {
        Id = id,
        Peers = peers,
        DataDirectory = Path.Combine(_directory, id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        TickInterval = TimeSpan.FromMilliseconds(20),
        ElectionTicks = 10,
        RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
        Observer = Observer is { } observe ? o => observe(id, o) : null,
    };

    private sealed record Member(RaftStoreBackend Backend, GatewayServer Gateway, TimeSpan? Timeout);
}
