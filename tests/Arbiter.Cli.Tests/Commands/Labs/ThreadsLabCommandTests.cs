using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Labs;

public class ThreadsLabCommandTests
{
    [Fact]
    public void Threads_AllModelsJson_ReportsCreationAndSwitchPerModel()
    {
        var (code, output, error) = CliRunner.Run("lab", "threads", "--count", "20", "--round-trips", "50", "--json");

        Assert.True(code == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(20, root.GetProperty("count").GetInt32());
        Assert.Equal(50, root.GetProperty("round_trips").GetInt32());
        var results = root.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(new[] { "os-thread", "thread-pool", "async" }, results.Select(r => r.GetProperty("model").GetString()));
        foreach (var r in results)
        {
            Assert.Equal(20, r.GetProperty("creation").GetProperty("units").GetInt32());
            Assert.True(r.GetProperty("creation").GetProperty("ns_per_unit").GetDouble() > 0);
            Assert.Equal(100, r.GetProperty("context_switch").GetProperty("hand_offs").GetInt32());
            Assert.True(r.GetProperty("context_switch").GetProperty("ns_per_hand_off").GetDouble() > 0);
        }
    }

    [Fact]
    public void Threads_OneModelHuman_ShowsOnlyThatModel()
    {
        var (code, output, _) = CliRunner.Run("lab", "threads", "--model", "async", "-n", "10", "-r", "10");

        Assert.Equal(0, code);
        Assert.Contains("async", output, StringComparison.Ordinal);
        Assert.Contains("SemaphoreSlim.WaitAsync", output, StringComparison.Ordinal);
        Assert.DoesNotContain("os-thread", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Threads_CountZero_IsBadInputOnOneLine()
    {
        var (code, output, error) = CliRunner.Run("lab", "threads", "--count", "0");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("arbiter: --count: must be between 1 and 100000, got 0", error.Trim());
    }

    [Fact]
    public void Threads_UnknownModel_IsUsageError()
    {
        var (code, _, error) = CliRunner.Run("lab", "threads", "--model", "green-threads");

        Assert.Equal(2, code);
        Assert.Contains("green-threads", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Threads_Help_ShowsExamples()
    {
        var (code, output, _) = CliRunner.Run("lab", "threads", "--help");

        Assert.Equal(0, code);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
        Assert.Contains("arbiter lab threads --model os-thread", output, StringComparison.Ordinal);
    }
}
