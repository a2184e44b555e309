using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Distributed.Tests.Raft;

public class RaftCodecTests
{
    private static readonly Gen<long> Num = Gen.OneOf(Gen.Choose(0, 1000).Select(i => (long)i), ArbMap.Default.GeneratorFor<long>());
    private static readonly Gen<byte[]> Bytes = Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>()).Select(b => b.Take(40).ToArray());
    private static readonly Gen<bool> Bool = ArbMap.Default.GeneratorFor<bool>();
    private static readonly Gen<RaftConfiguration> Conf =
        from ids in Gen.Shuffle(Enumerable.Range(1, 9).ToArray()) from v in Gen.Choose(0, 5) from l in Gen.Choose(0, 3)
        select new RaftConfiguration(ids.Take(v), ids.Skip(v).Take(l));

    private static readonly Gen<RaftConfiguration?> MaybeConfig = Gen.OneOf(Gen.Constant<RaftConfiguration?>(null), Conf.Select(c => (RaftConfiguration?)c));

    private static readonly Gen<RaftEntry> Entry = from t in Num from i in Num from d in Bytes from c in MaybeConfig select new RaftEntry(t, i, d) { Configuration = c };
    private static readonly Gen<RaftSnapshot> Snap = from i in Num from t in Num from d in Bytes from c in MaybeConfig select new RaftSnapshot(i, t, d) { Configuration = c };

    private static readonly Gen<RaftMessage> Message = Gen.OneOf(
        from a in Num from b in Num from c in Num from p in Bool from x in Bool select (RaftMessage)new RaftMessage.VoteRequest(a, b, c, p, x),
        from a in Num from g in Bool from p in Bool select (RaftMessage)new RaftMessage.VoteResponse(a, g, p),
        from a in Num from b in Num from c in Num from es in Gen.ListOf(Entry) from d in Num select (RaftMessage)new RaftMessage.AppendRequest(a, b, c, [.. es.Take(6)], d),
        from a in Num from s in Bool from b in Num from c in Num from d in Num select (RaftMessage)new RaftMessage.AppendResponse(a, s, b, c, d),
        from a in Num from b in Num from c in Num select (RaftMessage)new RaftMessage.Heartbeat(a, b, c),
        from a in Num from b in Num select (RaftMessage)new RaftMessage.HeartbeatResponse(a, b),
        from a in Num from s in Snap select (RaftMessage)new RaftMessage.InstallSnapshot(a, s),
        Num.Select(a => (RaftMessage)new RaftMessage.TimeoutNow(a)),
        from a in Num from d in Bytes select (RaftMessage)new RaftMessage.ClientPropose(a, d),
        from a in Num from t in Gen.Elements(Enum.GetValues<RaftConfChangeType>()) from n in Gen.Choose(1, 1000)
        select (RaftMessage)new RaftMessage.ClientConfChange(a, new RaftConfChange(t, n)),
        from a in Num from d in Bytes from m in Gen.Elements(Enum.GetValues<RaftReadMode>()) select (RaftMessage)new RaftMessage.ClientRead(a, d, m),
        from a in Num from s in Gen.Elements(Enum.GetValues<RaftReplyStatus>()) from l in Gen.Choose(0, 100) from i in Num from d in Bytes
        select (RaftMessage)new RaftMessage.ClientReply(a, s, l, i, d));

    private static readonly Gen<RaftRecord> Record = Gen.OneOf(
        from a in Num from v in Gen.Choose(0, 9) from c in Num from r in Bool select (RaftRecord)new RaftRecord.HardStateRecord(new HardState(a, v, c, r)),
        Gen.ListOf(Entry).Select(es => (RaftRecord)new RaftRecord.EntriesRecord([.. es.Take(6)])),
        Snap.Select(s => (RaftRecord)new RaftRecord.SnapshotRecord(s)));

    /// <summary>Structural equality through byte arrays and entry lists (records compare those by reference).</summary>
    private static string Show(object value) => value switch
    {
        byte[] b => Convert.ToHexString(b),
        RaftEntry e => $"E({e.Term},{e.Index},{Show(e.Data)},{e.Configuration?.ToString() ?? "-"})",
        RaftSnapshot s => $"S({s.Index},{s.Term},{Show(s.Data)},{s.Configuration?.ToString() ?? "-"})",
        IEnumerable<RaftEntry> es => "[" + string.Join(",", es.Select(Show)) + "]",
        _ => string.Join("|", value.GetType().GetProperties().Where(p => p.Name != "EqualityContract").Select(p => p.Name + "=" + ShowLeaf(p.GetValue(value)))),
    };

    private static string ShowLeaf(object? v) => v switch
    {
        null => "null",
        byte[] or RaftEntry or RaftSnapshot or IEnumerable<RaftEntry> => Show(v),
        _ => v.ToString()!,
    };

    [Fact]
    public void MessageCodec_RandomMessages_RoundTrip()
    {
        Prop.ForAll(Message.ToArbitrary(), m =>
        {
            RaftMessage back = RaftMessageCodec.Instance.Decode(RaftMessageCodec.Instance.Encode(m));
            return back.GetType() == m.GetType() && Show(back) == Show(m);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void RecordCodec_RandomRecords_RoundTrip()
    {
        Prop.ForAll(Record.ToArbitrary(), r =>
        {
            RaftRecord back = RaftRecordCodec.Instance.Decode(RaftRecordCodec.Instance.Encode(r));
            return back.GetType() == r.GetType() && Show(back) == Show(r);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void MessageCodec_EveryTruncation_FormatException()
    {
        byte[] bytes = RaftMessageCodec.Instance.Encode(new RaftMessage.AppendRequest(3, 7, 2, [new RaftEntry(3, 8, [1, 2, 3])], 6));

        for (int cut = 0; cut < bytes.Length; cut++)
        {
            Assert.Throws<FormatException>(() => RaftMessageCodec.Instance.Decode(bytes.AsSpan(0, cut)));
        }

        Assert.Throws<FormatException>(() => RaftMessageCodec.Instance.Decode([.. bytes, 0])); // trailing garbage
        Assert.Throws<FormatException>(() => RaftMessageCodec.Instance.Decode([99])); // unknown kind
    }

    [Fact]
    public void RecordCodec_PlainEntriesAndSnapshots_KeepTheOriginalKindsAndBytes()
    {
        // Records written before membership changes: kind 2 = entries (count, then term, index, data), kind 3 = snapshot.
        byte[] oldEntries = [2, 1, 3, 8, 2, 0xAB, 0xCD];
        byte[] oldSnapshot = [3, 9, 2, 1, 0x42];

        var entries = Assert.IsType<RaftRecord.EntriesRecord>(RaftRecordCodec.Instance.Decode(oldEntries));
        var snapshot = Assert.IsType<RaftRecord.SnapshotRecord>(RaftRecordCodec.Instance.Decode(oldSnapshot));

        Assert.Equal("[E(3,8,ABCD,-)]", Show(entries.Entries));
        Assert.Equal("S(9,2,42,-)", Show(snapshot.Snapshot));
        Assert.Equal(oldEntries, RaftRecordCodec.Instance.Encode(entries));
        Assert.Equal(oldSnapshot, RaftRecordCodec.Instance.Encode(snapshot));
    }

    [Fact]
    public void RecordCodec_ConfigurationEntryAndSnapshot_NewKindsRoundTrip()
    {
        var config = new RaftConfiguration([1, 2, 3], [5]);
        var entries = new RaftRecord.EntriesRecord([new RaftEntry(3, 8, [1]), new RaftEntry(3, 9, []) { Configuration = config }]);
        var snapshot = new RaftRecord.SnapshotRecord(new RaftSnapshot(9, 3, [7]) { Configuration = config });

        byte[] e = RaftRecordCodec.Instance.Encode(entries), s = RaftRecordCodec.Instance.Encode(snapshot);

        Assert.Equal((4, 5), (e[0], s[0]));
        var back = (RaftRecord.EntriesRecord)RaftRecordCodec.Instance.Decode(e);
        Assert.Null(back.Entries[0].Configuration);
        Assert.Equal(config, back.Entries[1].Configuration);
        Assert.Equal(config, ((RaftRecord.SnapshotRecord)RaftRecordCodec.Instance.Decode(s)).Snapshot.Configuration);
    }

    [Fact]
    public void MessageCodec_ConfigurationWithDuplicateOrNonPositiveIds_FormatException()
    {
        // kind 13 (snapshot with configuration): term 1; index 1, term 1, no data; voters {2, 2}; no learners.
        Assert.Throws<FormatException>(() => RaftMessageCodec.Instance.Decode([13, 1, 1, 1, 0, 2, 2, 2, 0]));
        Assert.Throws<FormatException>(() => RaftMessageCodec.Instance.Decode([13, 1, 1, 1, 0, 1, 0, 0]));
        Assert.Throws<FormatException>(() => RaftMessageCodec.Instance.Decode([14, 1, 9, 1])); // no such change type
    }

    [Fact]
    public void MessageCodec_Heartbeat_IsSmall()
    {
        // kind byte + three varints below 128, one byte each.
        Assert.Equal(4, RaftMessageCodec.Instance.Encode(new RaftMessage.Heartbeat(12, 100, 3)).Length);
    }
}
