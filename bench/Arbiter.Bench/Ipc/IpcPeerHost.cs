using Arbiter.Ipc;

namespace Arbiter.Bench.Ipc;

/// <summary>Opens a connection to a real peer process (the arbiter program next to the benchmark's binaries) for a benchmark's lifetime.</summary>
internal static class IpcPeerHost
{
    public static IpcConnection Open(IpcTransport transport, int payloadBytes)
    {
        string arbiter = Path.Combine(AppContext.BaseDirectory, "arbiter.dll");
        if (!File.Exists(arbiter))
        {
            throw new FileNotFoundException($"the peer program is missing: {arbiter} (the bench project references Arbiter.Cli to put it there)");
        }

        // The deadline covers the connection's whole life, so it is generous: a benchmark keeps it open for minutes.
        var options = new IpcOptions { PayloadBytes = payloadBytes, SlowReaderDelay = TimeSpan.Zero, Timeout = TimeSpan.FromHours(1) };
        return IpcConnection.Open(transport, options, PeerLaunchers.ForProgram(arbiter, "lab", "ipc", "peer"), CancellationToken.None);
    }

    public static void Close(IpcConnection? connection)
    {
        if (connection is null)
        {
            return;
        }

        var delivery = connection.Finish();
        connection.Dispose();
        if (delivery.Intact != delivery.Received || delivery.InOrder != delivery.Received)
        {
            throw new InvalidOperationException($"the peer saw damaged frames: {delivery.FirstProblem}");
        }
    }
}
