using Arbiter.Store.Tests.Client;
namespace Arbiter.Cli.Tests.Commands.Store;

/// <summary>One etcd for a whole test class (null when etcd is not installed; the facts then skip).</summary>
public sealed class EtcdFixture : IAsyncLifetime
{
    private EtcdProcess? _etcd;

    public string Endpoint => _etcd?.Endpoint.ToString().TrimEnd('/') ?? throw new InvalidOperationException("etcd is not running");

    public async Task InitializeAsync()
    {
        if (EtcdProcess.Binary is not null)
        {
            _etcd = await EtcdProcess.StartAsync();
        }
    }

    public Task DisposeAsync()
    {
        _etcd?.Dispose();
        return Task.CompletedTask;
    }
}
