using System.Text;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Store;
using Arbiter.Store.Gateway;

namespace Arbiter.Cli.Tests.Commands.Store;

/// <summary>The txn file: YAML read into etcd's wire transaction, and its errors with line and field.</summary>
public class TxnDocumentTests
{
    private static WireTxnRequest Parse(string yaml) => TxnDocument.Read(TxnDocument.ParseYaml("<stdin>", yaml));

    [Fact]
    public void Read_EveryTargetAndOperation_MapsToTheWireFields()
    {
        WireTxnRequest txn = Parse("""
            compare:
              - {key: a, target: value, operand: x}
              - {key: b, target: version, result: ">", operand: 2}
              - {key: c, target: create, result: "<", operand: 7}
              - {key: d, target: mod, result: "!=", operand: 9}
              - {key: e, target: lease, operand: 1f}
            success:
              - put: {key: p, value: v, lease: 0x2a}
              - get: {key: "g/", prefix: true, keys_only: true, limit: 5}
            failure:
              - del: {key: "d/", prefix: true}
            """);

        Assert.Equal(
            ["VALUE EQUAL a x", "VERSION GREATER b 2", "CREATE LESS c 7", "MOD NOT_EQUAL d 9", "LEASE EQUAL e 31"],
            txn.Compare!.Select(c => $"{c.Target} {c.Result} {Encoding.UTF8.GetString(c.Key!)} {(c.Value is { } v ? Encoding.UTF8.GetString(v) : (c.Version + c.CreateRevision + c.ModRevision + c.Lease).ToString(System.Globalization.CultureInfo.InvariantCulture))}"));
        Assert.Equal(42, txn.Success![0].RequestPut!.Lease);
        WireRangeRequest get = txn.Success[1].RequestRange!;
        Assert.Equal(("g0", true, 5L), (Encoding.UTF8.GetString(get.RangeEnd!), get.KeysOnly, get.Limit)); // '/' + 1 = '0'
        Assert.Equal("d0", Encoding.UTF8.GetString(txn.Failure![0].RequestDeleteRange!.RangeEnd!));
    }

    [Theory]
    [InlineData("compare: [{key: k, target: value}]", "<stdin>:1: compare[0]: missing field 'operand'")]
    [InlineData("success:\n  - put: {key: k}\n", "<stdin>:2: success[0].put: missing field 'value'")]
    [InlineData("success:\n  - {put: {key: k, value: v}, del: {key: k}}\n", "<stdin>:2: success[0]: each operation is exactly one of put, get, del")]
    [InlineData("success:\n  - copy: {key: k}\n", "<stdin>:2: success[0].copy: unknown operation 'copy' (expected put, get or del)")]
    [InlineData("compare:\n  - {key: k, target: version, result: \"~\", operand: 1}\n", "<stdin>:2: compare[0].result: '~' is not one of =, !=, <, >")]
    [InlineData("compare:\n  - {key: k, target: version, operand: -1}\n", "<stdin>:2: compare[0].operand: expected a whole number ≥ 0, got '-1'")]
    [InlineData("succes: []\n", "<stdin>:1: succes: unknown field 'succes' (did you mean 'success'?)")]
    [InlineData("{}", "<stdin>:1: a transaction needs compare, success or failure")]
    public void Read_BadDocument_ErrorNamesLineAndField(string yaml, string expected)
    {
        var e = Assert.Throws<InputException>(() => Parse(yaml));

        Assert.Equal(expected, e.Message);
    }
}
