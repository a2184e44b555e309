using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Arbiter.Cli.App;
using Arbiter.Store.Client;
using Arbiter.Store.Gateway;

namespace Arbiter.Cli.Tests.Commands.Store;

/// <summary>
/// <c>arbiter store watch</c> across a restart of the member it watches (an in-process <c>arbiter store serve</c>):
/// every put printed once, in order; the reconnection said on stderr; a compaction while it was down is an error.
/// </summary>
public sealed class StoreWatchResumeTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>Runs the CLI on a thread, its stdout readable line by line while it runs.</summary>
    private static (Task<int> Exit, LineWriter Out, LineWriter Err) Start(params string[] args)
    {
        var output = new LineWriter();
        var error = new LineWriter();
        return (Task.Run(() => ArbiterApp.Run(args, output, error, terminal: false)), output, error);
    }

    [Fact]
    public async Task Watch_MemberRestartedMidWatch_EveryPutPrintedOnceInOrderAndTheReconnectOnStderr()
    {
        using var dir = new TempDirectory();
        await using var member = new SingleStoreMember(Path.Combine(dir.Path, "data"));
        await member.StartAsync();
        var expected = new List<string>();
        long start;
        using (var client = new StoreClient([member.Endpoint]))
        {
            start = (await client.PutAsync(B("elsewhere"), B("x"))).Header!.Revision + 1;
        }

        async Task PutAsync(int from, int to)
        {
            using var client = new StoreClient([member.Endpoint]);
            for (int i = from; i < to; i++)
            {
                string key = $"w/{i:00}";
                long revision = (await client.PutAsync(B(key), B($"v{i}"))).Header!.Revision;
                expected.Add(string.Create(CultureInfo.InvariantCulture, $"PUT {revision} {key} v{i}"));
            }
        }

        var (exit, output, error) = Start("store", "watch", "w/", "--prefix", "--rev", start.ToString(CultureInfo.InvariantCulture),
            "--count", "15", "--endpoints", member.Endpoint.ToString());
        await PutAsync(0, 5);
        await output.WaitForAsync(5);
        await member.StopAsync();
        await member.StartAsync();
        await PutAsync(5, 15);

        Assert.Equal(ArbiterApp.Ok, await exit.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(expected, output.Lines);
        // The first try may find the member still starting: then more lines, each from the same revision.
        string to = $"reconnecting to {member.Endpoint.ToString().TrimEnd('/')} from revision {start + 5}";
        Assert.Equal($"arbiter store watch: the server ended the stream; {to} in 100 ms", error.Lines[0]);
        Assert.All(error.Lines[1..], line => Assert.Matches($"^arbiter store watch: .*; {Regex.Escape(to)} in [0-9]+ ms \\(try [0-9]+\\)$", line));
    }

    [Fact]
    public async Task Watch_CompactedWhileTheMemberWasDown_EtcdsCompactionErrorExit1AfterTheEventsBefore()
    {
        using var dir = new TempDirectory();
        await using var member = new SingleStoreMember(Path.Combine(dir.Path, "data"));
        await member.StartAsync();
        long first;
        using (var client = new StoreClient([member.Endpoint]))
        {
            first = (await client.PutAsync(B("c/a"), B("1"))).Header!.Revision;
        }

        var (exit, output, error) = Start("store", "watch", "c/", "--prefix", "--rev", first.ToString(CultureInfo.InvariantCulture),
            "--endpoints", member.Endpoint.ToString());
        await output.WaitForAsync(1);
        await member.StopAsync();
        await member.StartAsync(serveClients: false); // the member is back, its client port not yet: the watch keeps retrying
        long last = 0;
        foreach (string value in (string[])["2", "3"])
        {
            last = (await member.Backend.PutAsync(new WirePutRequest { Key = B("c/a"), Value = B(value) }, CancellationToken.None)).Header!.Revision;
        }

        await member.Backend.CompactAsync(new WireCompactionRequest { Revision = last }, CancellationToken.None);
        await member.ServeClientsAsync();

        Assert.Equal(ArbiterApp.Fault, await exit.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal([$"PUT {first} c/a 1"], output.Lines);
        Assert.Equal(
            $"arbiter: watch canceled: etcdserver: mvcc: required revision has been compacted (resuming at revision {first + 1} after a reconnect; oldest kept: {last}) ({member.Endpoint.ToString().TrimEnd('/')})",
            error.Lines[^1]);
        Assert.All(error.Lines[..^1], line => Assert.StartsWith("arbiter store watch: ", line, StringComparison.Ordinal));
    }

    /// <summary>A writer whose complete lines can be read, and waited for, while another thread writes.</summary>
    private sealed class LineWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string[] Lines
        {
            get
            {
                lock (_text)
                {
                    string text = _text.ToString();
                    return text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
                }
            }
        }

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void WriteLine(string? value) => Write(value + "\n");

        public async Task WaitForAsync(int lines)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (Lines.Length < lines)
            {
                Assert.True(DateTime.UtcNow < deadline, $"waited 20 s for {lines} lines; have: {string.Join(" | ", Lines)}");
                await Task.Delay(10);
            }
        }
    }
}
