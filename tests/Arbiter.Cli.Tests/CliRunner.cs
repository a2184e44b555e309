using Arbiter.Cli.App;

namespace Arbiter.Cli.Tests;

/// <summary>Runs the real <c>arbiter</c> command tree in-process, capturing stdout, stderr and the exit code.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = ArbiterApp.Run(args, output, error, terminal: false);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Path of a file under the repository's examples/ folder.</summary>
    public static string Example(string relative)
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !Directory.Exists(Path.Combine(directory, "examples")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return Path.Combine(directory ?? throw new InvalidOperationException("examples/ not found above the test binaries"), "examples", relative);
    }
}
