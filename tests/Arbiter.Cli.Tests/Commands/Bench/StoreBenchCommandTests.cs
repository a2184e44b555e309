namespace Arbiter.Cli.Tests.Commands.Bench;

public class StoreBenchCommandTests
{
    [Theory]
    [InlineData("nope", "arbiter: --endpoints: 'nope' is not an http(s) URL such as http://127.0.0.1:2379")]
    [InlineData("http://127.0.0.1:2379,ftp://x", "arbiter: --endpoints: 'ftp://x' is not an http(s) URL such as http://127.0.0.1:2379")]
    public void BenchStore_BadEndpoint_OneLineExit2(string endpoints, string expected)
    {
        var (code, output, error) = CliRunner.Run("bench", "store", "--endpoints", endpoints);

        Assert.Equal(2, code);
        Assert.Equal(expected, error.TrimEnd());
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("--clients", "0", "arbiter: --clients: must be between 1 and 4096, got 0")]
    [InlineData("--value-size", "-1", "arbiter: --value-size: must be between 0 and 1048576, got -1")]
    public void BenchStore_BadCounts_OneLineExit2(string option, string value, string expected)
    {
        var (code, _, error) = CliRunner.Run("bench", "store", "--endpoints", "http://127.0.0.1:9", option, value);

        Assert.Equal(2, code);
        Assert.Equal(expected, error.TrimEnd());
    }

    [Fact]
    public void BenchStore_NothingListening_SaysNoRequestSucceeded()
    {
        var (code, output, error) = CliRunner.Run("bench", "store", "--endpoints", "http://127.0.0.1:9", "--ops", "3", "--clients", "1");

        Assert.Equal(2, code);
        Assert.StartsWith("arbiter: --endpoints: no request succeeded (http://127.0.0.1:9/", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Empty(output);
    }
}
