using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Labs;

public class ReadersWritersLabCommandTests
{
    [Fact]
    public void Run_PhaseFairJson_BothRolesAndNoViolation()
    {
        var (code, output, error) = LabAssert.Run("lab", "readers-writers", "--policy", "phase-fair", "--readers", "3", "--writers", "1", "--duration", "200ms", "--json");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        var result = Assert.Single(JsonDocument.Parse(output).RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal("phase-fair", result.GetProperty("policy").GetString());
        Assert.Equal(0, result.GetProperty("violations").GetInt64());
        var roles = result.GetProperty("roles").EnumerateArray().ToList();
        Assert.Equal(["readers", "writers"], roles.Select(r => r.GetProperty("role").GetString()));
        Assert.All(roles, r => Assert.True(r.GetProperty("max_wait_us").GetDouble() >= r.GetProperty("p999_wait_us").GetDouble()));
    }

    [Fact]
    public void Run_AllPolicies_TableWithAVerdictPerPolicy()
    {
        var (code, output, _) = LabAssert.Run("lab", "readers-writers", "--duration", "100ms");

        Assert.Equal(0, code);
        Assert.Contains("reader-preferring:", output, StringComparison.Ordinal);
        Assert.Contains("writer-preferring:", output, StringComparison.Ordinal);
        Assert.Contains("phase-fair:", output, StringComparison.Ordinal);
        Assert.Contains("no writer ever shared the lock", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--policy", "fair", "--policy: 'fair' is not one of readers, writers, phase-fair")]
    [InlineData("--duration", "2", "--duration: '2' is not a duration")]
    [InlineData("--readers", "0", "--readers: must be between 1 and")]
    public void Run_BadInput_OneLineErrorExitTwo(string option, string value, string message) =>
        LabAssert.BadInput(["lab", "readers-writers", option, value], message);

    [Fact]
    public void Help_ShowsExamples() => LabAssert.HelpWithExample("readers-writers", "arbiter lab readers-writers --policy readers");
}
