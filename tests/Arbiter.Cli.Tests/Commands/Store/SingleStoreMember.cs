using System.Net;
using Arbiter.Store.Node;
using Arbiter.Store.Server;

namespace Arbiter.Cli.Tests.Commands.Store;

/// <summary>
/// <c>arbiter store serve</c> in-process: one embedded member (RaftStoreBackend + GatewayServer, as StoreServeRun
/// starts them) fsync'd to a data directory, which can be stopped and started again from it on the same client port.
/// </summary>
internal sealed class SingleStoreMember : IAsyncDisposable
{
    private readonly string _data;
    private RaftStoreBackend? _backend;
    private GatewayServer? _gateway;
    private int _port;

    public SingleStoreMember(string data)
    {
        _data = data;
    }

    public Uri Endpoint => new($"http://127.0.0.1:{_port}/");

    /// <summary>The member, once started (its calls are the gateway's, without HTTP).</summary>
    public RaftStoreBackend Backend => _backend ?? throw new InvalidOperationException("not started");

    /// <summary>Starts the member (recovering the data directory), with or without its client port.</summary>
    public async Task StartAsync(bool serveClients = true)
    {
        _backend = new RaftStoreBackend(new RaftStoreBackendOptions
        {
            Id = 1,
            Peers = new Dictionary<int, IPEndPoint> { [1] = new IPEndPoint(IPAddress.Loopback, 0) },
            DataDirectory = _data,
            TickInterval = TimeSpan.FromMilliseconds(20),
        });
        IPEndPoint peer = _backend.Listen();
        _backend.Start(new Dictionary<int, IPEndPoint> { [1] = peer });
        await _backend.WaitForLeaderAsync(TimeSpan.FromSeconds(20));
        if (serveClients)
        {
            await ServeClientsAsync();
        }
    }

    /// <summary>Opens the client port (the one of the first start, so clients find the member again).</summary>
    public async Task ServeClientsAsync()
    {
        _gateway = await GatewayServer.StartAsync(new IPEndPoint(IPAddress.Loopback, _port), Backend);
        _port = _gateway.Address.Port;
    }

    /// <summary>
    /// Stops the member, then its client port. In this order the member's end closes its watch streams; a gateway
    /// stopped first would wait (Kestrel's graceful shutdown, 30 s) for them to end.
    /// </summary>
    public async Task StopAsync()
    {
        if (_backend is { } backend)
        {
            await backend.DisposeAsync();
            _backend = null;
        }

        if (_gateway is { } gateway)
        {
            await gateway.DisposeAsync();
            _gateway = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
