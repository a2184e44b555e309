using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Distributed.Tests.Raft;

/// <summary>
/// Configurations whose members carry contexts (their peer addresses): new forms (entry type 2, record kind 6,
/// message kinds 15 and 16) that round-trip, reject garbage, and leave every older form's bytes as they were.
/// </summary>
public class RaftContextCodecTests
{
    private static readonly Gen<RaftConfiguration> Addressed =
        from ids in Gen.Shuffle(Enumerable.Range(1, 9).ToArray())
        from v in Gen.Choose(1, 5)
        from l in Gen.Choose(0, 3)
        from ports in Gen.ArrayOf(Gen.Choose(1, 65535), 9)
        from keep in Gen.ArrayOf(ArbMap.Default.GeneratorFor<bool>(), 9)
        select new RaftConfiguration(ids.Take(v), ids.Skip(v).Take(l),
            ids.Take(v + l).Where((_, i) => keep[i] || i == 0).Select((id, i) => KeyValuePair.Create(id, $"http://127.0.0.1:{ports[i]}")));

    private static string Show(RaftConfiguration c) =>
        $"{c} [{string.Join(",", c.Contexts.Select(p => $"{p.Key}={p.Value}"))}]";

    private static string Show(RaftEntry e) => $"{e.Term}/{e.Index}/{Convert.ToHexString(e.Data)}/{(e.Configuration is { } c ? Show(c) : "-")}";

