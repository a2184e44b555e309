using Arbiter.Store.Client;

namespace Arbiter.Store.Tests.Client;

/// <summary>The cluster API contract against a real etcd 3.4 (a fresh single member: the contract changes membership).</summary>
public sealed class EtcdClusterContractTests
{
    [EtcdFact]
    public async Task Etcd_AddLearner_PromoteRemove_ShapesAndErrorsMatchEtcd()
    {
        using EtcdProcess etcd = await EtcdProcess.StartAsync();
        using var client = new StoreClient([etcd.Endpoint]);
        await ClusterContract.AddLearner_PromoteRemove_ShapesAndErrorsMatchEtcd(client);
    }
}
