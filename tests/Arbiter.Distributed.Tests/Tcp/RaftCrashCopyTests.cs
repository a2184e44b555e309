using System.Collections.Concurrent;
using System.Net;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Distributed.Tests.Tcp;

/// <summary>
/// Raft on three hosts that compact every 25 entries in the background, with the record files copied again and again
/// while proposals run — each copy is what a crash of that member at that moment would leave. Raft's promise checked
/// on every set of copies: every proposal acknowledged before the copies were taken is in the recovered state (its
/// snapshot or its log) of a majority.
/// </summary>
public sealed class RaftCrashCopyTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "arbiter-raft-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task BackgroundCompactions_CrashCopiesTakenUnderLoad_EveryAcknowledgedProposalIsOnAMajority()
    {
        const int Clients = 10, Proposals = 400, MinCopies = 5;
        int copies = 0;
        var replies = new ConcurrentDictionary<long, TaskCompletionSource<RaftMessage.ClientReply>>();
        int leader = 0;
        var options = new RaftNodeOptions { Raft = RaftScenario.DefaultOptions(3), SnapshotEvery = 25 };
        var loopback = Enumerable.Range(1, 3).ToDictionary(id => id, _ => new IPEndPoint(IPAddress.Loopback, 0));
        var hosts = loopback.Keys.Select(id => new TcpNodeHost<RaftMessage, RaftRecord>(
            new TcpNodeOptions { Id = id, Peers = loopback, DataDirectory = Path.Combine(_dir, "live") },
            () => new RaftNode(options, new ListStateMachine()), RaftMessageCodec.Instance, RaftRecordCodec.Instance,
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
        var acknowledged = new ConcurrentBag<int>();
        var crashes = new List<(int[] Acknowledged, string[] Files)>();
        try
        {
            var bound = hosts.ToDictionary(h => h.Id, h => h.Listen());
            hosts.ForEach(h => h.Start(bound));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (Volatile.Read(ref leader) == 0)
            {
                await Task.Delay(5, timeout.Token);
            }

            int next = 0;
            Task load = Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
            {
                int n;
                // At least Proposals, and on until enough copies were taken: a fast host must not end the load
                // before the copier has seen it.
                while ((n = Interlocked.Increment(ref next)) <= Proposals || Volatile.Read(ref copies) < MinCopies)
                {
                    RaftMessage.ClientReply reply;
                    do
                    {
                        long tag = (n * 1000L) + Random.Shared.Next(1000);
                        var answer = replies[tag] = new TaskCompletionSource<RaftMessage.ClientReply>(TaskCreationOptions.RunContinuationsAsynchronously);
                        hosts[Volatile.Read(ref leader) - 1].Inject(new RaftMessage.ClientPropose(tag, BitConverter.GetBytes(n)));
                        reply = await answer.Task.WaitAsync(timeout.Token);
                    }
                    while (reply.Status != RaftReplyStatus.Ok);
                    acknowledged.Add(n);
                }
            })));

            while (!load.IsCompleted)
            {
                // Acknowledged first, copies after: whatever was acknowledged is durable on a majority by now.
                int[] before = [.. acknowledged];
                string crash = Path.Combine(_dir, "crash" + crashes.Count);
                Directory.CreateDirectory(crash);
                crashes.Add((before, [.. loopback.Keys.Select(id => Copy(Path.Combine(_dir, "live", $"node-{id}.records"), crash))]));
                Volatile.Write(ref copies, crashes.Count);
                await Task.Delay(15, timeout.Token);
            }

            await load;
            Assert.All(hosts, h => Assert.Null(h.Fault));
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }

        Assert.True(crashes.Count >= MinCopies, $"only {crashes.Count} crash copies");
        Assert.Contains(crashes, c => c.Files.Any(f => Recover(f).Snapshot is not null)); // compactions happened
        foreach (var (before, files) in crashes)
        {
            HashSet<int>[] held = [.. files.Select(Held)];
            foreach (int n in before)
            {
                Assert.True(held.Count(h => h.Contains(n)) >= 2, $"proposal {n}, acknowledged, is on fewer than 2 of the copies in {Path.GetDirectoryName(files[0])}");
            }
        }

        // Every proposal issued was acknowledged: 1..K, K at least Proposals (more if copies were slow to come).
        Assert.InRange(acknowledged.Count, Proposals, int.MaxValue);
        Assert.Equal(Enumerable.Range(1, acknowledged.Count), acknowledged.Order());
    }

    private static string Copy(string live, string crash)
    {
        string copy = Path.Combine(crash, Path.GetFileName(live));
        using (var from = new FileStream(live, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var to = File.Create(copy))
        {
            from.CopyTo(to);
        }

        return copy;
    }

    /// <summary>The commands a member would hold after recovering <paramref name="file"/>: its snapshot's list, then its log.</summary>
    private static RaftRecovered Recover(string file)
    {
        using var store = new FileRecordStore<RaftRecord>(file, RaftRecordCodec.Instance);
        return RaftRecovered.Fold(store.Recovered, store.Truncated);
    }

    private static HashSet<int> Held(string file)
    {
        RaftRecovered recovered = Recover(file);
        var machine = new ListStateMachine();
        if (recovered.Snapshot is { } snapshot)
        {
            machine.Restore(snapshot.Data);
        }

        var held = machine.Items.Select(i => BitConverter.ToInt32(i)).ToHashSet();
        foreach (RaftEntry entry in recovered.Entries)
        {
            if (entry.Data.Length == 4 && entry.Configuration is null)
            {
                held.Add(BitConverter.ToInt32(entry.Data));
            }
        }

        return held;
    }
}
