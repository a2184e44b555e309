using System.Text.Json;
using Arbiter.Cli.Tests.Commands.StoreWorkload;
using Arbiter.Core.Distributed.Linearizability;
using Arbiter.Store.Checking;

namespace Arbiter.Cli.Tests.Commands.StoreMember;

/// <summary>
/// Issue 7, "membership changes one server at a time, learners that catch up before voting", on real processes: three
/// <c>arbiter store serve</c> members under the register workload; a fourth started with --join is added as a
/// learner, promoted once caught up, and the original leader is removed (it steps down, the others elect a new
/// leader), all with <c>arbiter store member</c>. Nothing is restarted. The history must stay linearizable, the
/// remaining members must reach the same applied index, and <c>member list</c> must show exactly them.
/// </summary>
public class StoreMemberProcessTests
{
    [Fact]
    public async Task Member_AddLearnerPromoteRemoveLeader_UnderLoad_HistoryLinearizableAndMembersConverge()
    {
        using var temp = new TempDirectory();
        using var cluster = new StoreProcessCluster(temp.Path);
        foreach (int id in cluster.Nodes)
        {
            cluster.Start(id);
        }

        int leader = await cluster.LeaderAsync(TimeSpan.FromSeconds(20));
        Assert.True(leader != 0, "no leader within 20 s:\n" + Logs(cluster));
        int joiner = cluster.AddNode();
        string all = string.Join(",", cluster.Nodes.Select(id => cluster.Endpoint(id).ToString().TrimEnd('/')));
        Task<RegisterWorkloadResult> workload = RegisterWorkload.RunAsync([.. cluster.Nodes.Select(cluster.Endpoint)], new RegisterWorkloadOptions
        {
            Clients = 4,
            Keys = 3,
            Duration = TimeSpan.FromSeconds(7),
            Timeout = TimeSpan.FromSeconds(1.5),
            KeyPrefix = "member/",
        });

        await Task.Delay(TimeSpan.FromSeconds(1));
        cluster.Join(joiner);
        var (addCode, addOut, addErr) = await Task.Run(() => CliRunner.Run("store", "member", "add", cluster.PeerUrl(joiner), "--learner", "--endpoints", all, "--json"));
        Assert.True(addCode == 0, addErr + Logs(cluster));
        using (JsonDocument added = JsonDocument.Parse(addOut))
        {
            Assert.Equal($"{joiner}", added.RootElement.GetProperty("member").GetProperty("id").GetString());
            Assert.True(added.RootElement.GetProperty("member").GetProperty("is_learner").GetBoolean());
        }

        var (promoteCode, _, promoteErr) = await Task.Run(() => CliRunner.Run("store", "member", "promote", $"{joiner}", "--wait", "10s", "--endpoints", all));
        Assert.True(promoteCode == 0, promoteErr + Logs(cluster));

        string others = string.Join(",", cluster.Nodes.Where(id => id != leader).Select(id => cluster.Endpoint(id).ToString().TrimEnd('/')));
        var (removeCode, _, removeErr) = await Task.Run(() => CliRunner.Run("store", "member", "remove", $"{leader}", "--endpoints", others));
        Assert.True(removeCode == 0, removeErr + Logs(cluster));

        int next = await cluster.LeaderAsync(TimeSpan.FromSeconds(10));
        Assert.True(next != 0 && next != leader, $"after removing {leader}, leader {next}\n" + Logs(cluster));
        Assert.NotEqual((long)leader, (await cluster.StatusAsync(leader))?.Leader ?? 0); // the removed leader stepped down
        cluster.Kill(leader); // a removed member stops by itself (exit 3, see StoreMemberRemovalProcessTests); its clients fail over

        RegisterWorkloadResult result = await workload;
        LinearizabilityResult check = LinearizabilityChecker.Check(result.History);
        string story = $"leader {leader} removed, {joiner} joined, new leader {next}; {result.Ok} ok, {result.Failed} failed, {result.Unknown} unknown";
        Assert.True(result.AcknowledgedWrites > 20, story);
        Assert.True(check.Verdict == LinearizabilityVerdict.Linearizable, $"{check.Verdict}: {story}");

        int[] remaining = [.. cluster.Nodes.Where(id => id != leader)];
        Assert.True(await ConvergedAsync(cluster, remaining, TimeSpan.FromSeconds(15)), "the members did not reach the same applied index: " + story + "\n" + Logs(cluster));
        var (listCode, listOut, listErr) = CliRunner.Run("store", "member", "list", "--endpoints", others, "--json");
        Assert.True(listCode == 0, listErr);
        using JsonDocument list = JsonDocument.Parse(listOut);
        var members = list.RootElement.GetProperty("members").EnumerateArray()
            .Select(m => (Id: int.Parse(m.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture), Learner: m.GetProperty("is_learner").GetBoolean()))
            .ToList();
        Assert.Equal(remaining.Select(id => (id, false)), members);
    }

    private static async Task<bool> ConvergedAsync(StoreProcessCluster cluster, int[] members, TimeSpan within)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            var applied = new List<long>();
            foreach (int id in members)
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
        "\n" + string.Join("\n", cluster.Nodes.Select(id => $"--- node {id}\n{string.Join("\n", cluster.Log(id).Split('\n').TakeLast(12))}"));
}
