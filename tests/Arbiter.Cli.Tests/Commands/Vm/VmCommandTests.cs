using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Vm;

public class VmCommandTests
{
    private static JsonElement Json(params string[] args)
    {
        var (code, output, error) = CliRunner.Run(args);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    [Fact]
    public void Translate_TwoLevelExample_PhysicalAddressesFaultsAndCostsAsWorkedByHand()
    {
        var root = Json("vm", "translate", CliRunner.Example("memory/two-level.yaml"), "--json");

        var steps = root.GetProperty("translations").EnumerateArray().ToArray();
        Assert.Equal(new[] { "0x034", "0x050", "0x100", "0x000", "0x100", "0x010" }, steps.Select(s => s.GetProperty("physical_hex").GetString()));
        Assert.Equal(new[] { 5, 1, 5, 1, 5, 5 }, steps.Select(s => s.GetProperty("memory_references").GetInt32()));
        Assert.Equal(0x34, steps[4].GetProperty("evicted").GetInt64());
        Assert.Equal((2, 4, 4, 22), (root.GetProperty("tlb_hits").GetInt32(), root.GetProperty("tlb_misses").GetInt32(),
            root.GetProperty("page_faults").GetInt32(), root.GetProperty("memory_references").GetInt32()));
        Assert.Equal(new[] { 1, 2 }, steps[0].GetProperty("indices").EnumerateArray().Select(i => i.GetInt32()));
    }

    [Fact]
    public void Translate_OptionsOverrideTheFile_NoTlbOneLevel()
    {
        var root = Json("vm", "translate", CliRunner.Example("memory/two-level.yaml"), "--tlb", "0", "--levels", "1", "--frames", "4", "--json");

        Assert.Equal(1, root.GetProperty("space").GetProperty("levels").GetInt32());
        Assert.All(root.GetProperty("translations").EnumerateArray(), s => Assert.Equal(JsonValueKind.Null, s.GetProperty("tlb_hit").ValueKind));
        // 3 distinct pages, all fit: 3 faults × (2·1 + 1) + 3 resident accesses × (1 + 1) = 15.
        Assert.Equal(3, root.GetProperty("page_faults").GetInt32());
        Assert.Equal(15, root.GetProperty("memory_references").GetInt32());
    }

    [Fact]
    public void Translate_X86Example_FourLevelsOfNineBits()
    {
        var root = Json("vm", "translate", CliRunner.Example("memory/x86-64.json"), "--json");

        Assert.Equal(new[] { 9, 9, 9, 9 }, root.GetProperty("space").GetProperty("bits_per_level").EnumerateArray().Select(b => b.GetInt32()));
        var first = root.GetProperty("translations")[0];
        // 0x7ffd5a3c1008: VPN 0x7ffd5a3c1 = 0 1111 1111 | 1 1111 0101 | 0 1101 0001 | 1 1100 0001 → 255, 501, 209, 449.
        Assert.Equal(new[] { 255, 501, 209, 449 }, first.GetProperty("indices").EnumerateArray().Select(i => i.GetInt32()));
        Assert.Equal(0x008, first.GetProperty("physical").GetInt64());
    }

    [Fact]
    public void Translate_AddressesOnly_UsesDefaults()
    {
        var (code, output, error) = CliRunner.Run("vm", "translate", "--addresses", "0x1234,0x1250");

        Assert.True(code == 0, error);
        Assert.Contains("16-bit virtual addresses, 256-byte pages", output, StringComparison.Ordinal);
        Assert.Contains("TLB: 1 hits, 1 misses", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--addresses: item 2: '0xzz' is not an address", "--addresses", "0x10,0xzz")]
    [InlineData("--addresses: item 2 is empty", "--addresses", "1,,2")]
    [InlineData("--addresses: item 1: 0x0000000000010000 is outside the 16-bit address space", "--addresses", "0x10000")]
    [InlineData("--page-size: must be a power of two", "--addresses", "1", "--page-size", "3000")]
    [InlineData("--levels: ", "--addresses", "1", "--address-bits", "48", "--page-size", "4K", "--levels", "1")]
    [InlineData("--frames: must be at least 1", "--addresses", "1", "--frames", "0")]
    [InlineData("--policy: unknown policy 'lifo'", "--addresses", "1", "--policy", "lifo")]
    [InlineData("--tlb-policy: unknown policy 'x'", "--addresses", "1", "--tlb-policy", "x")]
    [InlineData("no addresses", "--frames", "2")]
    public void Translate_BadOptions_OneLineExitTwo(string message, params string[] args)
    {
        var (code, output, error) = CliRunner.Run(["vm", "translate", .. args]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("page_size: 3000\naddresses: [1]\n", ":1: page_size: must be a power of two")]
    [InlineData("frames: 2\naddresses: [1, 0xfffff]\n", ":2: addresses[1]: 0x00000000000fffff is outside the 16-bit address space")]
    [InlineData("frames: 2\npolcy: lru\n", ":2: polcy: unknown field 'polcy' (did you mean 'policy'?)")]
    [InlineData("tlb:\n  entries: -1\n", ":2: tlb.entries: must not be negative")]
    [InlineData("policy: nope\n", ":1: policy: unknown policy 'nope'")]
    public void Translate_BadFile_NamesFileLineAndField(string yaml, string message)
    {
        using var dir = new TempDirectory();
        string file = dir.Write("space.yaml", yaml);

        var (code, _, error) = CliRunner.Run("vm", "translate", file);
        Assert.Equal(2, code);
        Assert.Contains(file + message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Thrash_LruBelowTheWorkingSet_FaultsOnAlmostEveryReferenceAndRecoversAtIt()
    {
        var root = Json("vm", "thrash", "--working-set", "8", "--frames", "1..12", "--length", "4000", "--locality", "1", "--json");

        var rates = root.GetProperty("points").EnumerateArray().ToDictionary(p => p.GetProperty("frames").GetInt32(), p => p.GetProperty("faults").GetInt64());
        // A pure loop over 8 pages: LRU misses every reference below 8 frames and only the 8 cold misses from 8 on.
        Assert.All(Enumerable.Range(1, 7), f => Assert.Equal(4000, rates[f]));
        Assert.All(Enumerable.Range(8, 5), f => Assert.Equal(8, rates[f]));
    }

    [Fact]
    public void Thrash_Svg_WrittenWithOneBarPerFrameCount()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "thrash.svg");

        var (code, _, error) = CliRunner.Run("vm", "thrash", "--working-set", "6", "--frames", "1..10", "--length", "2000", "--svg", path);
        Assert.True(code == 0, error);
        string svg = File.ReadAllText(path);
        Assert.Equal(10, svg.Split("<rect x=").Length - 1);
        Assert.Contains("working set", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--locality: must be between 0 and 1", "--locality", "1.5")]
    [InlineData("--pages: must be at least the working set", "--working-set", "10", "--pages", "5")]
    [InlineData("--frames: '5..2' is an empty range", "--frames", "5..2")]
    [InlineData("--policy: unknown policy", "--policy", "xyz")]
    public void Thrash_BadInput_OneLineExitTwo(string message, params string[] args)
    {
        var (code, _, error) = CliRunner.Run(["vm", "thrash", .. args]);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Vm_Help_HasExamples()
    {
        foreach (var args in new[] { new[] { "vm", "--help" }, new[] { "vm", "translate", "--help" }, new[] { "vm", "thrash", "--help" } })
        {
            var (code, output, _) = CliRunner.Run(args);
            Assert.Equal(0, code);
            Assert.Contains("Examples:", output, StringComparison.Ordinal);
        }
    }
}
