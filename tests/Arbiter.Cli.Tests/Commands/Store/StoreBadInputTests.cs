namespace Arbiter.Cli.Tests.Commands.Store;

/// <summary>Bad flags and input: one line on stderr naming what is wrong, exit 2, nothing sent (port 9 has no server).</summary>
public class StoreBadInputTests
{
    private const string Nowhere = "http://127.0.0.1:9";

    [Theory]
    [InlineData("arbiter: --endpoints: 'nope' is not an http(s) URL such as http://127.0.0.1:2379", "get", "k", "--endpoints", "nope")]
    [InlineData("arbiter: --timeout: 'soon' is not a duration (use a number and a unit: 50us, 500ms, 2s, 1m)", "get", "k", "--timeout", "soon", "--endpoints", Nowhere)]
    [InlineData("arbiter: --prefix and --range-end: give one or the other", "get", "k", "--prefix", "--range-end", "z", "--endpoints", Nowhere)]
    [InlineData("arbiter: --limit: must be ≥ 0 (0: no limit), got -1", "get", "k", "--limit", "-1", "--endpoints", Nowhere)]
    [InlineData("arbiter: --rev: must be a revision ≥ 0 (0: the current one), got -3", "watch", "k", "--rev", "-3", "--endpoints", Nowhere)]
    [InlineData("arbiter: --count: must be a whole number ≥ 1, got 0", "watch", "k", "--count", "0", "--endpoints", Nowhere)]
    [InlineData("arbiter: --lease: 'xyz' is not a lease id (hexadecimal, as 'lease grant' prints it, e.g. 694d7a3e2b5c1e04)", "put", "k", "v", "--lease", "xyz", "--endpoints", Nowhere)]
    [InlineData("arbiter: TTL: must be a number of seconds between 1 and 9000000000, got 0", "lease", "grant", "0", "--endpoints", Nowhere)]
    [InlineData("arbiter: --ttl: must be a number of seconds between 1 and 9000000000, got 0", "lock", "l", "--ttl", "0", "--endpoints", Nowhere)]
    [InlineData("arbiter: --wait: 'forever' is not a duration (use a number and a unit: 50us, 500ms, 2s, 1m)", "lock", "l", "--wait", "forever", "--endpoints", Nowhere)]
    [InlineData("arbiter: --detach: cannot also run a command (the command runs while the lock is held, then it is released)", "lock", "l", "--detach", "--endpoints", Nowhere, "--", "true")]
    [InlineData("arbiter: VALUE: give a value to campaign with, or --listen to observe", "elect", "e", "--endpoints", Nowhere)]
    [InlineData("arbiter: VALUE: --listen observes; give a VALUE only to campaign", "elect", "e", "v", "--listen", "--endpoints", Nowhere)]
    [InlineData("arbiter: --units: must be between 1 and --permits (2), got 3", "sem", "s", "--permits", "2", "--units", "3", "--endpoints", Nowhere)]
    [InlineData("arbiter: --permits: must be between 1 and 1000000, got 0", "sem", "s", "--permits", "0", "--endpoints", Nowhere)]
    [InlineData("arbiter: --read or --write: give exactly one", "rwlock", "r", "--read", "--write", "--endpoints", Nowhere)]
    [InlineData("arbiter: --read or --write: give exactly one", "rwlock", "r", "--endpoints", Nowhere)]
    [InlineData("arbiter: --parties: must be between 1 and 1000000, got -1", "barrier", "b", "--parties", "-1", "--endpoints", Nowhere)]
    public void BadInput_OneLineExit2NothingPrinted(string expected, params string[] args)
    {
        var (code, output, error) = CliRunner.Run(["store", .. args]);

        Assert.Equal((2, "", expected), (code, output, error.TrimEnd()));
    }

    [Fact]
    public void Sem_PermitsMissing_ParserErrorOneLineExit2()
    {
        var (code, _, error) = CliRunner.Run("store", "sem", "s", "--endpoints", Nowhere);

        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("--permits", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_EveryEndpointRefused_OneLineNamingEachExit1()
    {
        var (code, output, error) = CliRunner.Run("store", "get", "k", "--endpoints", "http://127.0.0.1:9,http://127.0.0.1:7");

        Assert.Equal((1, ""), (code, output));
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("arbiter: http://127.0.0.1:9/: ", error, StringComparison.Ordinal);
        Assert.Contains("; http://127.0.0.1:7/: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Txn_BadFile_FileLineAndFieldExit2()
    {
        using var dir = new TempDirectory();
        string file = dir.Write("bad.yaml", "compare:\n  - {key: k, target: colour, operand: 1}\n");

        var (code, output, error) = CliRunner.Run("store", "txn", file, "--endpoints", Nowhere);

        Assert.Equal((2, ""), (code, output));
        Assert.Equal($"arbiter: {file}:2: compare[0].target: 'colour' is not one of value, version, create, mod, lease", error.TrimEnd());
    }

    [Theory]
    [InlineData("help")]
    [InlineData("put")]
    [InlineData("get")]
    [InlineData("del")]
    [InlineData("txn")]
    [InlineData("watch")]
    [InlineData("lease")]
    [InlineData("lock")]
    [InlineData("elect")]
    [InlineData("sem")]
    [InlineData("rwlock")]
    [InlineData("barrier")]
    [InlineData("locks")]
    [InlineData("status")]
    public void Help_EveryCommand_HasExamples(string command)
    {
        string[] args = command == "help" ? ["store", "--help"] : ["store", command, "--help"];

        var (code, output, _) = CliRunner.Run(args);

        Assert.Equal(0, code);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
    }
}
