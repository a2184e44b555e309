namespace Arbiter.Cli.Tests.Commands.Labs;

/// <summary>The command-line contract checks every lab test repeats: one-line errors with exit 2, help with examples.</summary>
internal static class LabAssert
{
    public static void BadInput(string[] args, string message)
    {
        var (code, output, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    public static void HelpWithExample(string lab, string example)
    {
        var (code, output, _) = CliRunner.Run("lab", lab, "--help");

        Assert.Equal(0, code);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
        Assert.Contains(example, output, StringComparison.Ordinal);
    }
}
