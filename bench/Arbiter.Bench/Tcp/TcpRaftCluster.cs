using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Bench.Tcp;

/// <summary>
/// Three <see cref="TcpNodeHost{TMessage, TRecord}"/>s in this process running <see cref="RaftNode"/> with a
/// <see cref="ListStateMachine"/> on loopback, each with its own data directory (records fsync'd), and clients that
/// propose through <c>Inject</c> on the leader and take answers from <c>ClientOutput</c>.
/// </summary>
internal sealed class TcpRaftCluster : IAsyncDisposable
{
    private readonly List<TcpNodeHost<RaftMessage, RaftRecord>> _hosts = [];
    private readonly ConcurrentDictionary<long, TaskCompletionSource<RaftMessage.ClientReply>> _waiting = new();
    private readonly string _directory;
    private long _tags;
    private long _leaderTerm;
    private volatile int _leader;

    private TcpRaftCluster(string directory) => _directory = directory;

    /// <summary>All hosts' fsyncs so far.</summary>
    public long Fsyncs => _hosts.Sum(h => h.Fsyncs);

    /// <summary>All hosts' node calls so far.</summary>
    public long Calls => _hosts.Sum(h => h.Calls);

    /// <summary>All hosts' frames to peers and the socket writes that carried them.</summary>
    public (long Frames, long Writes) PeerTraffic => (_hosts.Sum(h => h.PeerTraffic.Frames), _hosts.Sum(h => h.PeerTraffic.Writes));

    /// <summary>Starts the group under a fresh temporary directory and waits until it has a leader.</summary>
    public static async Task<TcpRaftCluster> StartAsync(TcpRaftConfig config)
    {
        string directory = Path.Combine(Path.GetTempPath(), "arbiter-tcp-raft-" + Guid.NewGuid().ToString("N"));
        var cluster = new TcpRaftCluster(directory);
        RaftOptions raft = RaftScenario.DefaultOptions(3) with
        {
            MaxInflight = config.MaxInflight,
            MaxEntriesPerMessage = config.MaxEntriesPerMessage,
        };
        var nodeOptions = new RaftNodeOptions { Raft = raft };
        var loopback = Enumerable.Range(1, 3).ToDictionary(id => id, _ => new IPEndPoint(IPAddress.Loopback, 0));
        foreach (int id in loopback.Keys)
        {
            var host = new TcpNodeHost<RaftMessage, RaftRecord>(
                new TcpNodeOptions { Id = id, Peers = loopback, DataDirectory = Path.Combine(directory, $"n{id}"), MaxBatch = config.MaxBatch },
                () => new RaftNode(nodeOptions, new ListStateMachine()), RaftMessageCodec.Instance, RaftRecordCodec.Instance, cluster.Observe)
            {
                ClientOutput = cluster.Answer,
            };
            cluster._hosts.Add(host);
        }

        var bound = cluster._hosts.ToDictionary(h => h.Id, h => h.Listen());
        cluster._hosts.ForEach(h => h.Start(bound));
        await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        return cluster;
    }

    /// <summary>
    /// <paramref name="clients"/> closed-loop clients share <paramref name="proposals"/> proposals of
    /// <paramref name="bytes"/> bytes each: each client sends one, waits for its answer, sends the next.
    /// </summary>
    public async Task<TcpRaftLoad> RunAsync(int clients, int proposals, int bytes)
    {
        var latencies = new ConcurrentBag<double>();
        int retries = 0;
        int remaining = proposals;
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            byte[] data = new byte[bytes];
            Random.Shared.NextBytes(data);
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                long start = Stopwatch.GetTimestamp();
                while (true)
                {
                    RaftMessage.ClientReply? reply = await ProposeAsync(data, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                    if (reply is { Status: RaftReplyStatus.Ok })
                    {
                        break;
                    }

                    // No leader known, a leader change, or a lost answer: ask again (a duplicate is harmless here).
                    Interlocked.Increment(ref retries);
                    await WaitForLeaderAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                }

                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        clock.Stop();
        double[] sorted = [.. latencies];
        Array.Sort(sorted);
        return new TcpRaftLoad(sorted.Length, clock.Elapsed, sorted, retries);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<RaftMessage.ClientReply?> ProposeAsync(byte[] data, TimeSpan timeout)
    {
        long tag = Interlocked.Increment(ref _tags);
        var answer = new TaskCompletionSource<RaftMessage.ClientReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[tag] = answer;
        try
        {
            int leader = _leader;
            if (leader == 0)
            {
                return null;
            }

            _hosts[leader - 1].Inject(new RaftMessage.ClientPropose(tag, data));
            return await answer.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            _waiting.TryRemove(tag, out _);
        }
    }

    private async Task WaitForLeaderAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (_leader == 0)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException("no Raft leader; faults: " + string.Join("; ", _hosts.Select(h => h.Fault?.Message)));
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    private void Answer(RaftMessage message)
    {
        if (message is RaftMessage.ClientReply reply && _waiting.TryGetValue(reply.Tag, out var waiting))
        {
            if (reply.Status == RaftReplyStatus.NotLeader)
            {
                _leader = reply.Leader; // a hint (0: unknown) until a RaftBecameLeader says otherwise
            }

            waiting.TrySetResult(reply);
        }
    }

    private void Observe(int node, TimeSpan at, object observation)
    {
        if (observation is RaftBecameLeader leader)
        {
            lock (_hosts)
            {
                if (leader.Term > _leaderTerm)
                {
                    _leaderTerm = leader.Term;
                    _leader = leader.Node;
                }
            }
        }
    }
}
