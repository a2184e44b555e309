using System.Text.Json;

namespace Arbiter.Isolation.Oci;

/// <summary>
/// Typed reads of a config.json object that name the field on error ("config.json: process.args[0]: expected a
/// string") and warn about fields this runtime does not know (they are ignored, as the OCI spec asks).
/// </summary>
internal sealed class JsonFields(JsonElement element, string path, List<string> warnings, params string[] known)
{
    private const string File = "config.json";

    public string Path => path;

    /// <summary>Reads an object field, checking its own fields against <paramref name="knownFields"/>; null when absent.</summary>
    public JsonFields? Object(string name, params string[] knownFields)
    {
        if (!Has(name, out var e))
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Error(name, "expected an object");
        }

        var fields = new JsonFields(e, Join(name), warnings, knownFields);
        fields.WarnUnknown();
        return fields;
    }

    /// <summary>The elements of an array field (empty when absent or null).</summary>
    public IEnumerable<(JsonElement Element, string Path)> Array(string name)
    {
        if (!Has(name, out var e))
        {
            return [];
        }

        if (e.ValueKind != JsonValueKind.Array)
        {
            throw Error(name, "expected an array");
        }

        return e.EnumerateArray().Select((x, i) => (x, $"{Join(name)}[{i}]")).ToList();
    }

    /// <summary>An array element as an object with its known fields.</summary>
    public JsonFields Item(JsonElement e, string itemPath, params string[] knownFields)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new OciException($"{File}: {itemPath}: expected an object");
        }

        var fields = new JsonFields(e, itemPath, warnings, knownFields);
        fields.WarnUnknown();
        return fields;
    }

    public string? String(string name)
    {
        if (!Has(name, out var e))
        {
            return null;
        }

        return e.ValueKind == JsonValueKind.String ? e.GetString() : throw Error(name, "expected a string");
    }

    public string RequiredString(string name) => String(name) ?? throw Error(name, "is required");

    public IReadOnlyList<string> Strings(string name) =>
        [.. Array(name).Select(x => x.Element.ValueKind == JsonValueKind.String ? x.Element.GetString()! : throw new OciException($"{File}: {x.Path}: expected a string"))];

    public bool? Bool(string name)
    {
        if (!Has(name, out var e))
        {
            return null;
        }

        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(name, "expected true or false"),
        };
    }

    public long? Long(string name)
    {
        if (!Has(name, out var e))
        {
            return null;
        }

        return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) ? v : throw Error(name, "expected a whole number");
    }

    public ulong? ULong(string name)
    {
        if (!Has(name, out var e))
        {
            return null;
        }

        return e.ValueKind == JsonValueKind.Number && e.TryGetUInt64(out ulong v) ? v : throw Error(name, "expected a whole number ≥ 0");
    }

    /// <summary>True when the field is present and not null/empty (an empty array, object or string counts as absent).</summary>
    public bool Present(string name) => Has(name, out var e) && e.ValueKind switch
    {
        JsonValueKind.Array => e.GetArrayLength() > 0,
        JsonValueKind.Object => e.EnumerateObject().Any(),
        JsonValueKind.String => e.GetString()!.Length > 0,
        JsonValueKind.False => false,
        _ => true,
    };

    public OciException Error(string name, string message) => new($"{File}: {Join(name)}: {message}");

    public void Refuse(string name, string why)
    {
        if (Present(name))
        {
            throw Error(name, why);
        }
    }

    public void Warn(string name, string why)
    {
        if (Present(name))
        {
            warnings.Add($"{File}: {Join(name)}: {why}");
        }
    }

    public void WarnUnknown()
    {
        foreach (var p in element.EnumerateObject())
        {
            if (!known.Contains(p.Name, StringComparer.Ordinal))
            {
                warnings.Add($"{File}: unknown field {Join(p.Name)} ignored");
            }
        }
    }

    private bool Has(string name, out JsonElement value) =>
        element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private string Join(string name) => path.Length == 0 ? name : $"{path}.{name}";
}
