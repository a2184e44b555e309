using Arbiter.Core.Distributed.Linearizability;
using Arbiter.Store.Checking;

namespace Arbiter.Cli.Tests.Commands.StoreWorkload;

/// <summary>
/// Issue 7, "Real processes": a 3-node store of real <c>arbiter store serve</c> processes under a register workload,
/// its leader and other nodes killed with SIGKILL and restarted, one of them with a corrupted record-file tail. No
/// acknowledged write may be lost (the final reads would then be non-linearizable), the history must be
/// linearizable, and every node must catch up. bench/store/kill9.sh is the same run, longer, from a shell.
/// </summary>
public class StoreKillNineTests
{
    [Fact]
    public async Task KillNine_LeaderAndFollowersRepeatedly_HistoryLinearizableAndNodesConverge()
    {
        using var temp = new TempDirectory();
        using var cluster = new StoreProcessCluster(temp.Path);
        foreach (int id in cluster.Nodes)
        {
            cluster.Start(id);
        }

        Assert.True(await cluster.LeaderAsync(TimeSpan.FromSeconds(20)) != 0, "no leader within 20 s:\n" + Logs(cluster));
        Task<RegisterWorkloadResult> workload = RegisterWorkload.RunAsync(cluster.Endpoints, new RegisterWorkloadOptions
        {
            Clients = 4,
            Keys = 3,
            Duration = TimeSpan.FromSeconds(11),
            Timeout = TimeSpan.FromSeconds(1.5),
            KeyPrefix = "kill9/",
        });

        var events = new List<string>();
        int leadersKilled = 0, corrupted = 0;
        for (int round = 1; round <= 4; round++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            int leader = await cluster.LeaderAsync(TimeSpan.FromSeconds(3));
            int victim = round % 2 == 1 && leader != 0 ? leader : cluster.Nodes.First(n => n != leader && n != round % 3 + 1);
            leadersKilled += victim == leader ? 1 : 0;
            cluster.Kill(victim);
            await Task.Delay(TimeSpan.FromMilliseconds(400));
            if (round == 4)
            {
                cluster.CorruptTail(victim);
                corrupted = victim;
            }

            cluster.Start(victim);
            events.Add($"round {round}: killed {victim}{(victim == leader ? " (leader)" : "")}{(round == 4 ? ", tail corrupted" : "")}");
        }

        RegisterWorkloadResult result = await workload;
        LinearizabilityResult check = LinearizabilityChecker.Check(result.History);
        string story = $"{string.Join("; ", events)}; {result.Ok} ok, {result.Failed} failed, {result.Unknown} unknown";

        Assert.True(leadersKilled >= 1, story);
        Assert.True(result.AcknowledgedWrites > 20, story);
        Assert.Equal(3, result.FinalReads.Count);
        Assert.True(check.Verdict == LinearizabilityVerdict.Linearizable, $"{check.Verdict}: {story}");
        Assert.True(await ConvergedAsync(cluster, TimeSpan.FromSeconds(20)), "the nodes did not reach the same applied index: " + story + "\n" + Logs(cluster));
        Assert.Contains("tail was cut on start", cluster.Log(corrupted), StringComparison.Ordinal); // detected, then restored by a leader
    }

    private static async Task<bool> ConvergedAsync(StoreProcessCluster cluster, TimeSpan within)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            var applied = new List<long>();
            foreach (int id in cluster.Nodes)
            {
                applied.Add((await cluster.StatusAsync(id))?.Applied ?? -1);
            }

            if (applied[0] > 0 && applied.Distinct().Count() == 1)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    private static string Logs(StoreProcessCluster cluster) =>
        string.Join("\n", cluster.Nodes.Select(id => $"--- node {id}\n{string.Join("\n", cluster.Log(id).Split('\n').TakeLast(15))}"));
}
