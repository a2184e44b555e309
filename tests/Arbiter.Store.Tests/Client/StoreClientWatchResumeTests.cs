using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Arbiter.Store.Client;
using Arbiter.Store.Gateway;
using Arbiter.Store.Tests.Node;

namespace Arbiter.Store.Tests.Client;

/// <summary>
/// <see cref="StoreClient.WatchResumingAsync"/> against the real replicated store: the member a watch streams from is
/// stopped (and later restarted) while puts go on; the watch moves to the next endpoint and delivers every put once,
/// in order.
/// </summary>
public sealed class StoreClientWatchResumeTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static readonly WatchResumeOptions Quick = new() { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task WatchResuming_MemberStoppedAndRestartedMidWatch_EveryPutOnceInOrderOnTheNextEndpoint()
    {
        await using var cluster = await StoreCluster.StartAsync(3);
        int leader = await cluster.WaitForLeaderAsync();
        int watched = cluster.Ids.First(id => id != leader); // stop a follower: the writes go on through the leader
        using var writer = cluster.Client(leader);
        Uri[] endpoints = [cluster.Endpoint(watched), .. cluster.Ids.Where(id => id != watched).Select(cluster.Endpoint)];
        using var watcher = new StoreClient(endpoints);
        var resumes = new ConcurrentQueue<WatchResumed>();
        var seen = new List<(long Revision, string Key, string Value)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var expected = new List<(long, string, string)>();
        long start = (await writer.PutAsync(B("outside"), B("x"))).Header!.Revision + 1; // no race with the watch's creation
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task reading = Task.Run(async () =>
        {
            await foreach (WireWatchResponse message in watcher.WatchResumingAsync(new WireWatchCreateRequest { Key = B("resume/"), RangeEnd = B("resume0"), StartRevision = start }, resumes.Enqueue, Quick, timeout.Token))
            {
                Assert.False(message.Canceled, message.CancelReason);
                if (message.Created)
                {
                    created.TrySetResult();
                }

                foreach (WireEvent e in message.Events ?? [])
                {
                    lock (seen)
                    {
                        seen.Add((e.Kv!.ModRevision, Encoding.UTF8.GetString(e.Kv.Key!), Encoding.UTF8.GetString(e.Kv.Value!)));
                        if (seen.Count == 30)
                        {
                            return;
                        }
                    }
                }
            }
        });

        async Task PutAsync(int i)
        {
            string key = $"resume/{i:00}", value = i.ToString(CultureInfo.InvariantCulture);
            long revision = (await writer.PutAsync(B(key), B(value))).Header!.Revision;
            expected.Add((revision, key, value));
        }

        // The watch must stand on the member before it stops (else the stop races its creation, which goes to the
        // stopping member and is refused there, before there is anything to resume).
        if (await Task.WhenAny(created.Task, reading).WaitAsync(timeout.Token) == reading)
        {
            await reading; // the watch failed to start: its exception fails the test here
        }
        for (int i = 0; i < 10; i++)
        {
            await PutAsync(i);
        }

        // The stream breaks; puts 10–19 happen while it is down or moving. The member goes first, its gateway second:
        // a gateway stopped first waits (Kestrel's graceful shutdown, 30 s) for its open watch streams to end.
        await cluster.Backend(watched).DisposeAsync();
        await cluster.StopAsync(watched);
        for (int i = 10; i < 20; i++)
        {
            await PutAsync(i);
        }

        await cluster.RestartAsync(watched);
        for (int i = 20; i < 30; i++)
        {
            await PutAsync(i);
        }

        await reading.WaitAsync(timeout.Token);

        Assert.Equal(expected, seen);
        WatchResumed first = Assert.Single(resumes, r => r.Attempt == 1);
        Assert.Equal(endpoints[1], first.Endpoint); // the next endpoint in turn
        // Resumed right after what it had delivered when the member stopped: some put of the first ten, or none.
        Assert.True(first.FromRevision == start || expected.Take(10).Any(e => e.Item1 + 1 == first.FromRevision), $"resumed from {first.FromRevision}");
    }
}