    [Fact]
    public void RecordCodec_EntriesWithAddressedConfigurations_RoundTrip()
    {
        var gen = from c in Addressed from t in Gen.Choose(1, 100) from plain in Gen.Choose(0, 3)
                  select new RaftRecord.EntriesRecord([new RaftEntry(t, 1, [1, 2]), new RaftEntry(t, 2, []) { Configuration = c }, .. Enumerable.Range(3, plain).Select(i => new RaftEntry(t, i, [(byte)i]))]);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(gen.ToArbitrary(), record =>
        {
            byte[] bytes = RaftRecordCodec.Instance.Encode(record);
            var back = (RaftRecord.EntriesRecord)RaftRecordCodec.Instance.Decode(bytes);
            Assert.Equal(4, bytes[0]); // the typed entries kind, with entry type 2 inside
            Assert.Equal(record.Entries.Select(Show), back.Entries.Select(Show));
        }));
    }

    [Fact]
    public void SnapshotAndAppend_AddressedConfiguration_NewKindsRoundTrip()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Addressed.ToArbitrary(), c =>
        {
            var snapshot = new RaftSnapshot(9, 3, [7]) { Configuration = c };
            byte[] record = RaftRecordCodec.Instance.Encode(new RaftRecord.SnapshotRecord(snapshot));
            byte[] install = RaftMessageCodec.Instance.Encode(new RaftMessage.InstallSnapshot(4, snapshot));
            byte[] append = RaftMessageCodec.Instance.Encode(new RaftMessage.AppendRequest(4, 0, 0, [new RaftEntry(4, 1, []) { Configuration = c }], 0));

            Assert.Equal((6, 15, 12), (record[0], install[0], append[0]));
            Assert.Equal(c, ((RaftRecord.SnapshotRecord)RaftRecordCodec.Instance.Decode(record)).Snapshot.Configuration);
            Assert.Equal(c, ((RaftMessage.InstallSnapshot)RaftMessageCodec.Instance.Decode(install)).Snapshot.Configuration);
            Assert.Equal(c, ((RaftMessage.AppendRequest)RaftMessageCodec.Instance.Decode(append)).Entries[0].Configuration);
        }));
    }

    [Fact]
    public void ClientConfChange_WithContext_Kind16RoundTrips_WithoutKeepsKind14()
    {
        var with = new RaftMessage.ClientConfChange(5, new RaftConfChange(RaftConfChangeType.AddLearner, 4) { Context = "http://127.0.0.1:2386" });
        var without = new RaftMessage.ClientConfChange(5, new RaftConfChange(RaftConfChangeType.RemoveServer, 4));

        byte[] a = RaftMessageCodec.Instance.Encode(with), b = RaftMessageCodec.Instance.Encode(without);

        Assert.Equal((16, 14), (a[0], b[0]));
        Assert.Equal(with, RaftMessageCodec.Instance.Decode(a));
        Assert.Equal(without, RaftMessageCodec.Instance.Decode(b));
        Assert.Equal("0E050404", Convert.ToHexString(b)); // kind 14, tag 5, type 4, node 4: the bytes of before
    }

    [Fact]
    public void Decode_ContextForANonMemberOrInvalidUtf8_FormatException()
    {
        var c = new RaftConfiguration([1, 2], [], [KeyValuePair.Create(1, "a")]);
        byte[] good = RaftRecordCodec.Instance.Encode(new RaftRecord.SnapshotRecord(new RaftSnapshot(1, 1, []) { Configuration = c }));
        // Layout: kind, index, term, data length, voters (count 2: 1, 2), learners (0), contexts (count 1: id 1, "a").
        Assert.Equal("0601010002010200010101" + "61", Convert.ToHexString(good));

        byte[] stranger = good.ToArray();
        stranger[^3] = 7; // the context's id: 7 is not a member
        byte[] garbled = good.ToArray();
        garbled[^1] = 0xff; // not UTF-8

        Assert.Throws<FormatException>(() => RaftRecordCodec.Instance.Decode(stranger));
        Assert.Throws<FormatException>(() => RaftRecordCodec.Instance.Decode(garbled));
        Assert.Throws<FormatException>(() => RaftRecordCodec.Instance.Decode(good.AsSpan(0, good.Length - 1)));
    }

    [Fact]
    public void Configuration_ContextsThroughChanges_AddKeepsPromoteKeepsRemoveDrops()
    {
        var c = new RaftConfiguration([1, 2, 3], [], new Dictionary<int, string> { [1] = "a", [2] = "b", [3] = "c", [9] = "stranger" });
        Assert.Equal([1, 2, 3], c.Contexts.Keys); // a context is kept only for a member

        c = c.Apply(new RaftConfChange(RaftConfChangeType.AddLearner, 4) { Context = "d" });
        Assert.Equal("d", c.Contexts[4]);
        c = c.Apply(new RaftConfChange(RaftConfChangeType.PromoteLearner, 4));
        Assert.Equal(("d", true), (c.Contexts[4], c.IsVoter(4)));
        c = c.Apply(new RaftConfChange(RaftConfChangeType.RemoveServer, 1));

        Assert.Equal(new Dictionary<int, string> { [2] = "b", [3] = "c", [4] = "d" }, c.Contexts);
        Assert.NotEqual(new RaftConfiguration([2, 3, 4], []), c); // contexts are part of the value
        Assert.Equal(new RaftConfiguration([2, 3, 4], [], new Dictionary<int, string> { [4] = "d", [3] = "c", [2] = "b" }), c);
        Assert.Equal(new RaftConfiguration([2, 3, 4], [], new Dictionary<int, string> { [4] = "d", [3] = "c", [2] = "b" }).GetHashCode(), c.GetHashCode());
    }

    [Fact]
    public void Configuration_RandomChanges_ContextsMatchASimpleModel()
    {
        // Reference: a dictionary updated by the rule in words (add with context sets, remove deletes, else unchanged).
        var changes = Gen.ListOf(from t in Gen.Elements(Enum.GetValues<RaftConfChangeType>()) from n in Gen.Choose(1, 6) from ctx in Gen.Elements<string?>(null, "x", "y")
                                 select new RaftConfChange(t, n) { Context = ctx });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(changes.ToArbitrary(), list =>
        {
            var c = new RaftConfiguration([1], []);
            var model = new Dictionary<int, string>();
            foreach (RaftConfChange change in list)
            {
                if (c.Check(change) is not null)
                {
                    continue;
                }

                c = c.Apply(change);
                if (change.Type == RaftConfChangeType.RemoveServer)
                {
                    model.Remove(change.Node);
                }
                else if (change.Context is { } ctx)
                {
                    model[change.Node] = ctx;
                }
            }

            Assert.Equal(model.OrderBy(p => p.Key), c.Contexts.OrderBy(p => p.Key));
            Assert.All(c.Contexts.Keys, id => Assert.True(c.IsMember(id)));
        }));
    }
}
