using System.Collections.Concurrent;
using System.Net;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Distributed.Tests.Tcp;

/// <summary>
/// <c>CompactInBackground</c> on the TCP host: the live file stays the truth (with the call's earlier records and
/// every later batch) while the image is written; the switch happens between batches, even on an idle node; a
/// synchronous <c>Compact</c> supersedes it; and the batch split puts only later records in the new file's tail.
/// </summary>
public sealed class BackgroundCompactionHostTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "arbiter-bgc-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private string Records => Path.Combine(_dir, "node-1.records");

    private TcpNodeHost<string, string> Host(ScriptNode node, IMessageCodec<string> records, int maxBatch = 256) =>
        new(new TcpNodeOptions { Id = 1, Peers = new Dictionary<int, IPEndPoint> { [1] = new(IPAddress.Loopback, 0) }, DataDirectory = _dir, MaxBatch = maxBatch },
            () => node, new JsonMessageCodec<string>(), records, (_, _, _) => { });

    private static async Task WaitFor(Func<bool> done, Func<string> what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what());
            await Task.Delay(2);
        }
    }

    /// <summary>"p X" persists X; "snap" persists "c", asks for a background compaction to "image", persists "d".</summary>
    private static ScriptNode Scripted(ConcurrentQueue<string> done, LoopGate? gate = null) => new(receive: (c, _, m) =>
    {
        switch (m)
        {
            case "gate":
                gate!.Hold();
                break;
            case "snap":
                c.Persist("c");
                c.CompactInBackground(["image"]);
                c.Persist("d");
                break;
            case "both":
                c.CompactInBackground(["image"]);
                c.Persist("lost");
                c.Compact(["installed"]);
                c.Persist("after");
                break;
            default:
                c.Persist(m[2..]);
                break;
        }

        done.Enqueue(m);
    });

    [Fact]
    public async Task CompactInBackground_WhileTheImageIsWritten_LiveFileHasEverythingThenTheSwitchLeavesImageAndLaterRecords()
    {
        using var codec = new GatedCodec();
        var done = new ConcurrentQueue<string>();
        await using (var host = Host(Scripted(done), codec))
        {
            host.Start();
            host.Inject("p a");
            host.Inject("p b");
            host.Inject("snap");
            codec.WaitReached();
            await WaitFor(() => RecordFile.Read<string>(Records).Count == 4, () => "the snap call's records");
            // The image is held mid-write: the live file has the call's record before the request too.
            Assert.Equal(["a", "b", "c", "d"], RecordFile.Read<string>(Records));

            host.Inject("p e");
            await WaitFor(() => RecordFile.Read<string>(Records).Count == 5, () => "a record appended during the write");
            codec.Release();

            // Nothing else is sent: the finished write wakes the idle loop, which switches the file.
            await WaitFor(() => RecordFile.Read<string>(Records) is ["image", ..], () => "the switch");
            Assert.Equal(["image", "d", "e"], RecordFile.Read<string>(Records));
            Assert.False(File.Exists(Records + ".rewrite"));

            host.Inject("p f");
            await WaitFor(() => RecordFile.Read<string>(Records).Count == 4, () => "a record after the switch");
            Assert.Null(host.Fault);
        }

        using var reopened = new FileRecordStore<string>(Records, new JsonMessageCodec<string>());
        Assert.Equal(["image", "d", "e", "f"], reopened.Recovered);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(1)]
    public async Task CompactInBackground_ThenCompactInTheSameCall_TheSynchronousImageWins(int maxBatch)
    {
        var done = new ConcurrentQueue<string>();
        await using (var host = Host(Scripted(done), new JsonMessageCodec<string>(), maxBatch))
        {
            host.Start();
            host.Inject("p a");
            host.Inject("both");
            host.Inject("p z");
            await WaitFor(() => RecordFile.Read<string>(Records).Count == 3 && RecordFile.Read<string>(Records)[^1] == "z", () => "the records");
            Assert.Equal(["installed", "after", "z"], RecordFile.Read<string>(Records));
            Assert.Null(host.Fault);
        }

        Assert.False(File.Exists(Records + ".rewrite"));
        using var reopened = new FileRecordStore<string>(Records, new JsonMessageCodec<string>());
        Assert.Equal(["installed", "after", "z"], reopened.Recovered);
    }

    [Fact]
    public async Task CompactInBackground_InOneBatchAfterEarlierCalls_OnlyLaterCallsRecordsFollowTheImage()
    {
        using var gate = new LoopGate();
        var done = new ConcurrentQueue<string>();
        await using (var host = Host(Scripted(done, gate), new JsonMessageCodec<string>()))
        {
            host.Start();
            host.Inject("gate");
            gate.WaitHeld();
            foreach (string m in new[] { "p a", "p b", "snap", "p e" })
            {
                host.Inject(m);
            }

            gate.Release();
            await WaitFor(() => RecordFile.Read<string>(Records) is ["image", ..], () => "the switch");
            Assert.Null(host.Fault);
        }

        // a, b and c were summarised by the image; d (later in the call) and e (a later call) follow it.
        using var reopened = new FileRecordStore<string>(Records, new JsonMessageCodec<string>());
        Assert.Equal(["image", "d", "e"], reopened.Recovered);
    }
}
