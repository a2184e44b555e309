using Arbiter.Store.Commands;
using Arbiter.Store.Leases;
using Arbiter.Store.Mvcc;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Store.Tests.StateMachine;

/// <summary>
/// FsCheck generators of store commands over a small key space (so keys collide, ranges overlap and compares hit),
/// every range_end form, every compare target and result, revisions around the live ones, leases 1–4.
/// </summary>
internal static class CommandGen
{
    private static readonly byte[][] Keys = [[0x61], [0x62], [0x63], [0x61, 0x62], [0x62, 0xff], [0xff], [0x61, 0x00]];

    public static Gen<byte[]> Key() => Gen.Frequency((30, Gen.Elements(Keys)), (1, Gen.Constant(Array.Empty<byte>())));

    public static Gen<byte[]> Value() => Gen.Elements<byte[]>([], [1], [2], [1, 2], [0xff]);

    // Empty (single key), "\0" (all keys >= key), a key (explicit end, sometimes below the start), a prefix end.
    public static Gen<byte[]> RangeEnd() => Gen.Frequency(
        (4, Gen.Constant(Array.Empty<byte>())),
        (2, Gen.Constant(new byte[] { 0 })),
        (3, Gen.Elements(Keys)),
        (2, Gen.Elements(Keys).Select(KeyRange.PrefixEnd)));

    public static Gen<long> Rev() => Gen.Frequency((3, Gen.Constant(0L)), (5, Gen.Choose(1, 14).Select(i => (long)i)));

    public static Gen<long> LeaseId() => Gen.Frequency((6, Gen.Constant(0L)), (3, Gen.Choose(1, 4).Select(i => (long)i)));

    public static Gen<PutRequest> Put() =>
        from key in Key()
        from value in Value()
        from lease in LeaseId()
        from flags in Gen.Choose(0, 31)
        select new PutRequest
        {
            Key = key, Value = (flags & 8) != 0 ? [] : value, Lease = (flags & 16) != 0 ? 0 : lease,
            PrevKv = (flags & 1) != 0, IgnoreValue = (flags & 14) == 2, IgnoreLease = (flags & 22) == 4,
        };

    public static Gen<DeleteRangeRequest> Delete() =>
        from key in Key()
        from end in RangeEnd()
        from prev in Gen.Elements(false, true)
        select new DeleteRangeRequest { Key = key, RangeEnd = end, PrevKv = prev };

    public static Gen<RangeRequest> Range() =>
        from key in Key()
        from end in RangeEnd()
        from rev in Rev()
        from limit in Gen.Frequency((3, Gen.Constant(0L)), (1, Gen.Choose(1, 3).Select(i => (long)i)))
        from flags in Gen.Choose(0, 7)
        select new RangeRequest
        {
            Key = key, RangeEnd = end, Revision = rev, Limit = limit,
            KeysOnly = (flags & 1) != 0, CountOnly = (flags & 2) != 0, Serializable = (flags & 4) != 0,
        };

    public static Gen<Compare> Compare() =>
        from target in Gen.Elements(Enum.GetValues<CompareTarget>())
        from result in Gen.Elements(Enum.GetValues<CompareResult>())
        from key in Gen.Elements(Keys)
        from end in Gen.Frequency((4, Gen.Constant(Array.Empty<byte>())), (1, RangeEnd()))
        from number in Gen.Choose(0, 8)
        from value in Value()
        select target == CompareTarget.Value
            ? new Compare { Target = target, Result = result, Key = key, RangeEnd = end, Value = value }
            : new Compare { Target = target, Result = result, Key = key, RangeEnd = end, Number = number };

    public static Gen<RequestOp> Op() => Gen.Frequency(
        (2, Range().Select(r => new RequestOp { RequestRange = r })),
        (3, Put().Select(p => new RequestOp { RequestPut = p })),
        (1, Delete().Select(d => new RequestOp { RequestDeleteRange = d })));

    public static Gen<TxnRequest> Txn() =>
        from nc in Gen.Choose(0, 3)
        from compares in Gen.ArrayOf(Compare(), nc)
        from ns in Gen.Choose(0, 3)
        from success in Gen.ArrayOf(Op(), ns)
        from nf in Gen.Choose(0, 2)
        from failure in Gen.ArrayOf(Op(), nf)
        select new TxnRequest { Compare = compares, Success = success, Failure = failure };

    public static Gen<StoreCommand> Command() => Gen.Frequency(
        (30, Put().Select(p => (StoreCommand)new PutCommand(p))),
        (8, Delete().Select(d => (StoreCommand)new DeleteRangeCommand(d))),
        (18, Txn().Select(t => (StoreCommand)new TxnCommand(t))),
        (3, Gen.Choose(0, 14).Select(r => (StoreCommand)new CompactCommand(new CompactionRequest { Revision = r }))),
        (7, (from id in LeaseId()
             from ttl in Gen.Frequency((8, Gen.Choose(0, 10).Select(i => (long)i)), (1, Gen.Constant(9_000_000_001L)))
             from neg in Gen.Frequency((20, Gen.Constant(false)), (1, Gen.Constant(true)))
             select (StoreCommand)new LeaseGrantCommand(new LeaseGrantRequest { Id = neg ? -1 : id, Ttl = ttl }))),
        (3, Gen.Choose(1, 5).Select(id => (StoreCommand)new LeaseRevokeCommand(new LeaseRevokeRequest { Id = id }))),
        (3, Gen.ListOf(Gen.Choose(1, 5).Select(i => (long)i)).Select(ids => (StoreCommand)new LeaseExpireCommand([.. ids.Take(4)]))));

    public static Gen<StoreCommand[]> Commands(int max) =>
        from n in Gen.Choose(1, max)
        from commands in Gen.ArrayOf(Command(), n)
        select commands;

    public static string Describe(IEnumerable<StoreCommand> commands) =>
        string.Join("\n", commands.Select(c => Convert.ToHexString(StoreCommandCodec.Encode(c))));
}
