using System.Net;
using System.Net.Sockets;
using System.Text;
using Arbiter.Distributed.Tcp;
using Arbiter.Store.Client;

namespace Arbiter.Cli.Tests.Commands.StoreServe;

/// <summary><c>arbiter store serve</c>: help, one-line refusals of bad flags, and a real embedded member served over HTTP.</summary>
public class StoreServeCommandTests
{
    [Fact]
    public void Help_ShowsExamplesAndTheEmbeddedDefault()
    {
        var (code, output, _) = CliRunner.Run("store", "serve", "--help");

        Assert.Equal(0, code);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
        Assert.Contains("arbiter store serve --id 1 --listen 127.0.0.1:2379 --peers", output, StringComparison.Ordinal);
        Assert.Contains("embedded", output, StringComparison.Ordinal);
        Assert.Contains("3 removed from the cluster", output, StringComparison.Ordinal); // the exit code a removed member stops with
    }

    [Theory]
    [InlineData("--listen", "localhost", "--listen: 'localhost' is not IP:PORT")]
    [InlineData("--listen", "127.0.0.1", "--listen: '127.0.0.1' is not IP:PORT")]
    [InlineData("--peers", "2=127.0.0.1:2380,3=127.0.0.1:2381", "--peers: member 1 (--id) is not among them (2,3)")]
    [InlineData("--peers", "1=127.0.0.1:2380,1=127.0.0.1:2381", "--peers: entry 2 '1=127.0.0.1:2381': id 1 appears twice")]
    [InlineData("--election-ticks", "1", "--election-ticks: must be between 2 and 10000, got 1")]
    [InlineData("--snapshot-every", "-5", "--snapshot-every: must be 0 (never) or positive, got -5")]
    [InlineData("--tick", "fast", "--tick")]
    [InlineData("--id", "0", "--id: must be a positive integer, got 0")]
    public void BadFlag_OneLineNamingIt_Exit2_NothingStarted(string option, string value, string expected)
    {
        string data = Path.Combine(Path.GetTempPath(), "arbiter-serve-bad-" + Guid.NewGuid().ToString("N"));
        string[] listen = option == "--listen" ? [] : ["--listen", $"127.0.0.1:{LoopbackPorts.Pick()}"];
        var (code, output, error) = CliRunner.Run(["store", "serve", .. listen, "--data", data, option, value]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("arbiter: " + expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(data)); // nothing written
    }

    [Fact]
    public void ListenAddressTaken_OneLine_Exit2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, output, error) = CliRunner.Run("store", "serve", "--listen", $"127.0.0.1:{port}");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"arbiter: --listen: cannot serve on 127.0.0.1:{port}", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Serve_EmbeddedMember_ServesEtcdClientsThenStopsCleanly()
    {
        int port = LoopbackPorts.Pick();
        string data = Path.Combine(Path.GetTempPath(), "arbiter-serve-" + Guid.NewGuid().ToString("N"));
        try
        {
            Task<(int Code, string Out, string Err)> serving = Task.Run(() =>
                CliRunner.Run("store", "serve", "--id", "1", "--listen", $"127.0.0.1:{port}", "--data", data, "--tick", "20ms", "--duration", "4s"));
            using var client = new StoreClient([new Uri($"http://127.0.0.1:{port}/")], TimeSpan.FromSeconds(5));
            long revision = 0;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
            while (revision == 0)
            {
                try
                {
                    revision = (await client.PutAsync(Encoding.UTF8.GetBytes("cli/k"), Encoding.UTF8.GetBytes("v"))).Header!.Revision;
                }
                catch (StoreException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50);
                }
            }

            WireValue(await client.GetAsync(Encoding.UTF8.GetBytes("cli/k")), "v");
            var (code, output, error) = await serving.WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal(0, code);
            Assert.Equal($"arbiter store: member 1 ready: clients http://127.0.0.1:{port}/, no peers (embedded), data {Path.GetFullPath(data)} (fsync'd)", output.Trim());
            Assert.Contains("arbiter store: member 1: leader is 1 (this member), term 1", error, StringComparison.Ordinal);
            Assert.EndsWith("arbiter store: member 1 stopped", error.Trim(), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(data, "node-1.records")));
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static void WireValue(Arbiter.Store.Gateway.WireKeyValue? kv, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(Assert.IsType<Arbiter.Store.Gateway.WireKeyValue>(kv).Value!));
}
