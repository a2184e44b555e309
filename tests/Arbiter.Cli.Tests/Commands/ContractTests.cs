namespace Arbiter.Cli.Tests.Commands;

/// <summary>The contracts every command shares (DESIGN.md): exit codes, one-line errors, --help with examples.</summary>
public class ContractTests
{
    public static TheoryData<string[]> Commands() => new()
    {
        new[] { "bankers", "check" },
        new[] { "bankers", "request" },
        new[] { "deadlock", "detect" },
        new[] { "deadlock", "graph" },
        new[] { "deadlock", "recover" },
        new[] { "deadlock", "prevent" },
        new[] { "lab", "tour" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_EveryCommand_ShowsExamplesAndExitsZero(string[] command)
    {
        var (code, output, _) = CliRunner.Run([.. command, "--help"]);

        Assert.Equal(0, code);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
        Assert.Contains("arbiter " + string.Join(' ', command), output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_IsUsageErrorOnOneLine()
    {
        var (code, output, error) = CliRunner.Run("deadlock", "detec", "x.yaml");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("detec", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bankers", "check")]
    [InlineData("deadlock", "detect")]
    [InlineData("deadlock", "recover")]
    public void MissingFile_SaysSoWithExitCode2(string area, string verb)
    {
        var (code, output, error) = CliRunner.Run(area, verb, "/nonexistent/state.yaml");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("arbiter: /nonexistent/state.yaml: no such file", error.Trim());
    }

    [Fact]
    public void BadOptionValue_IsUsageError()
    {
        var (code, _, error) = CliRunner.Run("deadlock", "recover", CliRunner.Example("deadlock/deadlocked.yaml"), "--strategy", "pray");

        Assert.Equal(2, code);
        Assert.Contains("pray", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadWeights_IsUsageError()
    {
        var (code, _, error) = CliRunner.Run("deadlock", "recover", CliRunner.Example("deadlock/deadlocked.yaml"), "--weights", "luck=3");

        Assert.Equal(2, code);
        Assert.Contains("unknown weight 'luck'", error, StringComparison.Ordinal);
    }
}
