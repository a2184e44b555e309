using Arbiter.Cli.App;
using Arbiter.Cli.Input;
using Arbiter.Core.Memory.Replacement;

namespace Arbiter.Cli.Commands.Vm;

/// <summary>
/// Reads an address-space description (JSON or YAML by extension, same schema); every field is optional and an
/// option on the command line wins over the file:
/// <code>
/// address_bits: 16        # bits in a virtual address
/// page_size: 256          # bytes, a power of two (4096, 4K and 4KiB also read)
/// levels: 2               # levels of page table
/// frames: 4               # physical frames
/// policy: lru             # page replacement in memory
/// tlb:
///   entries: 4            # 0 = no TLB
///   policy: lru           # replacement among TLB entries
/// seed: 1                 # for the random policy
/// addresses: [0x1234, 0x1250, 4660]
/// </code>
/// Errors name the file, line and field.
/// </summary>
internal static class AddressSpaceFile
{
    private static readonly string[] Fields = ["address_bits", "page_size", "levels", "frames", "policy", "tlb", "seed", "addresses"];

    /// <summary>What the file says; null fields were not given.</summary>
    public sealed record Description(
        int? AddressBits, long? PageSize, int? Levels, int? Frames, ReplacementPolicyKind? Policy,
        int? TlbEntries, ReplacementPolicyKind? TlbPolicy, long? Seed, long[]? Addresses, IReadOnlyList<DocumentNode>? AddressNodes,
        Dictionary<string, DocumentNode> Nodes);

    public static Description Load(string path)
    {
        DocumentNode root = DocumentLoader.Load(path);
        var fields = root.Fields(Fields);
        var nodes = new Dictionary<string, DocumentNode>(fields, StringComparer.Ordinal) { [""] = root };
        int? tlbEntries = null;
        ReplacementPolicyKind? tlbPolicy = null;
        if (fields.TryGetValue("tlb", out var tlb))
        {
            var tlbFields = tlb.Fields("entries", "policy");
            if (tlbFields.TryGetValue("entries", out var entries))
            {
                tlbEntries = entries.NonNegativeInt();
                nodes["tlb.entries"] = entries;
            }

            if (tlbFields.TryGetValue("policy", out var p))
            {
                tlbPolicy = Policy(p);
            }
        }

        var addressNodes = fields.TryGetValue("addresses", out var addresses) ? addresses.Items("a list of addresses") : null;
        return new Description(
            fields.TryGetValue("address_bits", out var bits) ? bits.Int() : null,
            fields.TryGetValue("page_size", out var size) ? AddressText.Size(size.Text("a size in bytes")) ?? throw size.Error($"expected a size in bytes such as 4096 or 4KiB, got '{size.Text()}'") : null,
            fields.TryGetValue("levels", out var levels) ? levels.Int() : null,
            fields.TryGetValue("frames", out var frames) ? frames.Int() : null,
            fields.TryGetValue("policy", out var policy) ? Policy(policy) : null,
            tlbEntries,
            tlbPolicy,
            fields.TryGetValue("seed", out var seed) ? seed.NonNegativeInt() : null,
            addressNodes?.Select(Address).ToArray(),
            addressNodes,
            nodes);
    }

    private static ReplacementPolicyKind Policy(DocumentNode node)
    {
        string name = node.Text("a policy name");
        return ReplacementPolicies.TryParse(name, out var kind)
            ? kind
            : throw node.Error($"unknown policy '{name}' (use one of {string.Join(", ", ReplacementPolicies.Names)})");
    }

    private static long Address(DocumentNode node)
    {
        string text = node.Text("an address");
        return AddressText.Parse(text) ?? throw node.Error($"'{text}' is not an address (write 0x1f3a or 7994)");
    }

    /// <summary>An error at <paramref name="field"/> of the file, or a plain one if the field came from an option.</summary>
    public static InputException Error(Description? file, string field, string message) =>
        file is not null && file.Nodes.TryGetValue(field, out var node) ? node.Error(message) : new InputException($"{field}: {message}");
}
