using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Labs;

public class BoundedBufferLabCommandTests
{
    [Fact]
    public void Run_SmallBuffer_EveryItemExactlyOnceInTheTable()
    {
        var (code, output, error) = LabAssert.Run("lab", "bounded-buffer", "--producers", "3", "--consumers", "2", "--capacity", "2", "--items", "5000");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("every item exactly once │ yes", output, StringComparison.Ordinal);
        Assert.Contains("never above capacity    │ yes", output, StringComparison.Ordinal);
        Assert.Contains("producers blocked", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Json_ChecksHoldAndOccupancyWithinCapacity()
    {
        var (code, output, _) = LabAssert.Run("lab", "bounded-buffer", "-p", "2", "-c", "1", "-n", "3", "-k", "3000", "--consume-work", "200", "--handoff", "--json");

        Assert.Equal(0, code);
        var doc = JsonDocument.Parse(output).RootElement;
        Assert.True(doc.GetProperty("exactly_once").GetBoolean());
        Assert.True(doc.GetProperty("checksum_matches").GetBoolean());
        Assert.Equal(3000, doc.GetProperty("consumed").GetInt64());
        Assert.InRange(doc.GetProperty("max_occupancy").GetInt32(), 1, 3);
        Assert.True(doc.GetProperty("producers_blocked_ms").GetDouble() >= 0);
    }

    [Theory]
    [InlineData("--capacity", "0", "--capacity: must be between 1 and")]
    [InlineData("--items", "-5", "--items: must be between 1 and")]
    [InlineData("--producers", "100000", "--producers: must be between 1 and 256")]
    [InlineData("--consume-work", "-1", "--consume-work must be between 0")]
    public void Run_BadCount_OneLineErrorExitTwoNothingOnStdout(string option, string value, string message) =>
        LabAssert.BadInput(["lab", "bounded-buffer", option, value], message);

    [Fact]
    public void Help_ShowsExamples() => LabAssert.HelpWithExample("bounded-buffer", "arbiter lab bounded-buffer --producers 2");
}
