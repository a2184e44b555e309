using Arbiter.Store.Client;

namespace Arbiter.Store.Tests.Client;

/// <summary>The gateway contract against a real etcd: it proves the client speaks etcd's dialect.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes through IAsyncLifetime.DisposeAsync")]
public sealed class EtcdGatewayContractTests : IAsyncLifetime
{
    private EtcdProcess? _etcd;
    private StoreClient? _client;

    public async Task InitializeAsync()
    {
        if (EtcdProcess.Binary is not null)
        {
            _etcd = await EtcdProcess.StartAsync();
            _client = new StoreClient([_etcd.Endpoint]);
        }
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        _etcd?.Dispose();
        return Task.CompletedTask;
    }

    [EtcdFact]
    public Task Etcd_PutThenGet_RevisionsAndVersionsAdvance() => GatewayContract.PutThenGet_RevisionsAndVersionsAdvance(_client!);

    [EtcdFact]
    public Task Etcd_CompareAndSet_OnlyTheExpectedValueWins() => GatewayContract.CompareAndSet_OnlyTheExpectedValueWins(_client!);

    [EtcdFact]
    public Task Etcd_DeleteRange_Prefix_DeletesOnlyThePrefix() => GatewayContract.DeleteRange_Prefix_DeletesOnlyThePrefix(_client!);

    [EtcdFact]
    public Task Etcd_Lease_AttachedKeyGoesWithTheRevoke() => GatewayContract.Lease_AttachedKeyGoesWithTheRevoke(_client!);

    [EtcdFact]
    public Task Etcd_Errors_FutureRevisionAndUnknownLease_AreRefusedWithACode() => GatewayContract.Errors_FutureRevisionAndUnknownLease_AreRefusedWithACode(_client!);

    [Fact]
    public async Task Client_NoEndpointListening_FailsDeterminatelyWithTheEndpointNamed()
    {
        using var client = new StoreClient([new Uri("http://127.0.0.1:9/")], TimeSpan.FromSeconds(5));
        var e = await Assert.ThrowsAsync<StoreException>(() => client.PutAsync([1], [2]));
        Assert.Contains("127.0.0.1:9", e.Message, StringComparison.Ordinal);
        Assert.False(e.Indeterminate); // nothing was sent: a history may record it as failed
    }
}
