using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Arbiter.Ipc.Framing;
using Arbiter.Ipc.Links;
using Arbiter.Ipc.Transports;

namespace Arbiter.Ipc;

/// <summary>
/// The other process of the lab (started as <c>arbiter lab ipc peer …</c>): it connects the way its arguments say,
/// checks every frame (checksum and sequence number), echoes pings, answers barriers, dawdles on slow data, and on
/// the end frame writes its <see cref="DeliveryReport"/> as one JSON line and returns.
/// </summary>
public static class IpcPeer
{
    /// <summary>Runs the peer. Returns the exit code (0).</summary>
    /// <param name="arguments">Written by the parent (see <see cref="PeerOptions"/>).</param>
    /// <param name="parentWatch">Standard input: its end-of-file means the parent is gone, and the peer gives up.</param>
    /// <param name="report">Standard output: the delivery report goes here.</param>
    /// <exception cref="ArgumentException">Malformed arguments.</exception>
    public static int Run(IReadOnlyList<string> arguments, Stream parentWatch, TextWriter report)
    {
        var options = PeerOptions.Parse(arguments);
        using var cancel = new CancellationTokenSource(options.Timeout);
        WatchParent(parentWatch, cancel);
        using var link = TransportHost.OpenPeer(options, cancel.Token);
        return Serve(link, options, report);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Serve(IFrameLink link, PeerOptions options, TextWriter report)
    {
        var check = new DeliveryCheck();
        long expected = 0;
        while (true)
        {
            var payload = link.Receive(out var header);
            check.Check(header, payload, expected);
            // Resynchronize on whatever arrived, so that one swap counts as one problem, not as every later frame.
            expected = header.Sequence + 1;
            switch (header.Kind)
            {
                case FrameKind.Ping:
                    // Same sequence and payload, so the same checksum: the parent checks the echo as it checked the ping.
                    link.Send(header with { Kind = FrameKind.Pong }, payload);
                    break;
                case FrameKind.Barrier:
                    link.Send(FrameHeader.For(FrameKind.BarrierAck, header.Sequence, []), []);
                    break;
                case FrameKind.SlowData:
                    Dawdle(options.SlowReaderDelay);
                    break;
                case FrameKind.End:
                    report.WriteLine(JsonSerializer.Serialize(check.Report()));
                    report.Flush();
                    return 0;
                default:
                    break;
            }
        }
    }

    /// <summary>The slow reader's pause: a real sleep from 1 ms up; below that a spin, since sleeps are rounded up to the timer's resolution.</summary>
    private static void Dawdle(TimeSpan delay)
    {
        if (delay >= TimeSpan.FromMilliseconds(1))
        {
            Thread.Sleep(delay);
            return;
        }

        long until = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(10);
        }
    }

    private static void WatchParent(Stream parentWatch, CancellationTokenSource cancel)
    {
        var watcher = new Thread(() =>
        {
            var buffer = new byte[64];
            try
            {
                while (parentWatch.Read(buffer) > 0)
                {
                }
            }
            catch (IOException)
            {
                // A broken stdin means the same as its end.
            }

            try
            {
                cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The peer already finished.
            }
        })
        {
            IsBackground = true,
            Name = "ipc-peer parent watch",
        };
        watcher.Start();
    }
}
