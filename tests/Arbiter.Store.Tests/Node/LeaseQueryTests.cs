using Arbiter.Store.Node;
using Arbiter.Store.Replication;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Store.Tests.Node;

/// <summary>The lease query carried in a Raft ClientRead: its own format byte, exact round trips, garbage refused.</summary>
public sealed class LeaseQueryTests
{
    [Fact]
    public void Is_LeaseQueryVersusStoreQueryAndLocalCall_ToldApartByTheFirstByte()
    {
        Assert.True(LeaseQuery.Is(LeaseQuery.KeepAlive(7)));
        Assert.False(LeaseQuery.Is(StoreQuery.Get([1, 2])));
        Assert.False(LeaseQuery.Is([StoreNode.LocalFormat]));
        Assert.False(LeaseQuery.Is([]));
        Assert.NotEqual(StoreQuery.Format, LeaseQuery.Format);
        Assert.NotEqual(StoreNode.LocalFormat, LeaseQuery.Format);
    }

    [Fact]
    public void Decode_HandWrittenBytes_KeepAliveOfLease5()
    {
        // 'L', operation 1, zigzag varint of 5 = 10, keys false.
        Assert.Equal(((byte)1, 5L, false), LeaseQuery.Decode([(byte)'L', 1, 10, 0]));
        Assert.Equal([(byte)'L', 2, 10, 1], LeaseQuery.TimeToLive(5, keys: true));
    }

    [Fact]
    public void RoundTrip_RandomQueriesAndAnswers_Exact()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(
            ArbMap.Default.ArbFor<(long, long, long, long, bool, byte[][])>(),
            t =>
            {
                var (id, ttl, granted, revision, keys, keyList) = t;
                var query = keys ? LeaseQuery.TimeToLive(id, true) : LeaseQuery.KeepAlive(id);
                var decoded = LeaseQuery.Decode(query);
                var answer = new LeaseAnswer(id, ttl, granted, revision, [.. (keyList ?? []).Select(k => k ?? [])]);
                var back = LeaseQuery.DecodeAnswer(LeaseQuery.EncodeAnswer(answer));
                return decoded == (keys ? LeaseQuery.TimeToLiveOperation : LeaseQuery.KeepAliveOperation, id, keys)
                    && (back.Id, back.Ttl, back.GrantedTtl, back.Revision) == (id, ttl, granted, revision)
                    && back.Keys.Count == answer.Keys.Count
                    && back.Keys.Zip(answer.Keys).All(p => p.First.AsSpan().SequenceEqual(p.Second));
            }));
    }

    [Fact]
    public void Decode_EveryTruncationOrPadding_Refused()
    {
        byte[] query = LeaseQuery.TimeToLive(123456789, keys: true);
        for (int cut = 0; cut < query.Length; cut++)
        {
            Assert.ThrowsAny<InvalidDataException>(() => LeaseQuery.Decode(query.AsSpan(0, cut)));
        }

        Assert.ThrowsAny<InvalidDataException>(() => LeaseQuery.Decode([.. query, 0]));
        Assert.ThrowsAny<InvalidDataException>(() => LeaseQuery.Decode([(byte)'L', 9, 2, 0])); // unknown operation
        byte[] answer = LeaseQuery.EncodeAnswer(new LeaseAnswer(1, 2, 3, 4, [[1, 2, 3]]));
        for (int cut = 0; cut < answer.Length; cut++)
        {
            Assert.ThrowsAny<InvalidDataException>(() => LeaseQuery.DecodeAnswer(answer.AsSpan(0, cut)));
        }
    }
}
