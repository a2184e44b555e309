using System.Text;
using Arbiter.Store.Commands;
using Arbiter.Store.Mvcc;
using Arbiter.Store.Replication;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Store.Tests.Replication;

/// <summary>
/// The snapshot encoder written in place (one writer sized up front, the machine's bytes nested without a copy):
/// the same bytes as the nesting it replaced, a size bound that holds, and the writer primitive it rests on.
/// </summary>
public class SnapshotEncodingTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Put(string key, string value) => StoreCommandCodec.Encode(new PutCommand(new PutRequest { Key = B(key), Value = B(value) }));

    [Fact]
    public void PrefixLength_RandomPrefixesAndLengths_SameBytesAsWriteBytes()
    {
        // Lengths around each varint size step (1, 2 and 3 bytes), and random ones.
        int[] edges = [0, 1, 127, 128, 129, 16_383, 16_384, 70_000];
        var cases = (from prefix in Gen.Choose(0, 40)
                     from pick in Gen.Choose(0, edges.Length)
                     from random in Gen.Choose(0, 20_000)
                     from seed in Gen.Choose(0, int.MaxValue)
                     select (prefix, length: pick < edges.Length ? edges[pick] : random, seed)).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(cases, c =>
        {
            var rng = new Random(c.seed);
            byte[] head = new byte[c.prefix], value = new byte[c.length];
            rng.NextBytes(head);
            rng.NextBytes(value);

            var expected = new CommandWriter(4); // small: both grow on the way
            expected.WriteBytes(head);
            expected.WriteBytes(value);
            var inPlace = new CommandWriter(4);
            inPlace.WriteBytes(head);
            int start = inPlace.Length;
            foreach (byte b in value)
            {
                inPlace.WriteByte(b);
            }

            inPlace.PrefixLength(start);
            Assert.Equal(expected.ToArray(), inPlace.ToArray());
        }));
    }

    [Theory]
    [InlineData(0UL, 1)]
    [InlineData(127UL, 1)]
    [InlineData(128UL, 2)]
    [InlineData(16_383UL, 2)]
    [InlineData(16_384UL, 3)]
    [InlineData(ulong.MaxValue, 10)]
    public void VarUIntSize_Edges_MatchesTheBytesWritten(ulong value, int size)
    {
        var w = new CommandWriter();
        w.WriteVarUInt(value);
        Assert.Equal(size, w.Length);
        Assert.Equal(size, CommandWriter.VarUIntSize(value));
    }

    [Fact]
    public void Snapshot_WithSessions_IsMagicSessionsThenTheMachinesSnapshotLengthPrefixed()
    {
        // The format as documented and as it was built before (the machine's snapshot in a buffer of its own, then
        // copied in with WriteBytes), assembled here by hand from the replies the sessions recorded.
        var replica = new StoreReplica();
        byte[] seven = replica.Apply(1, StoreReplicaSession.Wrap(7, 1, Put("x", "a")));
        byte[] eight = replica.Apply(2, StoreReplicaSession.Wrap(8, 3, Put("y", new string('v', 300))));
        replica.Apply(3, Put("x", "b"));

        var expected = new CommandWriter();
        foreach (byte b in "ARSR"u8)
        {
            expected.WriteByte(b);
        }

        expected.WriteVarUInt(2);
        expected.WriteVarInt(7);
        expected.WriteVarInt(1);
        expected.WriteBytes(seven);
        expected.WriteVarInt(8);
        expected.WriteVarInt(3);
        expected.WriteBytes(eight);
        expected.WriteBytes(replica.Machine.Snapshot());
        Assert.Equal(expected.ToArray(), replica.Snapshot());
    }

    [Fact]
    public void Snapshot_40000RevisionsOf256Bytes_RestoresToAnEqualReplica()
    {
        var replica = new StoreReplica();
        string value = new('v', 256);
        for (int i = 1; i <= 40_000; i++)
        {
            replica.Apply(i, Put($"bench/{i % 1000:D8}", value));
        }

        byte[] snapshot = replica.Snapshot();
        var restored = new StoreReplica();
        restored.Restore(snapshot);

        Assert.Equal(snapshot, restored.Snapshot());
        Assert.Equal(40_001, restored.Machine.Revision);
        Assert.InRange(snapshot.Length, 40_000 * 256, replica.Machine.SnapshotCapacity());
    }

    [Fact]
    public void SnapshotSizeBound_RandomPutsDeletesAndCompactions_BoundsTheBytesWritten()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(ArbMap.Default.GeneratorFor<int>().ToArbitrary(), seed =>
        {
            var rng = new Random(seed);
            var kv = new MvccStore();
            for (int i = rng.Next(200); i > 0; i--)
            {
                byte[] key = B("k" + rng.Next(20));
                kv.BeginWrite();
                switch (rng.Next(10))
                {
                    case 0:
                        kv.Delete(key);
                        break;
                    case 1:
                        kv.EndWrite();
                        kv.Compact(rng.NextInt64(1, kv.CurrentRevision + 1));
                        continue;
                    default:
                        kv.Put(key, new byte[rng.Next(rng.Next(2) == 0 ? 130 : 20_000)], rng.NextInt64(0, long.MaxValue));
                        break;
                }

                kv.EndWrite();
            }

            var w = new CommandWriter(4);
            kv.WriteSnapshot(w);
            Assert.InRange(w.Length, 1, kv.SnapshotSizeBound());
        }));
    }
}
