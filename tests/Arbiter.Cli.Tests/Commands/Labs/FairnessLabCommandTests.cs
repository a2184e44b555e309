using System.Text.Json;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Labs;

namespace Arbiter.Cli.Tests.Commands.Labs;

public class FairnessLabCommandTests
{
    [Fact]
    public void Run_MutexJson_BargingAndHandoffRowsWithNoViolation()
    {
        var (code, output, error) = LabAssert.Run("lab", "fairness", "--primitive", "mutex", "--threads", "3", "--duration", "100ms", "--json");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        var results = JsonDocument.Parse(output).RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["barging", "fifo hand-off"], results.Select(r => r.GetProperty("policy").GetString()));
        Assert.All(results, r => Assert.Equal(0, r.GetProperty("violations").GetInt64()));
        Assert.All(results, r => Assert.True(r.GetProperty("roles")[0].GetProperty("acquisitions").GetInt64() > 0));
    }

    [Fact]
    public void Run_RwlockHandoff_ThreePoliciesWithFifoWriters()
    {
        var (code, output, _) = LabAssert.Run("lab", "fairness", "-p", "rwlock", "--handoff", "-t", "4", "-w", "1", "-d", "100ms", "--json");

        Assert.Equal(0, code);
        var results = JsonDocument.Parse(output).RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.EndsWith("(fifo writers)", r.GetProperty("policy").GetString(), StringComparison.Ordinal));
        Assert.All(results, r => Assert.Equal(1, r.GetProperty("roles")[1].GetProperty("threads").GetInt32()));
    }

    [Theory]
    [InlineData(new[] { "--primitive", "spinlock" }, "--primitive: 'spinlock' is not one of mutex, semaphore, rwlock")]
    [InlineData(new[] { "--threads", "4", "--writers", "5" }, "--writers must be between 0 and --threads (4), got 5")]
    [InlineData(new[] { "--duration", "0ms" }, "--duration: '0ms' is out of range")]
    [InlineData(new[] { "--threads", "0" }, "--threads: must be between 1 and")]
    public void Run_BadInput_OneLineErrorExitTwo(string[] args, string message) =>
        LabAssert.BadInput(["lab", "fairness", .. args], message);

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2000)]
    [InlineData(" 1.5S ", 1500)]
    [InlineData("1m", 60_000)]
    public void ParseDuration_WithUnit_Milliseconds(string text, double ms)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(ms), LabInput.ParseDuration(text, "--duration"));
    }

    [Theory]
    [InlineData("2")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("11m")]
    [InlineData("NaNs")]
    [InlineData("0.5ms")]
    public void ParseDuration_NoUnitOrOutOfRange_InputException(string text)
    {
        Assert.Throws<InputException>(() => LabInput.ParseDuration(text, "--duration"));
    }

    [Fact]
    public void Help_ShowsExamples() => LabAssert.HelpWithExample("fairness", "arbiter lab fairness --primitive mutex");
}
