using System.Net;
using System.Net.Sockets;
using Arbiter.Core.Distributed.Linearizability;
using Arbiter.Store.Checking;
using Arbiter.Store.Tests.Client;

namespace Arbiter.Store.Tests.Checking;

/// <summary>The register workload's recording rules, against a real etcd (a correct store) and an unreachable one.</summary>
public class RegisterWorkloadTests
{
    [EtcdFact]
    public async Task RunAsync_AgainstEtcd_RecordsALinearizableHistoryWithFinalReads()
    {
        using EtcdProcess etcd = await EtcdProcess.StartAsync();
        var options = new RegisterWorkloadOptions { Clients = 4, Keys = 2, Duration = TimeSpan.FromSeconds(1.5), KeyPrefix = "w/" };

        RegisterWorkloadResult result = await RegisterWorkload.RunAsync([etcd.Endpoint], options);

        Assert.True(result.Ok > 20, $"only {result.Ok} operations succeeded");
        Assert.Equal(0, result.Failed + result.Unknown);
        Assert.Equal(2, result.FinalReads.Count);
        Assert.All(result.History, op => Assert.Null(op.Problem()));
        Assert.Equal(LinearizabilityVerdict.Linearizable, LinearizabilityChecker.Check(result.History).Verdict);
    }

    [EtcdFact]
    public async Task RunAsync_HistoryWithAFinalReadThatLostAnAcknowledgedWrite_IsNotLinearizable()
    {
        using EtcdProcess etcd = await EtcdProcess.StartAsync();
        RegisterWorkloadResult result = await RegisterWorkload.RunAsync([etcd.Endpoint],
            new RegisterWorkloadOptions { Clients = 2, Keys = 1, Duration = TimeSpan.FromSeconds(0.5), KeyPrefix = "lost/" });
        HistoryOperation firstWrite = result.History.First(o => o.Status == OperationStatus.Ok && o.Op == KvOperationKind.Put);
        HistoryOperation final = result.History[^1];
        Assert.Contains(result.History, o => o.Status == OperationStatus.Ok && o.Op is KvOperationKind.Put or KvOperationKind.Del && o.Call > firstWrite.Return);

        // Pretend the store lost every write after the first one: the final read returns the first value again.
        var forged = result.History.Take(result.History.Count - 1).Append(final with { Output = firstWrite.Value }).ToList();

        Assert.Equal(LinearizabilityVerdict.NotLinearizable, LinearizabilityChecker.Check(forged).Verdict);
    }

    [Fact]
    public async Task RunAsync_NothingListening_EveryOperationFailsWithoutEffect()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop(); // a port that refuses connections: nothing can have been sent

        RegisterWorkloadResult result = await RegisterWorkload.RunAsync([new Uri($"http://127.0.0.1:{port}")],
            new RegisterWorkloadOptions { Clients = 2, Duration = TimeSpan.FromMilliseconds(300), FinalReadWithin = TimeSpan.Zero });

        Assert.True(result.Failed > 0);
        Assert.Equal(0, result.Ok + result.Unknown);
        Assert.Empty(result.FinalReads);
    }
}
