using Arbiter.Store.Tests.Client;

namespace Arbiter.Store.Tests.Node;

/// <summary>The refusals' HTTP statuses etcd gives (<see cref="StatusContract"/>), against one embedded Arbiter member.</summary>
public sealed class ArbiterStatusContractTests
{
    [Fact]
    public async Task Arbiter_Refusals_CodeMessageAndHttpStatusMatchEtcd()
    {
        await using StoreCluster cluster = await StoreCluster.StartAsync(1);
        await StatusContract.Refusals_CodeMessageAndHttpStatusMatchEtcd(cluster.Endpoint(1));
    }
}
