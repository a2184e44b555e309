using System.Globalization;

namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>
/// One client operation of a key-value history, as one line of the JSON-lines format:
/// <c>{"client": 3, "op": "get|put|cas|del", "key": "k", "value": "v", "expected": "old", "call": 120,
/// "return": 180, "output": "v", "status": "ok|fail|unknown"}</c>.
/// </summary>
/// <remarks>
/// Semantics: <c>call</c> and <c>return</c> are integers on one clock (any unit; only their order matters; equal
/// times count as overlapping). A get's <see cref="Output"/> is the value read (null: the key was absent). A put sets
/// <see cref="Value"/>; a del makes the key absent. A cas compares the current value with <see cref="Expected"/>
/// (null: "absent") and, if equal, sets <see cref="Value"/>; with status ok, <see cref="Succeeded"/> says whether
/// the compare succeeded (a false cas must be placed where the value differs from the expected one).
/// Status fail: no effect, dropped from the check. Status unknown: may have taken effect at any time after the call;
/// its return is +infinity and its output unknown (an unknown get is dropped: it changes nothing and promises nothing).
/// <see cref="Client"/> is only shown to people; the checker uses real-time order, not per-client order.
/// </remarks>
public sealed record HistoryOperation
{
    /// <summary>The client that issued the operation (for display).</summary>
    public int Client { get; init; }

    /// <summary>get, put, cas or del.</summary>
    public KvOperationKind Op { get; init; }

    /// <summary>The single key the operation touches.</summary>
    public string Key { get; init; } = "";

    /// <summary>The value written by put, or by cas when its compare succeeds; null for get and del.</summary>
    public string? Value { get; init; }

    /// <summary>For cas, the value compared with (null: the key must be absent).</summary>
    public string? Expected { get; init; }

    /// <summary>When the client called (any unit, one clock for the whole history).</summary>
    public long Call { get; init; }

    /// <summary>When the client got the answer; null only for status unknown (it never came).</summary>
    public long? Return { get; init; }

    /// <summary>For a get with status ok: the value read, null when the key was absent.</summary>
    public string? Output { get; init; }

    /// <summary>For a cas with status ok: whether the compare succeeded (and the value was set).</summary>
    public bool? Succeeded { get; init; }

    /// <summary>ok, fail or unknown.</summary>
    public OperationStatus Status { get; init; }

    /// <summary>The line of the history file it came from (1-based), or 0 when built in memory.</summary>
    public int Line { get; init; }

    /// <summary>The operation's end for the real-time order: its return, or +infinity when the outcome is unknown.</summary>
    public long EffectiveReturn => Status == OperationStatus.Unknown ? long.MaxValue : Return ?? long.MaxValue;

    /// <summary>What is wrong with the operation, naming the field, or null when it is well formed.</summary>
    public string? Problem()
    {
        if (Key is null)
        {
            return "'key' is missing";
        }

        if (Return is { } r && r < Call)
        {
            return "'return' is before 'call'";
        }

        if (Return is null && Status != OperationStatus.Unknown)
        {
            return $"'return' is missing (only an unknown operation may have none)";
        }

        return Op switch
        {
            KvOperationKind.Put when Value is null => "put needs a string 'value'",
            KvOperationKind.Cas when Value is null => "cas needs a string 'value' (the new value)",
            KvOperationKind.Cas when Status == OperationStatus.Ok && Succeeded is null => "cas with status ok needs 'output' true or false",
            KvOperationKind.Get or KvOperationKind.Del when Value is not null => $"'value' is not used by {Name(Op)} (a get's result goes in 'output')",
            not KvOperationKind.Cas when Expected is not null => $"'expected' is only used by cas, not {Name(Op)}",
            _ => null,
        };
    }

    /// <summary>The operation as people write it: <c>put(x, "1")</c>, <c>get(x) → "1"</c>, <c>cas(x, "1"→"2") → false</c>.</summary>
    public override string ToString()
    {
        string result = (Op, Status) switch
        {
            (_, OperationStatus.Fail) => " → failed",
            (_, OperationStatus.Unknown) => " → ?",
            (KvOperationKind.Get, _) => $" → {Show(Output)}",
            (KvOperationKind.Cas, _) => Succeeded == true ? " → true" : " → false",
            _ => "",
        };
        string call = Op switch
        {
            KvOperationKind.Get => $"get({Key})",
            KvOperationKind.Put => $"put({Key}, {Show(Value)})",
            KvOperationKind.Del => $"del({Key})",
            _ => $"cas({Key}, {Show(Expected)}→{Show(Value)})",
        };
        return call + result;
    }

    /// <summary>The lower-case name used in the file format.</summary>
    public static string Name(KvOperationKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>A value as shown to people: quoted, or "absent" for null.</summary>
    public static string Show(string? value) => value is null ? "absent" : string.Create(CultureInfo.InvariantCulture, $"\"{value}\"");
}
