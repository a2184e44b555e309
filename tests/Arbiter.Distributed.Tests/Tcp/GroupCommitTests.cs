using System.Collections.Concurrent;
using System.Net;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Distributed.Tests.Tcp;

/// <summary>
/// The group commit of <see cref="TcpNodeHost{TMessage, TRecord}"/> against the node contract: inputs are queued
/// behind a call held at a <see cref="LoopGate"/>, so they form one batch for certain, and what the batch did is
/// read back from the record file, the timers and the counters.
/// </summary>
public sealed class GroupCommitTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "arbiter-gc-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private string RecordsOf(int node) => Path.Combine(_dir, $"node-{node}.records");

    private static Dictionary<int, IPEndPoint> Loopback(int nodes) =>
        Enumerable.Range(1, nodes).ToDictionary(id => id, _ => new IPEndPoint(IPAddress.Loopback, 0));

    private TcpNodeHost<string, string> Host(int id, IReadOnlyDictionary<int, IPEndPoint> peers, ScriptNode node, int maxBatch,
        Action<object>? observed = null, TimeProvider? time = null, bool durable = true) =>
        new(new TcpNodeOptions { Id = id, Peers = peers, DataDirectory = durable ? _dir : null, MaxBatch = maxBatch, Time = time ?? TimeProvider.System },
            () => node, new JsonMessageCodec<string>(), new JsonMessageCodec<string>(), (_, _, v) => observed?.Invoke(v));

    private static async Task WaitFor(Func<bool> done, Func<string> what)
    {
        // Awaits rather than sleeps: a blocked pool thread would starve the hosts' socket readers and writers.
        var deadline = DateTime.UtcNow + Patience;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what());
            await Task.Delay(2);
        }
    }

    [Fact]
    public void Constructor_MaxBatchBelowOne_Throws()
    {
        var options = new TcpNodeOptions { Id = 1, Peers = Loopback(1), MaxBatch = 0 };
        Assert.Throws<ArgumentOutOfRangeException>(() => new TcpNodeHost<string, string>(options, () => new ScriptNode(),
            new JsonMessageCodec<string>(), new JsonMessageCodec<string>(), (_, _, _) => { }));
    }

    [Theory]
    [InlineData(256, 8)]   // 2,000 = 7 × 256 + 208
    [InlineData(1000, 2)]
    [InlineData(1, 2000)]  // batching off: one fsync per call
    public async Task Batch_ManyQueuedInputs_OneFsyncPerBatch(int maxBatch, int expectedFsyncs)
    {
        using var gate = new LoopGate();
        int persisted = 0;
        var node = new ScriptNode(start: _ => gate.Hold(), receive: (c, _, m) =>
        {
            c.Persist(m);
            Interlocked.Increment(ref persisted);
        });
        await using (var host = Host(1, Loopback(1), node, maxBatch))
        {
            host.Start();
            gate.WaitHeld(); // the loop is inside Start, which it took alone
            Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => host.Inject($"m{i}"));
            gate.Release();
            await WaitFor(() => host.Batches >= 1 + expectedFsyncs && Volatile.Read(ref persisted) == 2000, () => $"{host.Batches} batches");

            Assert.Null(host.Fault);
            Assert.Equal(2001, host.Calls);
            Assert.Equal(expectedFsyncs, host.Fsyncs);
            Assert.Equal(1 + expectedFsyncs, host.Batches);
        }

        // Every record made it.
        Assert.Equal(2000, RecordFile.Read<string>(RecordsOf(1)).Distinct().Count());
    }

    [Theory]
    [InlineData(256)]
    [InlineData(1)]
    public async Task Batch_AnswersToTheClient_EachAfterItsRecordAndEveryEarlierOneIsOnDisk(int maxBatch)
    {
        using var gate = new LoopGate();
        var answers = new ConcurrentQueue<(string Answer, List<string> OnDisk)>();
        var node = new ScriptNode(start: _ => gate.Hold(), receive: (c, _, m) =>
        {
            c.Persist(m);
            c.Send(0, m);
        });
        await using var host = Host(1, Loopback(1), node, maxBatch);
        host.ClientOutput = m => answers.Enqueue((m, RecordFile.Read<string>(RecordsOf(1))));
        host.Start();
        gate.WaitHeld();
        var inputs = Enumerable.Range(0, 300).Select(i => $"r{i}").ToList();
        inputs.ForEach(host.Inject);
        gate.Release();
        await WaitFor(() => answers.Count == inputs.Count, () => $"{answers.Count} answers");

        Assert.Null(host.Fault);
        Assert.Equal(inputs, answers.Select(a => a.Answer));
        foreach (var (answer, onDisk) in answers)
        {
            // Every input up to and including this one was persisted before the answer left.
            int index = inputs.IndexOf(answer);
            Assert.Equal(inputs.Take(index + 1), onDisk.Take(index + 1));
        }

        Assert.True(host.Fsyncs <= (maxBatch == 1 ? 300 : 2), $"{host.Fsyncs} fsyncs");
    }

    [Fact]
    public async Task Batch_MessagesToAPeer_SenderRecordsOnDiskBeforeEachArrives()
    {
        // Node 1 persists each input and tells node 2 how many records it has persisted so far; node 2, on
        // receipt, reads node 1's record file and notes any message that arrived before the records it counts.
        using var gate = new LoopGate();
        var peers = Loopback(2);
        int persisted = 0;
        var sender = new ScriptNode(start: _ => gate.Hold(), receive: (c, _, m) =>
        {
            if (m == "slow")
            {
                // A long call in the middle of the batch: messages of the calls before it must still wait for
                // the batch's fsync, however long it takes to come.
                Thread.Sleep(300);
                return;
            }

            c.Persist(m);
            c.Send(2, (++persisted).ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        var checks = new ConcurrentQueue<(int Claimed, int OnDisk)>();
        var receiver = new ScriptNode(receive: (_, _, m) => checks.Enqueue((int.Parse(m, System.Globalization.CultureInfo.InvariantCulture), RecordFile.Read<string>(RecordsOf(1)).Count)));
        await using var one = Host(1, peers, sender, 256);
        await using var two = Host(2, peers, receiver, 256, durable: false);
        var bound = new Dictionary<int, IPEndPoint> { [1] = one.Listen(), [2] = two.Listen() };
        two.Start(bound);
        one.Start(bound);
        gate.WaitHeld();
        for (int i = 0; i < 600; i++)
        {
            one.Inject($"v{i}");
            if (i == 9)
            {
                one.Inject("slow");
            }
        }

        gate.Release();
        await WaitFor(() => checks.Count == 600, () => $"{checks.Count} arrivals");

        Assert.Null(one.Fault);
        Assert.Null(two.Fault);
        Assert.All(checks, c => Assert.True(c.OnDisk >= c.Claimed, $"message {c.Claimed} arrived with {c.OnDisk} records on disk"));
        Assert.Equal(3, one.Fsyncs); // 601 inputs: 256 + 256 + 89
        var (frames, writes) = one.PeerTraffic;
        Assert.Equal(600, frames);
        Assert.True(writes < frames / 2, $"{writes} socket writes for {frames} frames: not coalesced");
    }

    [Theory]
    [InlineData(256, "set")]
    [InlineData(256, "cancel")]
    [InlineData(1, "set")]
    [InlineData(1, "cancel")]
    public async Task Batch_TimerReplacedByAnEarlierCallOfTheBatch_StaleFireDropped(int maxBatch, string change)
    {
        using var gate = new LoopGate();
        var time = new ManualTimeProvider();
        var observed = new ConcurrentQueue<string>();
        var node = new ScriptNode(
            start: c => c.SetTimer("t", TimeSpan.FromSeconds(1)),
            receive: (c, _, m) =>
            {
                switch (m)
                {
                    case "gate":
                        gate.Hold();
                        break;
                    case "change" when change == "set":
                        c.SetTimer("t", TimeSpan.FromHours(1));
                        break;
                    case "change":
                        c.CancelTimer("t");
                        break;
                    default:
                        observed.Enqueue(m);
                        break;
                }
            },
            fire: (_, t) => observed.Enqueue("fired " + t));
        await using var host = Host(1, Loopback(1), node, maxBatch, time: time, durable: false);
        host.Start();
        await WaitFor(() => time.Created == 1, () => "the start's timer");
        host.Inject("gate");
        gate.WaitHeld();
        host.Inject("change");
        time.Advance(TimeSpan.FromSeconds(1)); // the old timer fires: its Fire is queued behind "change"
        gate.Release();
        host.Inject("probe"); // queued after the Fire, so once it is seen the Fire has been dealt with
        await WaitFor(() => observed.Contains("probe"), () => "the probe");

        Assert.Equal(["probe"], observed);
        Assert.Equal(4, host.Calls); // start, gate, change, probe: the stale Fire reached no one

        time.Advance(TimeSpan.FromHours(1));
        host.Inject("probe 2");
        await WaitFor(() => observed.Contains("probe 2"), () => "the second probe");
        Assert.Equal(change == "set" ? ["probe", "fired t", "probe 2"] : ["probe", "probe 2"], observed);
    }

    [Theory]
    [InlineData(256, 2)] // one batch: the rewrite and the append after it
    [InlineData(1, 5)]   // four calls: persist, persist, rewrite + append, persist
    public async Task Batch_CompactAfterPersistsOfEarlierCalls_DiskHoldsImageThenLaterRecords(int maxBatch, int batchFsyncs)
    {
        using var gate = new LoopGate();
        var done = new ConcurrentQueue<string>();
        var node = new ScriptNode(receive: (c, _, m) =>
        {
            switch (m)
            {
                case "gate":
                    gate.Hold();
                    return;
                case "compact":
                    c.Persist("lost in the same call");
                    c.Compact(["image"]);
                    c.Persist("kept");
                    break;
                default:
                    c.Persist(m);
                    break;
            }

            done.Enqueue(m);
        });
        long before;
        await using (var host = Host(1, Loopback(1), node, maxBatch))
        {
            host.Start();
            host.Inject("old");
            await WaitFor(() => done.Count == 1, () => "the first record");
            host.Inject("gate");
            gate.WaitHeld();
            before = host.Fsyncs;
            foreach (string m in new[] { "p1", "p2", "compact", "p3" })
            {
                host.Inject(m);
            }

            gate.Release();
            // A call's records are written after the call returns: wait for the fsyncs, not just the calls.
            await WaitFor(() => done.Count == 5 && host.Fsyncs - before >= batchFsyncs, () => "the batch");
            Assert.Null(host.Fault);
            Assert.Equal(batchFsyncs, host.Fsyncs - before);
        }

        using var reopened = new FileRecordStore<string>(RecordsOf(1), new JsonMessageCodec<string>());
        Assert.Equal(["image", "kept", "p3"], reopened.Recovered);
        Assert.False(reopened.Truncated);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(1)]
    public async Task Batch_SelfSendsAndObservations_KeepTheirOrderPerCall(int maxBatch)
    {
        using var gate = new LoopGate();
        var observed = new ConcurrentQueue<object>();
        var node = new ScriptNode(receive: (c, from, m) =>
        {
            if (m == "gate")
            {
                gate.Hold();
                return;
            }

            c.Observe($"{from}:{m}:a");
            c.Observe($"{from}:{m}:b");
            if (from == 0)
            {
                c.Send(c.Self, m + "'"); // comes back after the batch, in send order
            }
        });
        await using var host = Host(1, Loopback(1), node, maxBatch, observed.Enqueue, durable: false);
        host.Start();
        host.Inject("gate");
        gate.WaitHeld();
        host.Inject("x");
        host.Inject("y");
        gate.Release();
        await WaitFor(() => observed.Count == 8, () => $"{observed.Count} observations");

        Assert.Equal(["0:x:a", "0:x:b", "0:y:a", "0:y:b", "1:x':a", "1:x':b", "1:y':a", "1:y':b"], observed.Cast<string>());
        Assert.Equal(2, host.Sent); // the two self-sends
    }

    [Fact]
    public async Task Batch_CallThrows_EarlierCallsOfTheBatchStillApplied()
    {
        using var gate = new LoopGate();
        var answers = new ConcurrentQueue<string>();
        var node = new ScriptNode(receive: (c, _, m) =>
        {
            switch (m)
            {
                case "gate":
                    gate.Hold();
                    break;
                case "boom":
                    c.Persist("never");
                    c.Send(0, "never");
                    throw new InvalidOperationException("boom");
                default:
                    c.Persist(m);
                    c.Send(0, m);
                    break;
            }
        });
        await using (var host = Host(1, Loopback(1), node, 256))
        {
            host.ClientOutput = answers.Enqueue;
            host.Start();
            host.Inject("gate");
            gate.WaitHeld();
            host.Inject("a");
            host.Inject("boom");
            host.Inject("c");
            gate.Release();
            await WaitFor(() => host.Fault is not null, () => "the fault");
            Assert.Equal("boom", host.Fault!.Message);
        }

        Assert.Equal(["a"], answers);
        Assert.Equal(["a"], RecordFile.Read<string>(RecordsOf(1)));
    }
}
