using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Tcp;

/// <summary>
/// The floor under a replicated put on this machine (issue 7: "single-client put latency within 2× of one fsync
/// plus one loopback round trip"): a 64-byte round trip over a loopback TCP connection to an echo task (the
/// baseline), an fsync'd append of a 64-byte record, and the two in sequence.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "Disposed in [GlobalCleanup].")]
public class TcpFloorBench
{
    private readonly byte[] _record = new byte[64];
    private readonly byte[] _reply = new byte[64];
    private string _directory = "";
    private FileStream _file = null!;
    private TcpListener _listener = null!;
    private TcpClient _client = null!;
    private TcpClient _server = null!;
    private NetworkStream _stream = null!;
    private Task _echo = Task.CompletedTask;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "arbiter-floor-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _file = new FileStream(Path.Combine(_directory, "records"), FileMode.Create, FileAccess.Write, FileShare.Read);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _client = new TcpClient { NoDelay = true };
        _client.Connect((IPEndPoint)_listener.LocalEndpoint);
        _server = _listener.AcceptTcpClient();
        _server.NoDelay = true;
        _stream = _client.GetStream();
        NetworkStream serverStream = _server.GetStream();
        _echo = Task.Run(() =>
        {
            var buffer = new byte[64];
            try
            {
                while (true)
                {
                    serverStream.ReadExactly(buffer);
                    serverStream.Write(buffer);
                }
            }
            catch (Exception e) when (e is IOException or EndOfStreamException or ObjectDisposedException)
            {
            }
        });
    }

    [Benchmark(Baseline = true)]
    public int LoopbackRoundTrip()
    {
        _stream.Write(_record);
        _stream.ReadExactly(_reply);
        return _reply[0];
    }

    [Benchmark]
    public long FsyncSmallRecord()
    {
        _file.Write(_record);
        _file.Flush(flushToDisk: true);
        return _file.Position;
    }

    [Benchmark]
    public long FsyncThenRoundTrip() => FsyncSmallRecord() + LoopbackRoundTrip();

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _server.Dispose();
        _listener.Stop();
        _echo.Wait(TimeSpan.FromSeconds(5));
        _file.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
