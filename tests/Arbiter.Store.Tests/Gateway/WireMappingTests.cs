using Arbiter.Store.Gateway;
using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Tests.Gateway;

public class WireMappingTests
{
    [Theory]
    [InlineData("VERSION", CompareTarget.Version, 7L)]
    [InlineData("CREATE", CompareTarget.Create, 8L)]
    [InlineData("MOD", CompareTarget.Mod, 9L)]
    [InlineData("LEASE", CompareTarget.Lease, 10L)]
    [InlineData(null, CompareTarget.Version, 7L)] // etcd's default target is VERSION (enum 0)
    public void ToDomain_Compare_OperandIsTheFieldOfTheTarget(string? target, CompareTarget expected, long operand)
    {
        var wire = new WireCompare { Target = target, Key = [1], Version = 7, CreateRevision = 8, ModRevision = 9, Lease = 10 };

        Compare compare = WireMapping.ToDomain(wire);

        Assert.Equal((expected, operand, CompareResult.Equal), (compare.Target, compare.Number, compare.Result));
    }

    [Fact]
    public void ToDomain_UnknownTargetOrResult_FormatExceptionNamesIt()
    {
        var target = Assert.Throws<FormatException>(() => WireMapping.ToDomain(new WireCompare { Target = "SIZE", Key = [1] }));
        var result = Assert.Throws<FormatException>(() => WireMapping.ToDomain(new WireCompare { Result = "ABOUT", Key = [1] }));

        Assert.Contains("'SIZE'", target.Message, StringComparison.Ordinal);
        Assert.Contains("'ABOUT'", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDomain_OperationWithTwoRequests_Refused()
    {
        var op = new WireRequestOp { RequestPut = new WirePutRequest { Key = [1] }, RequestRange = new WireRangeRequest { Key = [1] } };

        Assert.Throws<FormatException>(() => WireMapping.ToDomain(op));
        Assert.Throws<FormatException>(() => WireMapping.ToDomain(new WireRequestOp()));
    }

    [Fact]
    public void ToWire_DeleteEvent_TypedDeleteAndEmptyValueOmitted()
    {
        var e = new StoreEvent { Type = EventType.Delete, Kv = new KeyValue { Key = [1], ModRevision = 5 } };

        WireEvent wire = WireMapping.ToWire(e);

        Assert.Equal(("DELETE", 5L), (wire.Type, wire.Kv!.ModRevision));
        Assert.Null(wire.Kv.Value);
        Assert.Null(WireMapping.ToWire(new StoreEvent { Kv = new KeyValue { Key = [1] } }).Type); // PUT is the zero value, omitted
    }

    [Theory]
    [InlineData(StoreError.Compacted, 11)]
    [InlineData(StoreError.FutureRevision, 11)]
    [InlineData(StoreError.LeaseNotFound, 5)]
    [InlineData(StoreError.EmptyKey, 3)]
    [InlineData(StoreError.DuplicateKey, 3)]
    public void GrpcCode_AsEtcdGivesIt(StoreError error, int code) => Assert.Equal(code, WireMapping.GrpcCode(error));
}
