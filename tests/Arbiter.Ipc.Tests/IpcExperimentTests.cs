namespace Arbiter.Ipc.Tests;

/// <summary>
/// Two real processes. Serialized (one collection): each run starts a process and, on two cores, runs in parallel
/// would only make the timing-based assertions flaky. Every test is bounded by <see cref="IpcOptions.Timeout"/>
/// (the experiment kills its peer and throws when it is exceeded), so a hang becomes a failure.
/// </summary>
[Collection(nameof(TwoProcesses))]
public class IpcExperimentTests
{
    private static readonly IpcOptions Small = new()
    {
        Messages = 500,
        PayloadBytes = 100,
        RoundTrips = 50,
        SlowReaderDelay = TimeSpan.Zero,
        Timeout = TimeSpan.FromSeconds(20),
    };

    public static TheoryData<IpcTransport> Transports() => [.. IpcTransports.All];

    [Theory]
    [MemberData(nameof(Transports))]
    public void Run_SmallExchange_AllMessagesArriveIntactAndInOrder(IpcTransport transport)
    {
        var result = IpcExperiment.Run(transport, Small, Peers.Arbiter);

        Assert.True(result.AllDelivered, result.PeerDelivery.FirstProblem ?? result.ParentDelivery.FirstProblem);
        // hello barrier, 50 warm-up pings (min(100, round trips)), 50 timed pings, 500 data, barrier, end
        Assert.Equal(1 + 50 + 50 + 500 + 1 + 1, result.FramesSent);
        Assert.Equal(result.FramesSent, result.PeerDelivery.Received);
        Assert.Equal(1 + 100 + 1, result.FramesReturned);
        Assert.NotEqual(Environment.ProcessId, result.PeerProcessId);
        Assert.Equal(500, result.Throughput.Messages);
        Assert.True(result.Throughput.MessagesPerSecond > 0);
        Assert.Equal(50, result.Latency.RoundTrips);
        Assert.InRange(result.Latency.Median, result.Latency.Min, result.Latency.P99);
        Assert.True(result.Latency.P99 <= result.Latency.Max);
        Assert.Null(result.Backpressure);
        Assert.Empty(Peers.Leftovers());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void Run_SlowReader_WriterIsBlockedAndTheBufferFills(IpcTransport transport)
    {
        // 1000 + 24 = 1024-byte frames: four to a 4 KiB pipe page, so a full pipe holds exactly its capacity.
        var options = Small with { PayloadBytes = 1000, SlowReaderDelay = TimeSpan.FromMicroseconds(100) };

        var result = IpcExperiment.Run(transport, options, Peers.Arbiter);

        var b = Assert.IsType<BackpressureResult>(result.Backpressure);
        Assert.True(result.AllDelivered);
        Assert.True(b.BlockedWrites > 0, "the writer never found the buffer full");
        Assert.True(b.WriterBlocked > TimeSpan.Zero);
        Assert.True(b.WriterBlocked > b.Elapsed * 0.3, $"blocked {b.WriterBlocked} of {b.Elapsed}");
        Assert.True(b.CapacityBytes >= 4096);
        // Full to within one frame (the ring pads a 1024-byte frame to 1032 bytes; sockets count kernel memory, which
        // may run a chunk past the nominal size).
        Assert.True(b.MaxOccupancyBytes >= b.CapacityBytes - 1032, $"max occupancy {b.MaxOccupancyBytes} of {b.CapacityBytes}");
        Assert.True(b.Elapsed >= b.SlowReaderDelay * b.Messages, "the reader's pauses bound the phase from below");
    }

    [Fact]
    public void Run_Pipe_CapacityIsTheKernelsPipeSize()
    {
        var result = IpcExperiment.Run(IpcTransport.Pipe, Small, Peers.Arbiter);

        Assert.Equal("fcntl(F_GETPIPE_SZ)", result.CapacitySource);
        Assert.Equal(65536, result.CapacityBytes); // Linux default: 16 pages of 4 KiB
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void Run_PeerDiesAtOnce_ThrowsIpcPeerExceptionWithItsMessage(IpcTransport transport)
    {
        var error = Assert.Throws<IpcPeerException>(() => IpcExperiment.Run(transport, Small, Peers.Shell("echo 'peer broke down' >&2; exit 3")));

        Assert.Contains("exited with code 3: peer broke down", error.Message, StringComparison.Ordinal);
        Assert.Empty(Peers.Leftovers());
    }

    [Fact]
    public void Run_PeerHangs_TimesOutAndKillsIt()
    {
        string pidFile = Path.Combine(Path.GetTempPath(), $"ipc-hang-{Guid.NewGuid():N}.pid");
        try
        {
            var options = Small with { Timeout = TimeSpan.FromMilliseconds(500) };
            Assert.Throws<TimeoutException>(() => IpcExperiment.Run(IpcTransport.SharedMemory, options, Peers.Shell($"echo $$ > {pidFile}; exec sleep 30")));

            int pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(Directory.Exists($"/proc/{pid}"), $"peer {pid} is still there");
            Assert.Empty(Peers.Leftovers());
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void Run_CancelledMidStream_StopsThePeerAndRemovesItsFiles(IpcTransport transport)
    {
        var options = Small with { Messages = 100_000_000 };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));

        Assert.ThrowsAny<OperationCanceledException>(() => IpcExperiment.Run(transport, options, Peers.Arbiter, cancel.Token));

        Assert.Empty(Peers.Leftovers());
    }

    [Fact]
    public void Run_PeerProgramMissing_ThrowsIpcPeerException()
    {
        PeerLauncher missing = _ => new System.Diagnostics.ProcessStartInfo("/nonexistent/arbiter");

        var error = Assert.Throws<IpcPeerException>(() => IpcExperiment.Run(IpcTransport.Pipe, Small, missing));

        Assert.Contains("cannot start the peer process '/nonexistent/arbiter'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SharedMemorySizeLargerThanTheRing_IsRejectedBeforeAnythingStarts()
    {
        var options = Small with { PayloadBytes = 5000, RingCapacity = 4096 };

        var error = Assert.Throws<ArgumentException>(() => IpcExperiment.Run(IpcTransport.SharedMemory, options, Peers.Shell("exit 1")));

        Assert.Equal("--size 5000 does not fit the 4096-byte shared-memory ring (at most 4068 bytes of payload); raise --ring-size", error.Message);
    }
}
