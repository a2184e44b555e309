using System.Text.Json;

namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>
/// Reads a history in the JSON-lines format of <see cref="HistoryOperation"/>: one JSON object per line, blank lines
/// skipped, unknown fields ignored. Every line is checked; the first bad one throws a
/// <see cref="HistoryFormatException"/> naming the source, the line and the field. Pure: the caller opens the file.
/// </summary>
public static class HistoryReader
{
    /// <summary>Reads every operation of <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<HistoryOperation> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var operations = new List<HistoryOperation>();
        int number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                operations.Add(ParseLine(line, source, number));
            }
        }

        return operations;
    }

    /// <summary>Reads every operation of <paramref name="text"/>.</summary>
    public static IReadOnlyList<HistoryOperation> Parse(string text, string source)
    {
        using var reader = new StringReader(text);
        return Read(reader, source);
    }

    /// <summary>Reads one line (numbered <paramref name="line"/> in errors).</summary>
    public static HistoryOperation ParseLine(string text, string source, int line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new HistoryFormatException(source, line, $"invalid JSON: {FirstSentence(e.Message)}");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new HistoryFormatException(source, line, "expected one JSON object per line");
            }

            HistoryFormatException Bad(string problem) => new(source, line, problem);

            var kind = Word(root, "op", Bad) switch
            {
                "get" => KvOperationKind.Get,
                "put" => KvOperationKind.Put,
                "cas" => KvOperationKind.Cas,
                "del" => KvOperationKind.Del,
                var other => throw Bad($"'op': '{other}' is not one of get, put, cas, del"),
            };
            var status = Word(root, "status", Bad) switch
            {
                "ok" => OperationStatus.Ok,
                "fail" => OperationStatus.Fail,
                "unknown" => OperationStatus.Unknown,
                var other => throw Bad($"'status': '{other}' is not one of ok, fail, unknown"),
            };
            long client = Integer(root, "client", Bad) ?? throw Bad("'client' is missing");
            if (client is < int.MinValue or > int.MaxValue)
            {
                throw Bad("'client' is out of range");
            }

            string key = Text(root, "key", Bad) ?? throw Bad("'key' is missing (a string)");
            bool ok = status == OperationStatus.Ok;
            var operation = new HistoryOperation
            {
                Client = (int)client,
                Op = kind,
                Key = key,
                Value = Text(root, "value", Bad),
                Expected = Text(root, "expected", Bad),
                Call = Integer(root, "call", Bad) ?? throw Bad("'call' is missing (an integer)"),
                Return = Integer(root, "return", Bad),
                // Outputs matter only when the operation completed: a failed or unknown one promises nothing.
                Output = ok && kind == KvOperationKind.Get ? Text(root, "output", Bad) : null,
                Succeeded = ok && kind == KvOperationKind.Cas ? Boolean(root, "output", Bad) : null,
                Status = status,
                Line = line,
            };
            return operation.Problem() is { } problem ? throw Bad(problem) : operation;
        }
    }

    private static string Word(JsonElement root, string name, Func<string, HistoryFormatException> bad) =>
        Text(root, name, bad) ?? throw bad($"'{name}' is missing");

    private static string? Text(JsonElement root, string name, Func<string, HistoryFormatException> bad)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw bad($"'{name}' must be a string, got {Describe(value)}");
    }

    private static long? Integer(JsonElement root, string name, Func<string, HistoryFormatException> bad)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n)
            ? n
            : throw bad($"'{name}' must be an integer, got {Describe(value)}");
    }

    private static bool? Boolean(JsonElement root, string name, Func<string, HistoryFormatException> bad)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw bad($"'{name}' of a cas must be true or false, got {Describe(value)}"),
        };
    }

    private static string Describe(JsonElement value)
    {
        string raw = value.GetRawText();
        return raw.Length <= 24 ? raw : raw[..21] + "...";
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
