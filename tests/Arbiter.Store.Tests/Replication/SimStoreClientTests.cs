using Arbiter.Core.Distributed;
using Arbiter.Core.Distributed.Linearizability;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Store.Replication;
using Arbiter.Store.Replication.Sim;

namespace Arbiter.Store.Tests.Replication;

/// <summary>The simulated client alone, driven by hand: retries after NotLeader, never after silence; outcomes recorded.</summary>
public sealed class SimStoreClientTests
{
    /// <summary>A random source that always answers <c>value</c> (capped below the bound): dice 50 makes a put on k0.</summary>
    private sealed class FixedRandom(int value) : Random
    {
        public override int Next(int maxValue) => Math.Min(value, maxValue - 1);

        public override double NextDouble() => 0;
    }

    private sealed class Context(int self, Random random) : INodeContext<RaftMessage, RaftRecord>
    {
        public int Self { get; } = self;

        public IReadOnlyList<int> Members { get; } = [1, 2, 3, self];

        public TimeSpan Now { get; set; }

        public Random Random { get; } = random;

        public IReadOnlyList<RaftRecord> Recovered { get; } = [];

        public bool RecoveredTruncated => false;

        public List<(int To, RaftMessage Message)> Sent { get; } = [];

        public Dictionary<string, TimeSpan> Timers { get; } = [];

        public List<object> Observed { get; } = [];

        public void Send(int destination, RaftMessage message) => Sent.Add((destination, message));

        public void SetTimer(string name, TimeSpan delay) => Timers[name] = Now + delay;

        public void CancelTimer(string name) => Timers.Remove(name);

        public void Persist(RaftRecord record) => throw new InvalidOperationException("a client persists nothing");

        public void Compact(IReadOnlyList<RaftRecord> records) => throw new InvalidOperationException("a client persists nothing");

        public void Observe(object observation) => Observed.Add(observation);
    }

    private static (SimStoreClient Client, Context Context) Started(int dice, int operations = 1, bool sessions = true)
    {
        var client = new SimStoreClient(new SimStoreClientOptions { Servers = [1, 2, 3], Operations = operations, Keys = 1, Sessions = sessions });
        var context = new Context(4, new FixedRandom(dice));
        client.Start(context);
        Fire(client, context, SimStoreClient.NextTimer);
        return (client, context);
    }

    private static void Fire(SimStoreClient client, Context context, string timer)
    {
        context.Now = context.Timers[timer];
        context.Timers.Remove(timer);
        client.Fire(context, timer);
    }

    [Fact]
    public void Put_NotLeaderWithHint_ResentToTheHintSameCommand()
    {
        var (client, context) = Started(dice: 50);
        var (to, first) = context.Sent.Single();
        var propose = Assert.IsType<RaftMessage.ClientPropose>(first);

        client.Receive(context, to, new RaftMessage.ClientReply(propose.Tag, RaftReplyStatus.NotLeader, 3, 0, []));
        Fire(client, context, SimStoreClient.RetryTimer);

        var (retryTo, retry) = context.Sent[^1];
        var again = Assert.IsType<RaftMessage.ClientPropose>(retry);
        Assert.Equal(3, retryTo);
        Assert.NotEqual(propose.Tag, again.Tag);
        Assert.Equal(propose.Data, again.Data);
        Assert.Empty(context.Observed);
    }

    [Fact]
    public void Put_Silence_UnknownAtTheDeadlineAndNeverResent()
    {
        var (client, context) = Started(dice: 50);

        Assert.False(context.Timers.ContainsKey(SimStoreClient.RetryTimer)); // silence alone never re-sends a write
        Fire(client, context, SimStoreClient.DeadlineTimer);

        var op = Assert.IsType<HistoryOperation>(Assert.Single(context.Observed));
        Assert.Equal((KvOperationKind.Put, OperationStatus.Unknown, (long?)null), (op.Op, op.Status, op.Return));
        Assert.Single(context.Sent);
        Assert.True(client.Done);
    }

    [Fact]
    public void Put_WithSession_CarriesClientAndOperationNumber()
    {
        var (_, context) = Started(dice: 50);
        var propose = (RaftMessage.ClientPropose)context.Sent[0].Message;

        Assert.True(StoreReplicaSession.TryRead(propose.Data, out long client, out long sequence, out _));
        Assert.Equal((4L, 1L), (client, sequence));
    }

    [Fact]
    public void Put_FailedWithSession_ResentNotRecorded()
    {
        var (client, context) = Started(dice: 50);
        var propose = (RaftMessage.ClientPropose)context.Sent[0].Message;

        client.Receive(context, 1, new RaftMessage.ClientReply(propose.Tag, RaftReplyStatus.Failed, 2, 5, []));
        Fire(client, context, SimStoreClient.RetryTimer);

        Assert.Empty(context.Observed);
        var (to, again) = context.Sent[^1];
        Assert.Equal(2, to);
        Assert.Equal(propose.Data, ((RaftMessage.ClientPropose)again).Data); // same session number: applied at most once
    }

    [Fact]
    public void Put_FailedWithoutSession_RecordedAsFailWithItsTimes()
    {
        var (client, context) = Started(dice: 50, sessions: false);
        var propose = (RaftMessage.ClientPropose)context.Sent[0].Message;
        context.Now += TimeSpan.FromMilliseconds(7);

        client.Receive(context, 1, new RaftMessage.ClientReply(propose.Tag, RaftReplyStatus.Failed, 2, 5, []));

        var op = Assert.IsType<HistoryOperation>(Assert.Single(context.Observed));
        Assert.Equal(OperationStatus.Fail, op.Status);
        Assert.Equal(7000, op.Return - op.Call); // microseconds
    }

    [Fact]
    public void Get_SilenceThenLateAnswer_TriesTheNextServerAndTakesTheAnswer()
    {
        var (client, context) = Started(dice: 10);
        var (to, message) = context.Sent[0];
        var read = Assert.IsType<RaftMessage.ClientRead>(message);
        Assert.Equal(RaftReadMode.Linearizable, read.Mode);

        Fire(client, context, SimStoreClient.RetryTimer);
        int next = context.Sent[^1].To;
        var reply = StoreReplyCodec.Encode(new StoreReply { Kind = StoreReplyKind.Range, Revision = 4 });
        client.Receive(context, to, new RaftMessage.ClientReply(read.Tag, RaftReplyStatus.Ok, 0, 9, reply));

        Assert.Equal(to % 3 + 1, next);
        var op = Assert.IsType<HistoryOperation>(Assert.Single(context.Observed));
        Assert.Equal((KvOperationKind.Get, OperationStatus.Ok, (string?)null), (op.Op, op.Status, op.Output));
    }
}
