using System.Globalization;
using System.Text.Json;

namespace Arbiter.Distributed.Tcp;

/// <summary>
/// An observation a node made, as one JSON line on a node process's stdout:
/// <c>{"node":2,"local_ms":1234.5,"type":"PingPongDone","value":{...}}</c>. The launcher of a real run reads them back.
/// </summary>
/// <param name="Node">The node.</param>
/// <param name="LocalMs">The node's clock when it observed, in ms.</param>
/// <param name="Type">The observation's type name.</param>
/// <param name="Value">The observation as JSON.</param>
public sealed record NodeObservation(int Node, double LocalMs, string Type, JsonElement Value)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The observation in the form the simulator's are compared in: <c>Type {json}</c>.</summary>
    public string Canonical => $"{Type} {Value.GetRawText()}";

    /// <summary>The canonical form of any observation object (as a node process would print it).</summary>
    public static string CanonicalOf(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return $"{value.GetType().Name} {JsonSerializer.Serialize(value, value.GetType(), Options)}";
    }

    /// <summary>The JSON line for <paramref name="value"/> observed by <paramref name="node"/> at <paramref name="local"/>.</summary>
    public static string ToLine(int node, TimeSpan local, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string json = JsonSerializer.Serialize(value, value.GetType(), Options);
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"node\":{node},\"local_ms\":{local.Ticks / 1e4:0.###},\"type\":{JsonSerializer.Serialize(value.GetType().Name)},\"value\":{json}}}");
    }

    /// <summary>Reads a line printed by <see cref="ToLine"/>; null if it is not one (other output is ignored).</summary>
    public static NodeObservation? TryParse(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || !line.StartsWith("{\"node\":", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(line);
            JsonElement root = doc.RootElement;
            return new NodeObservation(root.GetProperty("node").GetInt32(), root.GetProperty("local_ms").GetDouble(),
                root.GetProperty("type").GetString()!, root.GetProperty("value").Clone());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
