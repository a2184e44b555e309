using Arbiter.Store.Tests.Client;

namespace Arbiter.Store.Tests.Node;

/// <summary>The cluster API contract etcd passes (<see cref="ClusterContract"/>), against one embedded Arbiter member.</summary>
public sealed class ArbiterClusterContractTests
{
    [Fact]
    public async Task Arbiter_AddLearner_PromoteRemove_ShapesAndErrorsMatchEtcd()
    {
        await using StoreCluster cluster = await StoreCluster.StartAsync(1);
        using var client = cluster.Client(1);
        await ClusterContract.AddLearner_PromoteRemove_ShapesAndErrorsMatchEtcd(client);
    }
}
