namespace Arbiter.Ipc.Tests;

public class PeerOptionsTests
{
    [Fact]
    public void ToArgumentsParse_PipeOptions_RoundTrip()
    {
        var options = new PeerOptions { Transport = IpcTransport.Pipe, MaxPayload = 4096, SlowReaderDelay = TimeSpan.FromMicroseconds(50), Timeout = TimeSpan.FromSeconds(3), ReadFd = 7, WriteFd = 10 };
        Assert.Equal(options, PeerOptions.Parse(options.ToArguments()));
    }

    [Fact]
    public void ToArgumentsParse_SocketOptions_RoundTrip()
    {
        var options = new PeerOptions { Transport = IpcTransport.UnixSocket, MaxPayload = 0, Path = "/tmp/x y/peer.sock" };
        Assert.Equal(options, PeerOptions.Parse(options.ToArguments()));
    }

    [Theory]
    [InlineData("--transport", "pipe")]
    [InlineData("--transport", "carrier-pigeon", "--path", "/x")]
    [InlineData("--transport", "unix-socket", "--bogus", "1")]
    [InlineData("--transport", "unix-socket", "--path")]
    [InlineData("--path", "/x")]
    [InlineData("--transport", "pipe", "--read-fd", "-1", "--write-fd", "3")]
    public void Parse_BadArguments_ThrowsArgumentException(params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => PeerOptions.Parse(args));
        Assert.StartsWith("peer: ", error.Message, StringComparison.Ordinal);
    }
}
