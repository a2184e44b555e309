using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Labs;

public class PhilosophersLabCommandTests
{
    [Fact]
    public void Philosophers_NaiveJson_FindsAndBreaksADeadlock()
    {
        // 2 s with a 50 ms pause between the forks: a quiet machine deadlocks in the first round, but at a load
        // average of 20 (seen in CI-like runs) 500 ms could pass before all five threads held a fork at once.
        var (code, output, _) = LabAssert.Run("lab", "philosophers", "--strategy", "naive", "--duration", "2s", "--pause", "50ms", "--watchdog", "10ms", "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(5, root.GetProperty("philosophers").GetArrayLength());
        var deadlock = root.GetProperty("deadlocks").EnumerateArray().First();
        Assert.Equal(11, deadlock.GetProperty("cycle").GetArrayLength());
        Assert.True(root.GetProperty("recoveries").GetInt32() >= 1);
        Assert.Single(root.GetProperty("inversions").EnumerateArray());
    }

    [Fact]
    public void Philosophers_Ordered_TableShowsNoDeadlock()
    {
        var (code, output, _) = LabAssert.Run("lab", "philosophers", "--strategy", "ordered", "--seats", "3", "--duration", "300ms");

        Assert.Equal(0, code);
        Assert.Contains("philosopher 2", output, StringComparison.Ordinal);
        Assert.Contains("Watchdog: no deadlock.", output, StringComparison.Ordinal);
        Assert.Contains("Validator: no lock-order problem.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--seats", "1" }, "--seats")]
    [InlineData(new[] { "--duration", "soon" }, "--duration: 'soon' is not a duration")]
    [InlineData(new[] { "--strategy", "polite" }, "--strategy: 'polite' is not one of")]
    [InlineData(new[] { "--watchdog", "0ms" }, "--watchdog")]
    public void Philosophers_BadInput_OneLineExit2(string[] options, string message) =>
        LabAssert.BadInput(["lab", "philosophers", .. options], message);

    [Fact]
    public void Philosophers_Help_HasExamples() => LabAssert.HelpWithExample("philosophers", "arbiter lab philosophers --strategy ordered");
}
