using System.Collections.Concurrent;
using System.Net;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Distributed.Tests.Tcp;

/// <summary>
/// Raft itself on three group-committing hosts (real sockets, real fsync'd record files, snapshots every 40
/// entries so compactions land inside batches): every acknowledged proposal is applied by all three servers in the
/// same order and is in every server's record file after it stops.
/// </summary>
public sealed class RaftOverTcpTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "arbiter-raft-tcp-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(256, false)]
    [InlineData(1, false)]
    [InlineData(256, true)]
    [InlineData(1, true)]
    public async Task Raft_ConcurrentProposals_AllAppliedEverywhereAndDurable(int maxBatch, bool parallel)
    {
        const int Clients = 20, Proposals = 300;
        var machines = new ListStateMachine[4];
        var replies = new ConcurrentDictionary<long, TaskCompletionSource<RaftMessage.ClientReply>>();
        int leader = 0;
        var options = new RaftNodeOptions { Raft = RaftScenario.DefaultOptions(3) with { LeaderWritesInParallel = parallel }, SnapshotEvery = 40 };
        var loopback = Enumerable.Range(1, 3).ToDictionary(id => id, _ => new IPEndPoint(IPAddress.Loopback, 0));
        var hosts = loopback.Keys.Select(id => new TcpNodeHost<RaftMessage, RaftRecord>(
            new TcpNodeOptions { Id = id, Peers = loopback, DataDirectory = _dir, MaxBatch = maxBatch },
            () => new RaftNode(options, machines[id] = new ListStateMachine()), RaftMessageCodec.Instance, RaftRecordCodec.Instance,
            (_, _, o) =>
            {
                if (o is RaftBecameLeader became)
                {
                    Volatile.Write(ref leader, became.Node);
                }
            })
        {
            ClientOutput = m => replies[((RaftMessage.ClientReply)m).Tag].TrySetResult((RaftMessage.ClientReply)m),
        }).ToList();
        var acknowledged = new ConcurrentBag<(long Index, byte[] Data)>();
        try
        {
            var bound = hosts.ToDictionary(h => h.Id, h => h.Listen());
            hosts.ForEach(h => h.Start(bound));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (Volatile.Read(ref leader) == 0)
            {
                await Task.Delay(5, timeout.Token);
            }

            int next = 0;
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) <= Proposals)
                {
                    byte[] data = BitConverter.GetBytes(n);
                    RaftMessage.ClientReply reply;
                    do
                    {
                        // A leader change (unlikely on loopback) answers NotLeader or Failed: propose again.
                        long tag = (n * 1000L) + Random.Shared.Next(1000);
                        var answer = replies[tag] = new TaskCompletionSource<RaftMessage.ClientReply>(TaskCreationOptions.RunContinuationsAsynchronously);
                        hosts[Volatile.Read(ref leader) - 1].Inject(new RaftMessage.ClientPropose(tag, data));
                        reply = await answer.Task.WaitAsync(timeout.Token);
                    }
                    while (reply.Status != RaftReplyStatus.Ok);
                    acknowledged.Add((reply.Index, data));
                }
            })));

            long last = acknowledged.Max(a => a.Index);
            while (machines.Skip(1).Any(m => m.LastIndex < last))
            {
                await Task.Delay(5, timeout.Token);
            }

            Assert.All(hosts, h => Assert.Null(h.Fault));
            // With the leader writing in parallel its appends leave before its fsync (dissertation §10.2.1).
            long early = hosts.Sum(h => h.SentEarly);
            Assert.True(parallel ? early > Proposals / 10 : early == 0, $"early messages {early}");
            if (maxBatch > 1)
            {
                Assert.True(hosts.Sum(h => h.Fsyncs) < hosts.Sum(h => h.Calls) / 2, "no group commit under concurrent load");
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }

        Assert.Equal(Proposals, acknowledged.Select(a => a.Index).Distinct().Count());
        // The same list everywhere (restored from snapshots or applied entry by entry), holding every command.
        var list = machines[1].Items.Select(i => BitConverter.ToInt32(i)).ToList();
        Assert.Equal(list, machines[2].Items.Select(i => BitConverter.ToInt32(i)));
        Assert.Equal(list, machines[3].Items.Select(i => BitConverter.ToInt32(i)));
        Assert.Equal(Enumerable.Range(1, Proposals), list.Distinct().Order());

        foreach (int id in loopback.Keys)
        {
            using var store = new FileRecordStore<RaftRecord>(Path.Combine(_dir, $"node-{id}.records"), RaftRecordCodec.Instance);
            RaftRecovered recovered = RaftRecovered.Fold(store.Recovered, store.Truncated);
            Assert.False(recovered.Truncated);
            Assert.NotNull(recovered.Snapshot); // compactions happened (inside batches when batching)
            long lastOnDisk = recovered.Entries.Count > 0 ? recovered.Entries[^1].Index : recovered.Snapshot.Index;
            Assert.True(lastOnDisk >= acknowledged.Max(a => a.Index), $"node {id}: log ends at {lastOnDisk}");
        }
    }
}
