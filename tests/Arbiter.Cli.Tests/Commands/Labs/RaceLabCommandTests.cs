using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Labs;

public class RaceLabCommandTests
{
    private static JsonElement Json(params string[] args)
    {
        var (code, output, error) = CliRunner.Run(args);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    [Fact]
    public void Race_TicketJson_CountsAddUpAndNothingIsLost()
    {
        var root = Json("lab", "race", "--threads", "3", "--iterations", "5000", "--lock", "ticket", "--json");

        Assert.Equal(3, root.GetProperty("threads").GetInt32());
        Assert.Equal(5000, root.GetProperty("iterations").GetInt64());
        var run = Assert.Single(root.GetProperty("results").EnumerateArray());
        Assert.Equal("ticket", run.GetProperty("lock").GetString());
        Assert.Equal(15_000, run.GetProperty("expected").GetInt64());
        Assert.Equal(15_000, run.GetProperty("actual").GetInt64());
        Assert.Equal(0, run.GetProperty("lost_updates").GetInt64());
        Assert.True(run.GetProperty("ns_per_increment").GetDouble() > 0);
        Assert.True(run.GetProperty("elapsed_ms").GetDouble() > 0);
        Assert.InRange(run.GetProperty("hand_offs").GetInt64(), 0, 14_999);
        Assert.Equal(1, run.GetProperty("attempts").GetInt32());
        Assert.InRange(run.GetProperty("concurrent_ms").GetDouble(), 0, run.GetProperty("elapsed_ms").GetDouble() + 0.001);
    }

    [Fact]
    public void Race_NoLockJson_HasNoHandOffCount()
    {
        var root = Json("lab", "race", "-n", "1000", "--json");

        var run = Assert.Single(root.GetProperty("results").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("hand_offs").ValueKind);
        int attempts = run.GetProperty("attempts").GetInt32();
        Assert.InRange(attempts, 1, 5);
        Assert.True(run.GetProperty("lost_updates").GetInt64() > 0 || attempts == 5, "a run without a lock that lost nothing must have used every attempt");
    }

    [Fact]
    public void Race_AllWithFourThreads_RunsEveryLockButPetersonAndSaysWhy()
    {
        var root = Json("lab", "race", "-t", "4", "-n", "2000", "--lock", "all", "--json");

        var locks = root.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("lock").GetString()).ToArray();
        Assert.Equal(new[] { "none", "mutex", "tas", "ttas", "ticket", "cas", "bakery" }, locks);
        foreach (var run in root.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("lock").GetString() != "none"))
        {
            Assert.Equal(0, run.GetProperty("lost_updates").GetInt64());
        }

        var skipped = Assert.Single(root.GetProperty("skipped").EnumerateArray());
        Assert.Equal("peterson", skipped.GetProperty("lock").GetString());
        Assert.Contains("exactly 2 threads", skipped.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Race_PetersonWithThreeThreads_IsBadInputOnOneLine()
    {
        var (code, output, error) = CliRunner.Run("lab", "race", "--lock", "peterson", "--threads", "3");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("--lock: peterson needs exactly 2 threads", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--threads", "0", "--threads: must be between 1 and 512, got 0")]
    [InlineData("--iterations", "0", "--iterations: must be between 1 and 1000000000, got 0")]
    public void Race_CountOutOfRange_IsBadInput(string option, string value, string message)
    {
        var (code, output, error) = CliRunner.Run("lab", "race", option, value);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"arbiter: {message}", error.Trim());
    }

    [Fact]
    public void Race_UnknownLock_IsUsageError()
    {
        var (code, _, error) = CliRunner.Run("lab", "race", "--lock", "spinny");

        Assert.Equal(2, code);
        Assert.Contains("spinny", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Race_HumanOutput_ShowsTheTableWithTheLock()
    {
        var (code, output, _) = CliRunner.Run("lab", "race", "-n", "1000", "--lock", "mutex");

        Assert.Equal(0, code);
        Assert.Contains("2 threads × 1,000 increments", output, StringComparison.Ordinal);
        Assert.Contains("blocking: sleeps in the kernel", output, StringComparison.Ordinal);
        Assert.Contains("hand-offs", output, StringComparison.Ordinal);
        Assert.Contains("lost updates", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Race_Help_ShowsExamples()
    {
        var (code, output, _) = CliRunner.Run("lab", "race", "--help");

        Assert.Equal(0, code);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
        Assert.Contains("arbiter lab race --lock all", output, StringComparison.Ordinal);
    }
}
