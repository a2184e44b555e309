namespace Arbiter.Store.Tests.Client;

/// <summary>The refusals' HTTP statuses (<see cref="StatusContract"/>) against a real etcd 3.4.</summary>
public sealed class EtcdStatusContractTests
{
    [EtcdFact]
    public async Task Etcd_Refusals_CodeMessageAndHttpStatusMatchEtcd()
    {
        using EtcdProcess etcd = await EtcdProcess.StartAsync();
        await StatusContract.Refusals_CodeMessageAndHttpStatusMatchEtcd(etcd.Endpoint);
    }
}
