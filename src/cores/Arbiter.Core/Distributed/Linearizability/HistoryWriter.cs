using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>
/// Writes a history in the JSON-lines format that <see cref="HistoryReader"/> reads (one object per line, fields in
/// the order of the example). Fields an operation does not use are left out; a get's null output and a
/// cas's null expected are written as null, since there null means "absent".
/// </summary>
public static class HistoryWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes every operation, one line each.</summary>
    public static void Write(TextWriter writer, IEnumerable<HistoryOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(operations);
        foreach (HistoryOperation operation in operations)
        {
            writer.Write(FormatLine(operation));
            writer.Write('\n');
        }
    }

    /// <summary>The whole history as text.</summary>
    public static string Format(IEnumerable<HistoryOperation> operations)
    {
        using var writer = new StringWriter();
        Write(writer, operations);
        return writer.ToString();
    }

    /// <summary>One operation as one line (no newline).</summary>
    public static string FormatLine(HistoryOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("client", operation.Client);
            json.WriteString("op", HistoryOperation.Name(operation.Op));
            json.WriteString("key", operation.Key);
            if (operation.Value is not null)
            {
                json.WriteString("value", operation.Value);
            }

            if (operation.Op == KvOperationKind.Cas)
            {
                json.WriteString("expected", operation.Expected);
            }

            json.WriteNumber("call", operation.Call);
            if (operation.Return is { } r)
            {
                json.WriteNumber("return", r);
            }

            if (operation.Status == OperationStatus.Ok && operation.Op == KvOperationKind.Get)
            {
                json.WriteString("output", operation.Output);
            }
            else if (operation.Status == OperationStatus.Ok && operation.Op == KvOperationKind.Cas && operation.Succeeded is { } s)
            {
                json.WriteBoolean("output", s);
            }

            json.WriteString("status", operation.Status.ToString().ToLowerInvariant());
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
