using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Cli.Input;
using Arbiter.Store.Gateway;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Arbiter.Cli.Commands.Store;

/// <summary>
/// The file <c>arbiter store txn</c> reads (YAML, or JSON which is YAML's flow style): comparisons that must all
/// hold, then the operations of the success branch or of the failure branch. Every error names file:line and field.
/// </summary>
/// <example>
/// <code>
/// compare:
///   - {key: config/version, target: version, result: "=", operand: 3}
///   - {key: config/owner, target: value, operand: alice}
/// success:
///   - put: {key: config/owner, value: bob}
///   - get: {key: config/, prefix: true}
/// failure:
///   - get: {key: config/owner}
/// </code>
/// </example>
internal static class TxnDocument
{
    private static readonly Dictionary<string, string> Targets = new(StringComparer.Ordinal)
    {
        ["value"] = "VALUE", ["version"] = "VERSION", ["create"] = "CREATE", ["mod"] = "MOD", ["lease"] = "LEASE",
    };

    private static readonly Dictionary<string, string> Results = new(StringComparer.Ordinal)
    {
        ["="] = "EQUAL", ["=="] = "EQUAL", ["!="] = "NOT_EQUAL", ["<"] = "LESS", [">"] = "GREATER",
    };

    /// <summary>Reads <paramref name="path"/>, or standard input (as YAML) when it is "-".</summary>
    public static WireTxnRequest Load(string path, TextReader stdin)
    {
        DocumentNode root = path == "-" ? ParseYaml("<stdin>", stdin.ReadToEnd()) : DocumentLoader.Load(path);
        return Read(root);
    }

    /// <summary>Parses YAML text read from somewhere other than a file (standard input), with line numbers.</summary>
    public static DocumentNode ParseYaml(string name, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new InputException($"{name}:{e.Start.Line}: invalid YAML: {(e.InnerException?.Message ?? e.Message).Split('\n')[0]}", e);
        }

        return stream.Documents.Count == 0
            ? throw new InputException($"{name}:1: the transaction is empty")
            : new DocumentNode(name, "", stream.Documents[0].RootNode);
    }

    public static WireTxnRequest Read(DocumentNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Dictionary<string, DocumentNode> fields = root.Fields("compare", "success", "failure");
        if (fields.Count == 0)
        {
            throw root.Error("a transaction needs compare, success or failure");
        }

        return new WireTxnRequest
        {
            Compare = fields.TryGetValue("compare", out DocumentNode? c) ? [.. c.Items("a list of comparisons").Select(Compare)] : null,
            Success = fields.TryGetValue("success", out DocumentNode? s) ? [.. s.Items("a list of operations").Select(Operation)] : null,
            Failure = fields.TryGetValue("failure", out DocumentNode? f) ? [.. f.Items("a list of operations").Select(Operation)] : null,
        };
    }

    private static WireCompare Compare(DocumentNode node)
    {
        Dictionary<string, DocumentNode> f = node.Fields("key", "target", "result", "operand", "prefix");
        string key = Required(node, f, "key").Text("a key");
        string targetText = Required(node, f, "target").Text("value, version, create, mod or lease");
        if (!Targets.TryGetValue(targetText, out string? target))
        {
            throw f["target"].Error($"'{targetText}' is not one of value, version, create, mod, lease");
        }

        string result = "EQUAL";
        if (f.TryGetValue("result", out DocumentNode? r) && !Results.TryGetValue(r.Text("=, !=, < or >"), out result!))
        {
            throw r.Error($"'{r.Text()}' is not one of =, !=, <, >");
        }

        DocumentNode operand = Required(node, f, "operand");
        var (first, end) = StoreText.Range(key, f.TryGetValue("prefix", out DocumentNode? p) && Bool(p));
        return target switch
        {
            "VALUE" => new WireCompare { Key = first, RangeEnd = end, Target = target, Result = result, Value = StoreText.Bytes(operand.Text("a value")) },
            "VERSION" => new WireCompare { Key = first, RangeEnd = end, Target = target, Result = result, Version = Number(operand) },
            "CREATE" => new WireCompare { Key = first, RangeEnd = end, Target = target, Result = result, CreateRevision = Number(operand) },
            "MOD" => new WireCompare { Key = first, RangeEnd = end, Target = target, Result = result, ModRevision = Number(operand) },
            _ => new WireCompare { Key = first, RangeEnd = end, Target = target, Result = result, Lease = LeaseOperand(operand) },
        };
    }

    private static WireRequestOp Operation(DocumentNode node)
    {
        IReadOnlyList<(string Key, DocumentNode Value)> entries = node.Entries("an operation: put, get or del");
        if (entries.Count != 1)
        {
            throw node.Error("each operation is exactly one of put, get, del");
        }

        var (kind, body) = entries[0];
        switch (kind)
        {
            case "put":
            {
                Dictionary<string, DocumentNode> f = body.Fields("key", "value", "lease");
                return new WireRequestOp
                {
                    RequestPut = new WirePutRequest
                    {
                        Key = StoreText.Bytes(Required(body, f, "key").Text("a key")),
                        Value = StoreText.Bytes(Required(body, f, "value").Text("a value")),
                        Lease = f.TryGetValue("lease", out DocumentNode? l) ? LeaseOperand(l) : 0,
                    },
                };
            }

            case "get":
            {
                Dictionary<string, DocumentNode> f = body.Fields("key", "prefix", "keys_only", "limit");
                var (first, end) = StoreText.Range(Required(body, f, "key").Text("a key"), f.TryGetValue("prefix", out DocumentNode? p) && Bool(p));
                return new WireRequestOp
                {
                    RequestRange = new WireRangeRequest
                    {
                        Key = first,
                        RangeEnd = end,
                        KeysOnly = f.TryGetValue("keys_only", out DocumentNode? k) && Bool(k),
                        Limit = f.TryGetValue("limit", out DocumentNode? n) ? Number(n) : 0,
                    },
                };
            }

            case "del":
            {
                Dictionary<string, DocumentNode> f = body.Fields("key", "prefix");
                var (first, end) = StoreText.Range(Required(body, f, "key").Text("a key"), f.TryGetValue("prefix", out DocumentNode? p) && Bool(p));
                return new WireRequestOp { RequestDeleteRange = new WireDeleteRangeRequest { Key = first, RangeEnd = end } };
            }

            default:
                throw body.Error($"unknown operation '{kind}' (expected put, get or del)");
        }
    }

    private static DocumentNode Required(DocumentNode node, Dictionary<string, DocumentNode> fields, string name) =>
        fields.TryGetValue(name, out DocumentNode? value) ? value : throw node.Error($"missing field '{name}'");

    private static long Number(DocumentNode node)
    {
        string text = node.Text("a whole number");
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) && n >= 0
            ? n
            : throw node.Error($"expected a whole number ≥ 0, got '{text}'");
    }

    private static long LeaseOperand(DocumentNode node)
    {
        string text = node.Text("a lease id");
        if (text == "0")
        {
            return 0; // LEASE = 0: the key has no lease
        }

        try
        {
            return StoreText.LeaseId(text, "lease");
        }
        catch (InputException)
        {
            throw node.Error($"'{text}' is not a lease id (hexadecimal, or 0 for none)");
        }
    }

    private static bool Bool(DocumentNode node) => node.Text("true or false") switch
    {
        "true" => true,
        "false" => false,
        var other => throw node.Error($"expected true or false, got '{other}'"),
    };
}
