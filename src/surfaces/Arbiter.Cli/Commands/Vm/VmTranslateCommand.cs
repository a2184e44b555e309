using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Labs;
using Arbiter.Cli.Commands.Paging;
using Arbiter.Core.Memory.Replacement;
using Arbiter.Core.Memory.Translation;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Vm;

/// <summary><c>arbiter vm translate</c>: virtual → physical through a TLB and a multi-level page table, with faults and costs.</summary>
internal static class VmTranslateCommand
{
    public const int MaxAddresses = 1_000_000;
    public const int MaxListed = 1000;

    public static Command Build(CliContext context)
    {
        var file = new Argument<string?>("FILE") { Description = "Address-space description, JSON or YAML (optional; options override it)", Arity = ArgumentArity.ZeroOrOne };
        var addressBits = new Option<int?>("--address-bits") { Description = "Bits in a virtual address (default 16)" };
        var pageSize = new Option<string?>("--page-size") { Description = "Bytes per page, a power of two: 256, 4096, 4K, 4KiB (default 256)" };
        var levels = new Option<int?>("--levels") { Description = "Levels of page table (default 2)" };
        var frames = new Option<int?>("--frames", "-f") { Description = "Physical frames (default 4)" };
        var policy = new Option<string?>("--policy", "-p") { Description = $"Page replacement: {string.Join(" | ", ReplacementPolicies.Names)} (default lru)" };
        var tlb = new Option<int?>("--tlb") { Description = "TLB entries, 0 for none (default 4)" };
        var tlbPolicy = new Option<string?>("--tlb-policy") { Description = "Replacement among TLB entries (default lru)" };
        var addresses = new Option<string?>("--addresses", "-a") { Description = "Virtual addresses, comma-separated: 0x1234,0x1250,4660" };
        var seed = new Option<long?>("--seed") { Description = "Seed for the random policy (default 1)" };
        var memoryTime = new Option<string>("--memory-time") { Description = "Time of one memory reference (default 100ns)", DefaultValueFactory = _ => "100ns" };
        var faultTime = new Option<string>("--fault-time") { Description = "Time to service a page fault (default 8ms)", DefaultValueFactory = _ => "8ms" };
        var json = CommonOptions.Json();
        var command = new Command("translate", """
            Translates virtual addresses to physical ones over a described address space and reports, for each: the page
            number, offset and page-table indices, TLB hit or miss, page fault and the page evicted, the frame and the
            physical address, and the cost in memory references. A TLB hit costs 1 (the access); a TLB miss walks the
            page table (one reference per level) then accesses: levels + 1; a page fault finds the entry not present,
            the page is loaded, the instruction is retried and walks again: 2 × levels + 1, plus the fault's own time.
            The TLB and the frames use the same replacement policies as 'arbiter paging'; an evicted page's TLB entry
            is invalidated. Page tables are taken to be resident. Effective access time uses --memory-time and --fault-time.

            Examples:
              arbiter vm translate examples/memory/two-level.yaml
              arbiter vm translate --addresses 0x1234,0x1250,0x3400,0x1200 --frames 2 --tlb 2
              arbiter vm translate examples/memory/x86-64.yaml --json
              arbiter vm translate examples/memory/two-level.yaml --tlb 0 --levels 1
            """) { file, addressBits, pageSize, levels, frames, policy, tlb, tlbPolicy, addresses, seed, memoryTime, faultTime, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            string? path = parse.GetValue(file);
            var d = path is null ? null : AddressSpaceFile.Load(path);
            string? sizeText = parse.GetValue(pageSize);
            long? size = sizeText is null ? null : AddressText.Size(sizeText) ?? throw new InputException($"--page-size: '{sizeText}' is not a size in bytes (write 4096, 4K or 4KiB)");
            string? policyText = parse.GetValue(policy);
            string? tlbPolicyText = parse.GetValue(tlbPolicy);
            long seedValue = parse.GetValue(seed) ?? d?.Seed ?? 1;
            if (seedValue < 0)
            {
                throw new InputException($"--seed: must not be negative, got {seedValue}");
            }

            var space = new AddressSpace(
                AddressBits: parse.GetValue(addressBits) ?? d?.AddressBits ?? 16,
                PageSize: size ?? d?.PageSize ?? 256,
                Levels: parse.GetValue(levels) ?? d?.Levels ?? 2,
                Frames: parse.GetValue(frames) ?? d?.Frames ?? 4,
                FramePolicy: policyText is not null ? PagingInput.Policy(policyText) : d?.Policy ?? ReplacementPolicyKind.Lru,
                TlbEntries: parse.GetValue(tlb) ?? d?.TlbEntries ?? 4,
                TlbPolicy: tlbPolicyText is not null ? PagingInput.Policy(tlbPolicyText, "--tlb-policy") : d?.TlbPolicy ?? ReplacementPolicyKind.Lru,
                Seed: (ulong)seedValue);
            Check(space, d, parse, addressBits, pageSize, levels, frames, tlb);

            var (list, nodes) = Addresses(parse.GetValue(addresses), d);
            for (int i = 0; i < list.Length; i++)
            {
                if (!space.InRange(list[i]))
                {
                    string message = $"{AddressText.Hex(list[i], 64)} is outside the {space.AddressBits}-bit address space (largest {AddressText.Hex((long)(ulong.MaxValue >> (64 - space.AddressBits)), space.AddressBits)})";
                    throw nodes is not null ? nodes[i].Error(message) : new InputException($"--addresses: item {i + 1}: {message}");
                }
            }

            var run = Mmu.Run(space, list);
            double memoryNs = LabInput.ParseDuration(parse.GetValue(memoryTime)!, "--memory-time", TimeSpan.FromTicks(0), TimeSpan.FromSeconds(1)).Ticks * 100.0;
            double faultNs = LabInput.ParseDuration(parse.GetValue(faultTime)!, "--fault-time", TimeSpan.FromTicks(0), TimeSpan.FromMinutes(1)).Ticks * 100.0;
            if (parse.GetValue(json))
            {
                WriteJson(context, run, memoryNs, faultNs);
            }
            else
            {
                Render(context.Console, run, memoryNs, faultNs);
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }

    private static void Check(AddressSpace space, AddressSpaceFile.Description? d, ParseResult parse, params Option[] options)
    {
        if (space.Frames > PagingInput.MaxFrames)
        {
            throw Problem(d, parse, options, "frames", $"must be at most {PagingInput.MaxFrames}, got {space.Frames}");
        }

        if (space.TlbEntries > 65536)
        {
            throw Problem(d, parse, options, "tlb.entries", $"must be at most 65536, got {space.TlbEntries}");
        }

        if (space.Problem() is { } problem)
        {
            throw Problem(d, parse, options, problem.Field, problem.Message);
        }
    }

    // Names the option when the value came from the command line, else the file's field and line.
    private static InputException Problem(AddressSpaceFile.Description? d, ParseResult parse, Option[] options, string field, string message)
    {
        string option = "--" + (field == "tlb.entries" ? "tlb" : field.Replace('_', '-'));
        bool fromOption = options.Any(o => o.Name == option && parse.GetResult(o) is { Implicit: false });
        return fromOption || d is null ? new InputException($"{option}: {message}") : AddressSpaceFile.Error(d, field, message);
    }

    private static (long[] Addresses, IReadOnlyList<Input.DocumentNode>? Nodes) Addresses(string? text, AddressSpaceFile.Description? d)
    {
        if (text is not null)
        {
            string[] items = text.Split(',', StringSplitOptions.TrimEntries);
            var list = new long[items.Length];
            for (int i = 0; i < items.Length; i++)
            {
                list[i] = items[i].Length == 0
                    ? throw new InputException($"--addresses: item {i + 1} is empty (two commas with nothing between, or a comma at an end)")
                    : AddressText.Parse(items[i]) ?? throw new InputException($"--addresses: item {i + 1}: '{items[i]}' is not an address (write 0x1f3a or 7994)");
            }

            return Limit(list, null);
        }

        if (d?.Addresses is { } fromFile)
        {
            return Limit(fromFile, d.AddressNodes);
        }

        throw new InputException("no addresses: give --addresses 0x1234,… or an 'addresses' list in the file");
    }

    private static (long[], IReadOnlyList<Input.DocumentNode>?) Limit(long[] list, IReadOnlyList<Input.DocumentNode>? nodes) =>
        list.Length is >= 1 and <= MaxAddresses ? (list, nodes) : throw new InputException($"addresses: give between 1 and {MaxAddresses}, got {list.Length}");

    private static string Describe(AddressSpace s) =>
        $"{s.AddressBits}-bit virtual addresses, {s.PageSize}-byte pages ({s.OffsetBits} offset bits), " +
        $"{s.Levels}-level page table ({string.Join("+", s.BitsPerLevel())} index bits)\n{s.Frames} frame{(s.Frames == 1 ? "" : "s")} ({ReplacementPolicies.Name(s.FramePolicy)}), " +
        (s.TlbEntries == 0 ? "no TLB" : $"TLB of {s.TlbEntries} entr{(s.TlbEntries == 1 ? "y" : "ies")} ({ReplacementPolicies.Name(s.TlbPolicy)})");

    /// <summary>Bits of a physical address: offset bits plus enough bits to number the frames.</summary>
    private static int PhysicalBits(AddressSpace s) => s.OffsetBits + (int)Math.Ceiling(Math.Log2(Math.Max(2, s.Frames)));

    private static void Render(IAnsiConsole console, TranslationRun run, double memoryNs, double faultNs)
    {
        var s = run.Space;
        int physicalBits = PhysicalBits(s);
        console.MarkupLine(Markup.Escape(Describe(s)));
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("#", "virtual", "page", "offset", "indices", "TLB", "fault", "evicted", "frame", "physical", "refs");
        foreach (var step in run.Steps.Take(MaxListed).Select((t, i) => (t, i)))
        {
            var t = step.t;
            table.AddRow(
                (step.i + 1).ToString(CultureInfo.InvariantCulture),
                AddressText.Hex(t.Virtual, s.AddressBits),
                AddressText.Hex(t.Vpn, s.VpnBits),
                AddressText.Hex(t.Offset, s.OffsetBits),
                string.Join(" ", t.Indices),
                t.TlbHit switch { null => "–", true => "[green]hit[/]", false => "miss" },
                t.PageFault ? "[red]fault[/]" : "",
                t.Evicted is { } e ? AddressText.Hex(e, s.VpnBits) : "",
                t.Frame.ToString(CultureInfo.InvariantCulture),
                AddressText.Hex(t.Physical, physicalBits),
                t.MemoryReferences.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
        if (run.Steps.Count > MaxListed)
        {
            console.MarkupLine($"(first {MaxListed} of {run.Steps.Count} translations shown; --json lists them all)");
        }

        int n = run.Steps.Count;
        console.MarkupLine(s.TlbEntries == 0
            ? "TLB: none, every access walks the page table"
            : $"TLB: {run.TlbHits} hits, {run.TlbMisses} misses (hit rate {PagingCommand.Percent((double)run.TlbHits / n)})");
        console.MarkupLine($"page faults: {run.PageFaults} of {n} accesses ({PagingCommand.Percent((double)run.PageFaults / n)})");
        console.MarkupLine($"memory references: {run.MemoryReferences} ({(double)run.MemoryReferences / n:0.00} per access; 1 would be a perfect TLB)");
        console.MarkupLine($"page tables allocated: {run.PageTables} (entries per table by level: {string.Join(", ", s.BitsPerLevel().Select(b => 1L << b))})");
        console.MarkupLine($"effective access time: {Markup.Escape(LabInput.ShowDuration(TimeSpan.FromTicks((long)Math.Round(run.EffectiveAccessNs(memoryNs, faultNs) / 100))))} per access " +
            $"({Markup.Escape(LabInput.ShowDuration(TimeSpan.FromTicks((long)(memoryNs / 100))))} per reference, {Markup.Escape(LabInput.ShowDuration(TimeSpan.FromTicks((long)(faultNs / 100))))} per fault)");
    }

    private static void WriteJson(CliContext context, TranslationRun run, double memoryNs, double faultNs)
    {
        var s = run.Space;
        int n = run.Steps.Count;
        context.Json(new
        {
            space = new
            {
                address_bits = s.AddressBits,
                page_size = s.PageSize,
                offset_bits = s.OffsetBits,
                levels = s.Levels,
                bits_per_level = s.BitsPerLevel(),
                frames = s.Frames,
                policy = ReplacementPolicies.Name(s.FramePolicy),
                tlb = new { entries = s.TlbEntries, policy = ReplacementPolicies.Name(s.TlbPolicy) },
            },
            translations = run.Steps.Select(t => new
            {
                @virtual = t.Virtual,
                virtual_hex = AddressText.Hex(t.Virtual, s.AddressBits),
                vpn = t.Vpn,
                offset = t.Offset,
                indices = t.Indices,
                tlb_hit = t.TlbHit,
                page_fault = t.PageFault,
                evicted = t.Evicted,
                frame = t.Frame,
                physical = t.Physical,
                physical_hex = AddressText.Hex(t.Physical, PhysicalBits(s)),
                memory_references = t.MemoryReferences,
            }),
            tlb_hits = run.TlbHits,
            tlb_misses = run.TlbMisses,
            page_faults = run.PageFaults,
            memory_references = run.MemoryReferences,
            references_per_access = Math.Round((double)run.MemoryReferences / n, 6),
            page_tables = run.PageTables,
            effective_access_ns = Math.Round(run.EffectiveAccessNs(memoryNs, faultNs), 3),
        });
    }
}
