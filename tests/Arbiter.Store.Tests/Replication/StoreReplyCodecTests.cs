using Arbiter.Store.Mvcc;
using Arbiter.Store.Replication;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Store.Tests.Replication;

/// <summary>The reply and query encodings: FsCheck round trips, refusal of damaged input, compactness.</summary>
public sealed class StoreReplyCodecTests
{
    private static Gen<KeyValue> Kv() =>
        from key in Gen.Elements<byte[]>([0x61], [0x62, 0x63], [0xff, 0x00])
        from value in Gen.Elements<byte[]>([], [1], [1, 2, 3])
        from create in Gen.Choose(0, 1000)
        from mod in Gen.Choose(0, 100000)
        from version in Gen.Choose(0, 9)
        from lease in Gen.Choose(-3, 3)
        select new KeyValue { Key = key, Value = value, CreateRevision = create, ModRevision = mod, Version = version, Lease = lease };

    private static Gen<StoreReply> Reply() =>
        from kind in Gen.Elements(Enum.GetValues<StoreReplyKind>())
        from revision in Gen.Choose(-5, int.MaxValue).Select(i => (long)i * 3)
        from error in Gen.Elements(Enum.GetValues<StoreError>().Where(e => e != StoreError.None).ToArray())
        from message in Gen.Elements("", "etcdserver: key not found", "Granted", "ünïcode ✓")
        from n in Gen.Choose(0, 4)
        from kvs in Gen.ArrayOf(Kv(), n)
        from count in Gen.Choose(0, 50)
        from flag in Gen.Elements(true, false)
        from number in Gen.Choose(0, int.MaxValue)
        select kind switch
        {
            StoreReplyKind.Error => new StoreReply { Kind = kind, Revision = revision, Error = error, Message = message },
            StoreReplyKind.DeleteRange => new StoreReply { Kind = kind, Revision = revision, Deleted = count },
            StoreReplyKind.Txn => new StoreReply { Kind = kind, Revision = revision, Succeeded = flag, Kvs = [.. kvs] },
            StoreReplyKind.Range => new StoreReply { Kind = kind, Revision = revision, Kvs = [.. kvs], Count = count, More = flag },
            StoreReplyKind.LeaseGrant => new StoreReply { Kind = kind, Revision = revision, LeaseId = number, LeaseTtl = count },
            StoreReplyKind.Coordination => new StoreReply { Kind = kind, Revision = revision, Message = message },
            _ => new StoreReply { Kind = kind, Revision = revision },
        };

    /// <summary>Every field, written out, so that two replies compare by content (KeyValue has no equality).</summary>
    internal static string Describe(StoreReply r) =>
        $"{r.Kind} rev={r.Revision} err={r.Error} msg='{r.Message}' count={r.Count} more={r.More} del={r.Deleted} ok={r.Succeeded} " +
        $"lease={r.LeaseId}/{r.LeaseTtl} kvs=[{string.Join(";", r.Kvs.Select(k => $"{Convert.ToHexString(k.Key)}={Convert.ToHexString(k.Value)}@{k.CreateRevision}/{k.ModRevision}/{k.Version}/{k.Lease}"))}]";

    [Fact]
    public void EncodeDecode_RandomReplies_RoundTrip()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(Reply().ToArbitrary(), reply =>
        {
            StoreReply back = StoreReplyCodec.Decode(StoreReplyCodec.Encode(reply));
            Assert.Equal(Describe(reply), Describe(back));
        }));
    }

    [Fact]
    public void Decode_EveryTruncationAndPadding_ThrowsInvalidData()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Reply().ToArbitrary(), reply =>
        {
            byte[] bytes = StoreReplyCodec.Encode(reply);
            for (int n = 0; n < bytes.Length; n++)
            {
                Assert.Throws<InvalidDataException>(() => StoreReplyCodec.Decode(bytes.AsSpan(0, n)));
            }

            Assert.Throws<InvalidDataException>(() => StoreReplyCodec.Decode([.. bytes, 0]));
        }));
    }

    [Fact]
    public void Decode_UnknownKindOrFormat_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => StoreReplyCodec.Decode([StoreReplyCodec.Format, 99, 0]));
        Assert.Throws<InvalidDataException>(() => StoreReplyCodec.Decode([2, (byte)StoreReplyKind.Put, 0]));
    }

    [Fact]
    public void Encode_PutReply_IsAFewBytes()
    {
        // format, kind, revision 1000 as a zigzag varint (2000 needs two bytes).
        Assert.Equal(4, StoreReplyCodec.Encode(new StoreReply { Kind = StoreReplyKind.Put, Revision = 1000 }).Length);
    }

    [Fact]
    public void QueryEncodeDecode_RandomRanges_RoundTrip()
    {
        var gen =
            from key in Gen.Elements<byte[]>([0x61], [], [0x00, 0xff])
            from end in Gen.Elements<byte[]>([], [0], [0x7a])
            from limit in Gen.Choose(0, 100)
            from revision in Gen.Choose(-1, 100000)
            from flags in Gen.Choose(0, 3)
            select new RangeRequest { Key = key, RangeEnd = end, Limit = limit, Revision = revision, KeysOnly = (flags & 1) != 0, CountOnly = (flags & 2) != 0 };
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(gen.ToArbitrary(), request =>
        {
            byte[] bytes = StoreQuery.Encode(request);
            RangeRequest back = StoreQuery.Decode(bytes);
            Assert.Equal((Convert.ToHexString(request.Key), Convert.ToHexString(request.RangeEnd), request.Limit, request.Revision, request.KeysOnly, request.CountOnly),
                (Convert.ToHexString(back.Key), Convert.ToHexString(back.RangeEnd), back.Limit, back.Revision, back.KeysOnly, back.CountOnly));
            for (int n = 0; n < bytes.Length; n++)
            {
                Assert.Throws<InvalidDataException>(() => StoreQuery.Decode(bytes.AsSpan(0, n)));
            }
        }));
    }
}
