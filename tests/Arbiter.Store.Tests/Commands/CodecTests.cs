using Arbiter.Store.Commands;
using Arbiter.Store.Mvcc;
using Arbiter.Store.Tests.StateMachine;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Store.Tests.Commands;

/// <summary>The log-entry codec: round trips, compactness, refusal of damaged input, extension commands.</summary>
public sealed class CodecTests
{
    [Fact]
    public void EncodeDecode_RandomCommands_RoundTrip()
    {
        var codec = new StoreCommandCodec();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), Prop.ForAll(CommandGen.Command().ToArbitrary(), command =>
        {
            var bytes = StoreCommandCodec.Encode(command);
            var back = codec.Decode(bytes);
            Assert.Equal(command.GetType(), back.GetType());
            // Same bytes again means every field survived (the encoding is a function of the fields).
            Assert.Equal(bytes, StoreCommandCodec.Encode(back));
            Assert.Equal(Describe(command), Describe(back));
        }));
    }

    [Fact]
    public void Decode_EveryTruncation_ThrowsInvalidData()
    {
        var codec = new StoreCommandCodec();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(CommandGen.Command().ToArbitrary(), command =>
        {
            var bytes = StoreCommandCodec.Encode(command);
            for (int n = 0; n < bytes.Length; n++)
            {
                Assert.Throws<InvalidDataException>(() => codec.Decode(bytes.AsSpan(0, n)));
            }

            Assert.Throws<InvalidDataException>(() => codec.Decode([.. bytes, 0]));
        }));
    }

    [Fact]
    public void Encode_SmallPut_IsCompact()
    {
        var bytes = StoreCommandCodec.Encode(new PutCommand(new PutRequest { Key = new byte[16], Value = new byte[100] }));
        // format, tag, key length + 16, value length + 100, lease, flags
        Assert.Equal(1 + 1 + 1 + 16 + 1 + 100 + 1 + 1, bytes.Length);
    }

    [Fact]
    public void Decode_UnknownExtensionKind_Throws_RegisteredKindRoundTrips()
    {
        var command = new Fence(7, "holder");
        var bytes = StoreCommandCodec.Encode(command);
        Assert.Throws<InvalidDataException>(() => new StoreCommandCodec().Decode(bytes));
        var codec = new StoreCommandCodec();
        codec.Register(Fence.KindId, Fence.Read);
        Assert.Equal(command, codec.Decode(bytes));
    }

    private static string Describe(StoreCommand c) => c switch
    {
        PutCommand p => $"put {Canon.Bytes(p.Request.Key)} {Canon.Bytes(p.Request.Value)} {p.Request.Lease} {p.Request.PrevKv}{p.Request.IgnoreValue}{p.Request.IgnoreLease}",
        LeaseExpireCommand e => $"expire {string.Join(",", e.Ids)}",
        TxnCommand t => $"txn {t.Request.Compare.Count}/{t.Request.Success.Count}/{t.Request.Failure.Count} " +
            string.Join(",", t.Request.Compare.Select(x => $"{x.Target}{x.Result}{Canon.Bytes(x.Key)}{Canon.Bytes(x.RangeEnd)}{x.Number}{Canon.Bytes(x.Value)}")),
        _ => c.GetType().Name,
    };

    private sealed record Fence(long Token, string Holder) : ExtensionCommand
    {
        public const ushort KindId = 300;

        public override ushort Kind => KindId;

        public override void WriteBody(CommandWriter writer)
        {
            writer.WriteVarInt(Token);
            writer.WriteBytes(System.Text.Encoding.UTF8.GetBytes(Holder));
        }

        public static Fence Read(ref CommandReader reader) =>
            new Fence(reader.ReadVarInt(), System.Text.Encoding.UTF8.GetString(reader.ReadBytes()));
    }
}
