using Arbiter.Store.Client;
using Arbiter.Store.Tests.Client;

namespace Arbiter.Store.Tests.Node;

/// <summary>
/// The same gateway contract the real etcd passes (<see cref="GatewayContract"/>), run against Arbiter's own server:
/// one embedded member, and a three-member cluster driven through a follower (so every request is forwarded).
/// </summary>
public sealed class ArbiterGatewayContractTests : IClassFixture<ArbiterGatewayContractTests.Clusters>
{
    private readonly Clusters _clusters;

    public ArbiterGatewayContractTests(Clusters clusters)
    {
        _clusters = clusters;
    }

    public static TheoryData<int> Sizes => [1, 3];

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task Arbiter_PutThenGet_RevisionsAndVersionsAdvance(int size) => GatewayContract.PutThenGet_RevisionsAndVersionsAdvance(_clusters.Client(size));

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task Arbiter_CompareAndSet_OnlyTheExpectedValueWins(int size) => GatewayContract.CompareAndSet_OnlyTheExpectedValueWins(_clusters.Client(size));

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task Arbiter_DeleteRange_Prefix_DeletesOnlyThePrefix(int size) => GatewayContract.DeleteRange_Prefix_DeletesOnlyThePrefix(_clusters.Client(size));

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task Arbiter_Lease_AttachedKeyGoesWithTheRevoke(int size) => GatewayContract.Lease_AttachedKeyGoesWithTheRevoke(_clusters.Client(size));

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task Arbiter_Errors_FutureRevisionAndUnknownLease_AreRefusedWithACode(int size) => GatewayContract.Errors_FutureRevisionAndUnknownLease_AreRefusedWithACode(_clusters.Client(size));

    /// <summary>One embedded member and one three-member cluster, shared by the contract's tests.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes through IAsyncLifetime.DisposeAsync")]
    public sealed class Clusters : IAsyncLifetime
    {
        private StoreCluster? _one;
        private StoreCluster? _three;
        private StoreClient? _oneClient;
        private StoreClient? _followerClient;

        public StoreClient Client(int size) => size == 1 ? _oneClient! : _followerClient!;

        public async Task InitializeAsync()
        {
            _one = await StoreCluster.StartAsync(1);
            _three = await StoreCluster.StartAsync(3);
            _oneClient = _one.Client(1);
            int leader = await _three.WaitForLeaderAsync();
            _followerClient = _three.Client(_three.Ids.First(id => id != leader));
        }

        public async Task DisposeAsync()
        {
            _oneClient?.Dispose();
            _followerClient?.Dispose();
            if (_one is not null)
            {
                await _one.DisposeAsync();
            }

            if (_three is not null)
            {
                await _three.DisposeAsync();
            }
        }
    }
}
