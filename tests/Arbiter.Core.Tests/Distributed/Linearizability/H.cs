using Arbiter.Core.Distributed.Linearizability;

namespace Arbiter.Core.Tests.Distributed.Linearizability;

/// <summary>Short constructors for hand-written histories: <c>H.Put(1, "x", "a", 0, 10)</c>.</summary>
internal static class H
{
    public static HistoryOperation Get(int client, string key, string? output, long call, long ret) =>
        new() { Client = client, Op = KvOperationKind.Get, Key = key, Output = output, Call = call, Return = ret, Status = OperationStatus.Ok };

    public static HistoryOperation Put(int client, string key, string value, long call, long ret) =>
        new() { Client = client, Op = KvOperationKind.Put, Key = key, Value = value, Call = call, Return = ret, Status = OperationStatus.Ok };

    public static HistoryOperation Del(int client, string key, long call, long ret) =>
        new() { Client = client, Op = KvOperationKind.Del, Key = key, Call = call, Return = ret, Status = OperationStatus.Ok };

    public static HistoryOperation Cas(int client, string key, string? expected, string value, bool succeeded, long call, long ret) =>
        new() { Client = client, Op = KvOperationKind.Cas, Key = key, Expected = expected, Value = value, Succeeded = succeeded, Call = call, Return = ret, Status = OperationStatus.Ok };

    public static HistoryOperation Unknown(HistoryOperation op) => op with { Status = OperationStatus.Unknown, Return = null, Output = null, Succeeded = null };

    public static HistoryOperation Failed(HistoryOperation op) => op with { Status = OperationStatus.Fail, Output = null, Succeeded = null };
}
