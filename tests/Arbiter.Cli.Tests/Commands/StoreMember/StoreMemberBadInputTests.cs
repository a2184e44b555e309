namespace Arbiter.Cli.Tests.Commands.StoreMember;

/// <summary>Bad input to <c>arbiter store member</c> and <c>serve --join</c>: one line on stderr, exit 2, nothing sent (port 9 has no server).</summary>
public class StoreMemberBadInputTests
{
    private const string Nowhere = "http://127.0.0.1:9";

    [Theory]
    [InlineData("arbiter: ID: 'four' is not a member id (a positive decimal number such as 4, or hexadecimal with 0x as etcdctl prints it)", "remove", "four")]
    [InlineData("arbiter: ID: '0' is not a member id (a positive decimal number such as 4, or hexadecimal with 0x as etcdctl prints it)", "promote", "0")]
    [InlineData("arbiter: ID: '0x' is not a member id (a positive decimal number such as 4, or hexadecimal with 0x as etcdctl prints it)", "remove", "0x")]
    [InlineData("arbiter: ID: '18446744073709551616' is not a member id (a positive decimal number such as 4, or hexadecimal with 0x as etcdctl prints it)", "remove", "18446744073709551616")]
    [InlineData("arbiter: PEER-URL: '127.0.0.1:2386' is not a peer URL such as http://127.0.0.1:2386 (scheme, host and port; no path)", "add", "127.0.0.1:2386")]
    [InlineData("arbiter: PEER-URL: 'http://127.0.0.1' is not a peer URL such as http://127.0.0.1:2386 (scheme, host and port; no path)", "add", "http://127.0.0.1")]
    [InlineData("arbiter: PEER-URL: 'http://127.0.0.1:2386/raft' is not a peer URL such as http://127.0.0.1:2386 (scheme, host and port; no path)", "add", "http://127.0.0.1:2386/raft")]
    [InlineData("arbiter: --id: 'x' is not a member id (a positive decimal number such as 4, or hexadecimal with 0x as etcdctl prints it)", "add", "http://127.0.0.1:2386", "--id", "x")]
    [InlineData("arbiter: --wait: 'long' is not a duration (use a number and a unit: 50us, 500ms, 2s, 1m)", "promote", "4", "--wait", "long")]
    public void BadInput_OneLineExit2NothingPrinted(string expected, params string[] args)
    {
        var (code, output, error) = CliRunner.Run(["store", "member", .. args, "--endpoints", Nowhere]);

        Assert.Equal((2, "", expected), (code, output, error.TrimEnd()));
    }

    [Theory]
    [InlineData("arbiter: --join: needs --peers with the running members and this one (ID=IP:PORT,…)", "--join")]
    [InlineData("arbiter: --join: needs --peers with the running members and this one (ID=IP:PORT,…)", "--join", "--peers", "1=127.0.0.1:2")]
    public void ServeJoin_WithoutPeers_OneLineExit2(string expected, params string[] args)
    {
        var (code, output, error) = CliRunner.Run(["store", "serve", "--id", "1", "--listen", "127.0.0.1:1", .. args]);

        Assert.Equal((2, "", expected), (code, output, error.TrimEnd()));
    }

    [Fact]
    public void Remove_NoServer_RefusalOneLineExit1()
    {
        var (code, output, error) = CliRunner.Run("store", "member", "remove", "0x8e9e05c52164694d", "--endpoints", Nowhere);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("arbiter: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_EveryMemberCommand_HasExamples()
    {
        foreach (string[] command in (string[][])[["member"], ["member", "list"], ["member", "add"], ["member", "promote"], ["member", "remove"]])
        {
            var (code, output, _) = CliRunner.Run(["store", .. command, "--help"]);
            Assert.Equal(0, code);
            Assert.Contains("Examples:", output, StringComparison.Ordinal);
        }
    }
}
