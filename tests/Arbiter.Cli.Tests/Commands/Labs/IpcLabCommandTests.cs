using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Labs;

/// <summary>
/// <c>arbiter lab ipc</c> end to end: the command starts real peer processes (the arbiter program next to the tests).
/// Small counts keep each run to a fraction of a second; the experiment's own timeout turns a hang into a failure.
/// </summary>
public class IpcLabCommandTests
{
    [Fact]
    public void LabIpc_AllTransportsJson_EveryTransportDeliversEverythingIntactInOrder()
    {
        var (code, output, error) = CliRunner.Run("lab", "ipc", "--messages", "300", "--size", "64", "--round-trips", "20", "--slow-reader", "20us", "--timeout", "20s", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["pipe", "unix-socket", "shared-memory"], results.Select(r => r.GetProperty("transport").GetString()));
        foreach (var r in results)
        {
            var delivery = r.GetProperty("delivery");
            Assert.True(delivery.GetProperty("all_intact_in_order").GetBoolean());
            Assert.Equal(delivery.GetProperty("frames_sent").GetInt64(), delivery.GetProperty("received").GetInt64());
            Assert.Equal(300, r.GetProperty("throughput").GetProperty("messages").GetInt32());
            Assert.True(r.GetProperty("throughput").GetProperty("mb_per_s").GetDouble() > 0);
            Assert.True(r.GetProperty("latency_us").GetProperty("p99").GetDouble() >= r.GetProperty("latency_us").GetProperty("p50").GetDouble());
            var backpressure = r.GetProperty("backpressure");
            Assert.True(backpressure.GetProperty("blocked_writes").GetInt64() > 0, $"{r.GetProperty("transport")}: the writer never blocked");
            Assert.True(backpressure.GetProperty("max_occupancy_bytes").GetInt64() > 0);
            Assert.NotEqual(doc.RootElement.GetProperty("parent_pid").GetInt32(), r.GetProperty("peer_pid").GetInt32());
        }
    }

    [Fact]
    public void LabIpc_OneTransportHuman_ShowsTablesAndTheDeliveryLine()
    {
        var (code, output, error) = CliRunner.Run("lab", "ipc", "-t", "pipe", "-n", "200", "-s", "32", "--round-trips", "10", "--timeout", "20s");

        Assert.True(code == 0, error);
        Assert.Contains("Throughput (fast reader) and round-trip latency", output, StringComparison.Ordinal);
        Assert.Contains("Backpressure: the reader pauses 50 µs after each message", output, StringComparison.Ordinal);
        Assert.Contains("fcntl(F_GETPIPE_SZ)", output, StringComparison.Ordinal);
        Assert.Matches(@"✓ pipe: [\d,]+ frames to pid \d+, all intact and in order; [\d,]+ back, all intact and in order\.", output);
        Assert.DoesNotContain("unix-socket", output, StringComparison.Ordinal);
    }

    [Fact]
    public void LabIpc_SlowReaderZero_SkipsTheBackpressurePhase()
    {
        var (code, output, _) = CliRunner.Run("lab", "ipc", "-t", "shared-memory", "-n", "100", "--round-trips", "5", "--slow-reader", "0", "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("results")[0].GetProperty("backpressure").ValueKind);
    }

    [Theory]
    [InlineData("--size", "-1", "--size must be between 0 and 16777216 bytes (got -1)")]
    [InlineData("--messages", "0", "--messages must be between 1 and 100000000 (got 0)")]
    [InlineData("--round-trips", "0", "--round-trips must be between 1 and 10000000 (got 0)")]
    [InlineData("--slow-reader", "5", "--slow-reader: '5' is not a duration (use a number and a unit: 50us, 500ms, 2s, 1m)")]
    [InlineData("--slow-reader", "2s", "--slow-reader must be between 0 and 1s (got 2000 ms)")]
    [InlineData("--transport", "pipes", "--transport: unknown transport 'pipes' (use pipe, unix-socket, shared-memory or all)")]
    [InlineData("--ring-size", "1000", "--ring-size must be a power of two between 4096 and 1073741824 (got 1000)")]
    [InlineData("--size", "70000", "--size 70000 does not fit the 65536-byte shared-memory ring (at most 65508 bytes of payload); raise --ring-size")]
    [InlineData("--timeout", "soon", "--timeout: 'soon' is not a duration (use a number and a unit: 50us, 500ms, 2s, 1m)")]
    public void LabIpc_BadInput_OneLineAndExitCode2(string option, string value, string message)
    {
        var (code, output, error) = CliRunner.Run("lab", "ipc", option, value);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("arbiter: " + message, error.TrimEnd());
    }

    [Fact]
    public void LabIpc_Help_ShowsExamplesButNotTheHiddenPeer()
    {
        var (code, output, _) = CliRunner.Run("lab", "ipc", "--help");

        Assert.Equal(0, code);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
        Assert.Contains("arbiter lab ipc --transport pipe", output, StringComparison.Ordinal);
        Assert.DoesNotContain("peer ", output.Split("Options:")[1], StringComparison.Ordinal);
    }

    [Fact]
    public void LabIpcPeer_WithoutTheParentsArguments_IsUsageError()
    {
        var (code, _, error) = CliRunner.Run("lab", "ipc", "peer", "--transport", "unix-socket");

        Assert.Equal(2, code);
        Assert.Equal("arbiter: peer: unix-socket needs --path", error.TrimEnd());
    }
}
