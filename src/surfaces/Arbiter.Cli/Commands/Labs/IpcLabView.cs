using Arbiter.Cli.Output;
using Arbiter.Ipc;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Labs;

/// <summary>How <c>arbiter lab ipc</c> shows its results: tables for people, one JSON document for scripts.</summary>
internal static class IpcLabView
{
    public static object Document(IpcOptions options, IReadOnlyList<IpcResult> results) => new
    {
        messages = options.Messages,
        size = options.PayloadBytes,
        frame_bytes = options.FrameBytes,
        round_trips = options.RoundTrips,
        slow_reader_us = options.SlowReaderDelay.TotalMicroseconds,
        parent_pid = Environment.ProcessId,
        results = results.Select(r => new
        {
            transport = IpcTransports.Name(r.Transport),
            peer_pid = r.PeerProcessId,
            delivery = new
            {
                all_intact_in_order = r.AllDelivered,
                frames_sent = r.FramesSent,
                received = r.PeerDelivery.Received,
                intact = r.PeerDelivery.Intact,
                in_order = r.PeerDelivery.InOrder,
                first_problem = r.PeerDelivery.FirstProblem,
                frames_returned = r.FramesReturned,
                returned_intact = r.ParentDelivery.Intact,
                returned_in_order = r.ParentDelivery.InOrder,
            },
            buffer = new { capacity_bytes = r.CapacityBytes, source = r.CapacitySource },
            throughput = new
            {
                messages = r.Throughput.Messages,
                elapsed_ms = r.Throughput.Elapsed.TotalMilliseconds,
                messages_per_s = r.Throughput.MessagesPerSecond,
                mb_per_s = r.Throughput.MegabytesPerSecond,
                blocked_writes = r.Throughput.BlockedWrites,
                writer_blocked_ms = r.Throughput.WriterBlocked.TotalMilliseconds,
            },
            latency_us = new
            {
                round_trips = r.Latency.RoundTrips,
                min = r.Latency.Min.TotalMicroseconds,
                p50 = r.Latency.Median.TotalMicroseconds,
                p99 = r.Latency.P99.TotalMicroseconds,
                max = r.Latency.Max.TotalMicroseconds,
            },
            backpressure = r.Backpressure is not { } b ? null : new
            {
                slow_reader_us = b.SlowReaderDelay.TotalMicroseconds,
                messages = b.Messages,
                elapsed_ms = b.Elapsed.TotalMilliseconds,
                blocked_writes = b.BlockedWrites,
                writer_blocked_ms = b.WriterBlocked.TotalMilliseconds,
                blocked_share = b.BlockedShare,
                capacity_bytes = b.CapacityBytes,
                max_occupancy_bytes = b.MaxOccupancyBytes,
                max_fill = b.MaxFill,
            },
        }),
    };

    public static void Render(IAnsiConsole console, IpcOptions options, IReadOnlyList<IpcResult> results)
    {
        console.MarkupLine($"[bold]IPC between two processes[/]: this one (pid {Environment.ProcessId}) and a peer it starts for each transport; " +
            $"{options.Messages:N0} messages of {options.PayloadBytes:N0} bytes ({options.FrameBytes:N0} on the wire), {options.RoundTrips:N0} round trips.");
        var speed = new Table().Border(TableBorder.Rounded).Title("Throughput (fast reader) and round-trip latency")
            .AddColumns("transport", "peer pid", "msgs/s", "MB/s", "elapsed", "RTT p50", "RTT p99", "RTT max");
        foreach (var r in results)
        {
            speed.AddRow(IpcTransports.Name(r.Transport), $"{r.PeerProcessId}", $"{r.Throughput.MessagesPerSecond:N0}", $"{r.Throughput.MegabytesPerSecond:N1}",
                LabInput.ShowDuration(r.Throughput.Elapsed), LabInput.ShowDuration(r.Latency.Median), LabInput.ShowDuration(r.Latency.P99), LabInput.ShowDuration(r.Latency.Max));
        }

        console.Write(speed);
        if (results.Any(r => r.Backpressure is not null))
        {
            var pressure = new Table().Border(TableBorder.Rounded).Title($"Backpressure: the reader pauses {LabInput.ShowDuration(options.SlowReaderDelay)} after each message")
                .AddColumns("transport", "buffer", "size from", "messages", "writer blocked", "share", "blocks", "max occupancy");
            foreach (var r in results.Where(r => r.Backpressure is not null))
            {
                var b = r.Backpressure!;
                pressure.AddRow(IpcTransports.Name(r.Transport), $"{b.CapacityBytes:N0} B", Format.Escape(r.CapacitySource), $"{b.Messages:N0}",
                    LabInput.ShowDuration(b.WriterBlocked), $"{b.BlockedShare:P0}", $"{b.BlockedWrites:N0}", $"{b.MaxOccupancyBytes:N0} B ({b.MaxFill:P0})");
            }

            console.Write(pressure);
        }

        foreach (var r in results)
        {
            string name = IpcTransports.Name(r.Transport);
            console.MarkupLine(r.AllDelivered
                ? $"[green]✓[/] {name}: {r.FramesSent:N0} frames to pid {r.PeerProcessId}, all intact and in order; {r.FramesReturned:N0} back, all intact and in order."
                : $"[red]✗[/] {name}: the peer received {r.PeerDelivery.Received:N0} of {r.FramesSent:N0} frames, {r.PeerDelivery.Intact:N0} intact, {r.PeerDelivery.InOrder:N0} in order; first problem: {Format.Escape(r.PeerDelivery.FirstProblem ?? r.ParentDelivery.FirstProblem ?? "frames missing")}.");
        }
    }
}
