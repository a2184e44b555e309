using System.Text;
using Arbiter.Cli.Tests.Commands.StoreMember;
using Arbiter.Distributed.Tcp;
using Arbiter.Distributed.Tracing;
using Arbiter.Store.Client;

namespace Arbiter.Cli.Tests.Commands.StoreServe;

/// <summary>
/// <c>ARBITER_STAGE_TRACE</c> on a real member (what bench/store/put-timeline.sh reads): the process writes its marks
/// when it exits, and a put's stages come in the order its way through gateway, loop and disk takes.
/// </summary>
public class StageTraceProcessTests
{
    [Fact]
    public async Task Serve_StageTraceSet_DumpHasAPutsStagesInTheirOrder()
    {
        using var temp = new TempDirectory();
        string dumps = Directory.CreateDirectory(Path.Combine(temp.Path, "trace")).FullName;
        int port = LoopbackPorts.Pick();
        using var member = new ServeProcess(new Dictionary<string, string> { [StageTrace.Variable] = dumps },
            "--id", "1", "--listen", $"127.0.0.1:{port}", "--data", Path.Combine(temp.Path, "n1"), "--tick", "20ms", "--duration", "3s");
        Assert.True(await member.OutLineAsync("member 1 ready", TimeSpan.FromSeconds(20)) is not null, member.Err);
        using (var client = new StoreClient([new Uri($"http://127.0.0.1:{port}/")], TimeSpan.FromSeconds(5)))
        {
            await client.PutAsync(Encoding.UTF8.GetBytes("traced"), [1]);
        }

        Assert.Equal(0, await member.ExitAsync(TimeSpan.FromSeconds(20)));

        string[] lines = File.ReadAllLines(Assert.Single(Directory.GetFiles(dumps, "*.trace")));
        Assert.Matches(@"^# stage-trace pid \d+ frequency \d+ dropped 0$", lines[0]);
        var marks = lines.Skip(1).Select(l => l.Split(' ')).Select(p => (Time: long.Parse(p[0]), Stage: (TraceStage)int.Parse(p[1])))
            .OrderBy(m => m.Time).ToList();
        // The put: the first gateway request, then each later stage's first mark after the one before it.
        TraceStage[] way = [TraceStage.GatewayEnter, TraceStage.BatchStart, TraceStage.FsyncStart, TraceStage.FsyncEnd,
            TraceStage.ClientOutput, TraceStage.GatewayResume, TraceStage.GatewayWritten];
        int at = 0;
        foreach (TraceStage stage in way)
        {
            int found = marks.FindIndex(at, m => m.Stage == stage);
            Assert.True(found >= 0, $"no {stage} after mark {at} of {marks.Count}: {string.Join(", ", marks.Select(m => m.Stage))}");
            at = found + 1;
        }
    }
}
