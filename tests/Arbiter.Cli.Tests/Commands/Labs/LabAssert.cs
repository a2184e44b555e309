namespace Arbiter.Cli.Tests.Commands.Labs;

/// <summary>The command-line contract checks every lab test repeats: one-line errors with exit 2, help with examples.</summary>
internal static class LabAssert
{
    /// <summary>Runs the command like <see cref="CliRunner.Run"/>, failing instead of hanging if a lab never ends.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var task = Task.Factory.StartNew(() => CliRunner.Run(args), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60)), $"'arbiter {string.Join(' ', args)}' did not finish within 60 s");
        return task.GetAwaiter().GetResult();
    }

    public static void BadInput(string[] args, string message)
    {
        var (code, output, error) = Run(args);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    public static void HelpWithExample(string lab, string example)
    {
        var (code, output, _) = Run("lab", lab, "--help");

        Assert.Equal(0, code);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
        Assert.Contains(example, output, StringComparison.Ordinal);
    }
}
