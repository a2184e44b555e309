using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Arbiter.Store.Server;

/// <summary>Kestrel serving <see cref="GatewayEndpoints"/> for one backend on one address; port 0 picks a free port.</summary>
public sealed class GatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The address served, with the real port (e.g. http://127.0.0.1:2379/).</summary>
    public Uri Address { get; }

    /// <summary>Starts serving <paramref name="backend"/> on <paramref name="listen"/>.</summary>
    public static async Task<GatewayServer> StartAsync(IPEndPoint listen, IStoreBackend backend, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(backend);
        // The empty builder, not the slim one: the slim builder reads appsettings.json with reload-on-change, which
        // starts a file watcher over the working directory (measured: about 2% of a busy member's CPU, for nothing:
        // the gateway takes its settings from its caller). Kestrel and routing are all the gateway needs.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(listen);
            // The gateway answers etcd's error for a body over MaxRequestBytes itself, after reading it to its end
            // (as etcd's gateway does), so that a client still sending sees the answer and not a reset; Kestrel's
            // own limit only bounds that reading.
            kestrel.Limits.MaxRequestBodySize = GatewayEndpoints.DrainLimit;
            kestrel.AddServerHeader = false;
        });
        WebApplication app = builder.Build();
        GatewayEndpoints.Map(app, backend);
        await app.StartAsync(cancellation).ConfigureAwait(false);
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayServer(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        // Kestrel's graceful stop waits for open requests, by default up to 30 s; a watch, an observe or a waiting
        // lock never ends by itself, so a member with one open would take that long to stop. One second lets
        // short requests finish; then the rest are aborted, and their clients resume elsewhere (a watch does).
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
