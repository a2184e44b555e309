using System.Text;
using Arbiter.Distributed.Tcp;
using Arbiter.Store.Client;

namespace Arbiter.Cli.Tests.Commands.StoreMember;

/// <summary>
/// Issue 7's membership gaps on real processes: a --join member that was added and promoted, killed and restarted
/// with --join, says it is ready (its log makes it a member), not "waiting to join"; once removed, it stops by itself
/// within seconds with etcd's line and exit code 3, records closed (started again from them, it reads them whole and
/// stops the same way); the other members keep serving.
/// </summary>
public class StoreMemberRemovalProcessTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Serve_JoinedMemberRestartedThenRemoved_ReadyLineThenStopsWithExit3AndTheOthersServe()
    {
        using var temp = new TempDirectory();
        var ports = Enumerable.Range(1, 4).ToDictionary(id => id, _ => (Client: LoopbackPorts.Pick(), Peer: LoopbackPorts.Pick()));
        string three = string.Join(",", Enumerable.Range(1, 3).Select(id => $"{id}={Peer(ports[id].Peer)}"));
        string four = $"{three},4={Peer(ports[4].Peer)}";
        string[] Args(int id, string peers, params string[] more) =>
            ["--id", $"{id}", "--listen", $"127.0.0.1:{ports[id].Client}", "--peers", peers, "--data", Path.Combine(temp.Path, $"n{id}"), "--tick", "50ms", .. more];
        var members = Enumerable.Range(1, 3).ToDictionary(id => id, id => new ServeProcess(Args(id, three)));
        string endpoints = string.Join(",", Enumerable.Range(1, 3).Select(id => $"http://127.0.0.1:{ports[id].Client}"));
        ServeProcess? joiner = null;
        try
        {
            foreach (var (id, member) in members)
            {
                Assert.True(await member.OutLineAsync($"member {id} ready", Within) is not null, member.Err);
            }

            using var client = new StoreClient([.. Enumerable.Range(1, 3).Select(id => new Uri($"http://127.0.0.1:{ports[id].Client}/"))], TimeSpan.FromSeconds(10));
            await client.PutAsync(Encoding.UTF8.GetBytes("before"), [1]);

            joiner = new ServeProcess(Args(4, four, "--join"));
            Assert.NotNull(await joiner.OutLineAsync("member 4 waiting to join", Within));
            Run("add", $"http://{Peer(ports[4].Peer)}", "--learner", "--endpoints", endpoints);
            Run("promote", "4", "--wait", "10s", "--endpoints", endpoints);

            joiner.Kill();
            joiner.Dispose();
            joiner = new ServeProcess(Args(4, four, "--join"));
            string? ready = await joiner.OutLineAsync("arbiter store: member 4 ", Within);
            Assert.True(ready?.Contains("member 4 ready", StringComparison.Ordinal) == true, $"restarted joiner said: {ready}\n{joiner.Err}");

            Run("remove", "4", "--endpoints", endpoints);
            int? exit = await joiner.ExitAsync(TimeSpan.FromSeconds(10));

            Assert.True(exit == 3, $"exit {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none within 10 s"}\n{joiner.Err}");
            Assert.Contains("arbiter store: member 4: the member has been permanently removed from the cluster", joiner.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", joiner.Err, StringComparison.Ordinal);
            // Its records were closed cleanly: started again from them, it reads them whole (no torn tail cut) and,
            // removed for good, is told so again and stops the same way.
            joiner.Dispose();
            joiner = new ServeProcess(Args(4, four, "--join"));
            int? again = await joiner.ExitAsync(TimeSpan.FromSeconds(15));
            Assert.True(again == 3, $"restarted after removal: exit {again?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none within 15 s"}\n{joiner.Err}");
            Assert.DoesNotContain("tail was cut", joiner.Err, StringComparison.Ordinal);
            Assert.Contains("the member has been permanently removed from the cluster", joiner.Err, StringComparison.Ordinal);

            await client.PutAsync(Encoding.UTF8.GetBytes("after"), [2]); // the others keep serving
            Assert.Equal([1UL, 2UL, 3UL], (await client.MemberListAsync()).Members!.Select(m => m.Id).Order());
            Assert.All(members.Values, m => Assert.Null(m.ExitAsync(TimeSpan.Zero).Result));
        }
        finally
        {
            joiner?.Dispose();
            foreach (ServeProcess member in members.Values)
            {
                member.Dispose();
            }
        }
    }

    private static void Run(params string[] args)
    {
        var (code, _, error) = CliRunner.Run(["store", "member", .. args]);
        Assert.True(code == 0, $"member {string.Join(' ', args)}: {error}");
    }

    private static string Peer(int port) => $"127.0.0.1:{port}";
}
