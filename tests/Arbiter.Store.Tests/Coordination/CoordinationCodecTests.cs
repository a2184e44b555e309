using Arbiter.Store.Coordination;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Store.Tests.Coordination;

public class CoordinationCodecTests
{
    private static readonly Gen<string> Names = Gen.Elements("m", "lock/é", "", "a-long-resource-name/with/slashes", "😀");

    private static readonly Gen<string?> OptionalNames = Gen.OneOf(Gen.Constant<string?>(null), Names.Select(s => (string?)s));

    private static readonly Gen<long> Leases = Gen.OneOf(Gen.Choose(0, 1000).Select(i => (long)i), Gen.Elements(long.MaxValue, long.MinValue, -1L, 1L << 40));

    private static readonly Gen<int> Ints = Gen.OneOf(Gen.Choose(0, 300), Gen.Elements(int.MaxValue, -1));

    private static readonly Gen<CoordinationCommand> Commands = Gen.OneOf(
        from r in Names from l in Leases from n in OptionalNames from t in Gen.Elements(true, false) select (CoordinationCommand)new LockCommand(r, l, n, t),
        from r in Names from w in Gen.Elements(true, false) from l in Leases from n in OptionalNames from t in Gen.Elements(true, false) select (CoordinationCommand)new ReadWriteLockCommand(r, w, l, n, t),
        from r in Names from p in Ints from u in Ints from l in Leases from n in OptionalNames from t in Gen.Elements(true, false) select (CoordinationCommand)new AcquireCommand(r, p, u, l, n, t),
        from r in Names from l in Leases select (CoordinationCommand)new ReleaseCommand(r, l),
        from r in Names from p in Ints from l in Leases from n in OptionalNames select (CoordinationCommand)new ArriveCommand(r, p, l, n),
        from r in Names from v in Names from l in Leases from n in OptionalNames select (CoordinationCommand)new CampaignCommand(r, v, l, n),
        from r in Names from v in Names from l in Leases select (CoordinationCommand)new ProclaimCommand(r, v, l),
        from r in Names from l in Leases select (CoordinationCommand)new ResignCommand(r, l),
        from l in Leases select (CoordinationCommand)new LeaseEndedCommand(l));

    [Fact]
    public void Decode_EncodedRandomCommand_RoundTrips()
    {
        Prop.ForAll(Commands.ToArbitrary(), command => Assert.Equal(command, CoordinationCodec.Decode(CoordinationCodec.Encode(command))))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(5000));
    }

    [Fact]
    public void Decode_TruncatedOrPaddedEntry_FormatException()
    {
        Prop.ForAll(Commands.ToArbitrary(), command =>
        {
            byte[] bytes = CoordinationCodec.Encode(command);
            for (int cut = 0; cut < bytes.Length; cut++)
            {
                Assert.Throws<FormatException>(() => CoordinationCodec.Decode(bytes.AsSpan(0, cut)));
            }

            Assert.Throws<FormatException>(() => CoordinationCodec.Decode([.. bytes, 0]));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Encode_LockCommand_IsCompact()
    {
        // tag 1, "m" (length 1 + 1 byte), lease 5 (1 byte), no name (1 byte), flags (1 byte) = 6 bytes.
        Assert.Equal(new byte[] { 1, 1, (byte)'m', 5, 0, 0 }, CoordinationCodec.Encode(new LockCommand("m", 5)));
    }

    [Fact]
    public void Apply_DecodedCommands_SameOutcomeAsDirectCalls()
    {
        var direct = new Coordinator();
        var viaLog = new Coordinator();
        CoordinationCommand[] log = [new LockCommand("m1", 1, "A"), new LockCommand("m2", 2, "B"), new LockCommand("m2", 1), new LockCommand("m1", 2)];
        Assert.IsType<Granted>(direct.Lock("m1", 1, 1, "A").Result);
        direct.Lock("m2", 2, 2, "B");
        direct.Lock("m2", 1, 3);
        var expected = direct.Lock("m1", 2, 4);
        CoordinationOutcome? last = null;
        for (int i = 0; i < log.Length; i++)
        {
            last = viaLog.Apply(CoordinationCodec.Decode(CoordinationCodec.Encode(log[i])), i + 1);
        }

        Assert.Equal(CoordinationErrorCode.Deadlock, ((CoordinationError)last!.Result).Code);
        Assert.Equal(((CoordinationError)expected.Result).Deadlock!.Describe(), ((CoordinationError)last.Result).Deadlock!.Describe());
        Assert.Equal(direct.Snapshot(), viaLog.Snapshot());
    }
}
