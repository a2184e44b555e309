using Arbiter.Core.Distributed.Linearizability;

namespace Arbiter.Core.Tests.Distributed.Linearizability;

public class HistoryReaderTests
{
    [Fact]
    public void Parse_EveryOperationKind_FieldsRead()
    {
        const string text = """
            {"client": 3, "op": "put", "key": "k", "value": "v", "call": 120, "return": 180, "status": "ok"}

            {"client": 4, "op": "get", "key": "k", "call": 130, "return": 190, "output": "v", "status": "ok"}
            {"client": 5, "op": "cas", "key": "k", "value": "w", "expected": null, "call": 200, "return": 210, "output": false, "status": "ok"}
            {"client": 6, "op": "del", "key": "k", "call": 220, "status": "unknown", "extra": [1, 2]}
            {"client": 7, "op": "get", "key": "k", "call": 230, "return": 240, "output": null, "status": "fail"}
            """;

        var ops = HistoryReader.Parse(text, "h.jsonl");

        Assert.Equal(5, ops.Count);
        Assert.Equal(new HistoryOperation { Client = 3, Op = KvOperationKind.Put, Key = "k", Value = "v", Call = 120, Return = 180, Status = OperationStatus.Ok, Line = 1 }, ops[0]);
        Assert.Equal(("v", 3), (ops[1].Output, ops[1].Line));
        Assert.Equal((KvOperationKind.Cas, (string?)null, "w", (bool?)false), (ops[2].Op, ops[2].Expected, ops[2].Value, ops[2].Succeeded));
        Assert.Equal((OperationStatus.Unknown, (long?)null, long.MaxValue), (ops[3].Status, ops[3].Return, ops[3].EffectiveReturn));
        Assert.Equal(OperationStatus.Fail, ops[4].Status);
    }

    [Theory]
    [InlineData("""{"client": 1, "op": "put", "key": "k", "value": "v", "call": 20, "return": 10, "status": "ok"}""", "h.jsonl:1: 'return' is before 'call'")]
    [InlineData("""{"client": 1, "op": "inc", "key": "k", "call": 1, "return": 2, "status": "ok"}""", "h.jsonl:1: 'op': 'inc' is not one of get, put, cas, del")]
    [InlineData("""{"client": 1, "op": "get", "key": "k", "call": 1, "return": 2, "status": "maybe"}""", "h.jsonl:1: 'status': 'maybe' is not one of ok, fail, unknown")]
    [InlineData("""{"client": 1, "op": "get", "key": "k", "call": 1, "status": "ok"}""", "h.jsonl:1: 'return' is missing (only an unknown operation may have none)")]
    [InlineData("""{"client": 1, "op": "get", "key": "k", "call": "1", "return": 2, "status": "ok"}""", "h.jsonl:1: 'call' must be an integer, got \"1\"")]
    [InlineData("""{"client": 1, "op": "get", "key": 7, "call": 1, "return": 2, "status": "ok"}""", "h.jsonl:1: 'key' must be a string, got 7")]
    [InlineData("""{"op": "get", "key": "k", "call": 1, "return": 2, "status": "ok"}""", "h.jsonl:1: 'client' is missing")]
    [InlineData("""{"client": 1, "op": "put", "key": "k", "call": 1, "return": 2, "status": "ok"}""", "h.jsonl:1: put needs a string 'value'")]
    [InlineData("""{"client": 1, "op": "cas", "key": "k", "value": "v", "call": 1, "return": 2, "status": "ok"}""", "h.jsonl:1: cas with status ok needs 'output' true or false")]
    [InlineData("""{"client": 1, "op": "cas", "key": "k", "value": "v", "call": 1, "return": 2, "output": "yes", "status": "ok"}""", "h.jsonl:1: 'output' of a cas must be true or false, got \"yes\"")]
    [InlineData("""{"client": 1, "op": "get", "key": "k", "value": "v", "call": 1, "return": 2, "status": "ok"}""", "h.jsonl:1: 'value' is not used by get (a get's result goes in 'output')")]
    [InlineData("""{"client": 1, "op": "put", "key": "k", "value": "v", "expected": "u", "call": 1, "return": 2, "status": "ok"}""", "h.jsonl:1: 'expected' is only used by cas, not put")]
    [InlineData("""[1, 2]""", "h.jsonl:1: expected one JSON object per line")]
    [InlineData("""{"client": 1, "op": "get",""", "h.jsonl:1: invalid JSON: ")]
    public void Parse_BadLine_OneLineErrorWithFileAndLine(string line, string expected)
    {
        var e = Assert.Throws<HistoryFormatException>(() => HistoryReader.Parse(line, "h.jsonl"));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Parse_BadSeventhLine_ErrorNamesLineSeven()
    {
        string good = """{"client": 1, "op": "get", "key": "k", "call": 1, "return": 2, "status": "ok"}""";
        string text = string.Join('\n', Enumerable.Repeat(good, 6).Append("""{"client": 1, "op": "get", "key": "k", "call": 9, "return": 2, "status": "ok"}"""));

        var e = Assert.Throws<HistoryFormatException>(() => HistoryReader.Parse(text, "history.jsonl"));

        Assert.Equal("history.jsonl:7: 'return' is before 'call'", e.Message);
        Assert.Equal((7, "history.jsonl"), (e.Line, e.SourceName));
    }

    [Fact]
    public void FormatLine_GetOfAbsentKey_WritesNullOutput()
    {
        var op = new HistoryOperation { Client = 2, Op = KvOperationKind.Get, Key = "k", Call = 5, Return = 9, Status = OperationStatus.Ok };

        Assert.Equal("""{"client":2,"op":"get","key":"k","call":5,"return":9,"output":null,"status":"ok"}""", HistoryWriter.FormatLine(op));
    }
}
