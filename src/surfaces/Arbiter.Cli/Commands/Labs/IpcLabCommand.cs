using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Ipc;

namespace Arbiter.Cli.Commands.Labs;

/// <summary>
/// <c>arbiter lab ipc</c>: two real processes talking over a pipe, a Unix socket and shared memory — throughput,
/// round-trip latency and backpressure — with the measuring done by <see cref="IpcExperiment"/>; this file only parses
/// options and hands the results to <see cref="IpcLabView"/>.
/// </summary>
internal static class IpcLabCommand
{
    public static Command Build(CliContext context)
    {
        var defaults = new IpcOptions();
        var transport = new Option<string>("--transport", "-t") { Description = "pipe | unix-socket | shared-memory | all", DefaultValueFactory = _ => "all" };
        var messages = new Option<int>("--messages", "-n") { Description = "Messages in the throughput phase", DefaultValueFactory = _ => defaults.Messages };
        var size = new Option<int>("--size", "-s") { Description = "Payload bytes per message (each frame adds a 24-byte header)", DefaultValueFactory = _ => defaults.PayloadBytes };
        var roundTrips = new Option<int>("--round-trips") { Description = "Timed ping-pong round trips for the latency figures", DefaultValueFactory = _ => defaults.RoundTrips };
        var slowReader = new Option<string>("--slow-reader") { Description = "The reader's pause after each message in the backpressure phase (e.g. 50us, 1ms; 0 skips the phase)", DefaultValueFactory = _ => "50us" };
        var backpressureMessages = new Option<int?>("--backpressure-messages") { Description = "Messages in the backpressure phase (default: enough to fill the buffer about 4 times)" };
        var ringSize = new Option<int>("--ring-size") { Description = "Bytes of each shared-memory ring, a power of two", DefaultValueFactory = _ => defaults.RingCapacity };
        var timeout = new Option<string>("--timeout") { Description = "Give up (and stop the peer) after this long per transport", DefaultValueFactory = _ => "60s" };
        var json = CommonOptions.Json();
        var command = new Command("ipc", """
            Two real processes — this one and a peer it starts (`arbiter` again) — exchange length-prefixed messages,
            each checked by the receiver (sequence number and CRC-32C), over:
              pipe           two anonymous pipes inherited by the peer (capacity read with fcntl F_GETPIPE_SZ)
              unix-socket    an AF_UNIX stream socket in a fresh temp directory (send buffer SO_SNDBUF)
              shared-memory  two single-producer single-consumer rings in a file under /dev/shm (a futex wakes a
                             side that fell asleep; no system call otherwise)
            Phases: latency (ping-pong round trips), throughput (a stream to a fast reader), backpressure (a stream to
            a reader that pauses after each message: the writer fills the buffer and is blocked; its blocked time and
            the buffer's occupancy are measured).

            Examples:
              arbiter lab ipc
              arbiter lab ipc --transport pipe --messages 100000 --size 4096
              arbiter lab ipc -t shared-memory --slow-reader 200us --json
            """) { transport, messages, size, roundTrips, slowReader, backpressureMessages, ringSize, timeout, json };
        command.Subcommands.Add(IpcPeerCommand.Build(context));
        command.SetAction((parse, cancel) => Task.FromResult(ArbiterApp.Guard(context, () =>
        {
            var options = new IpcOptions
            {
                Messages = parse.GetValue(messages),
                PayloadBytes = parse.GetValue(size),
                RoundTrips = parse.GetValue(roundTrips),
                SlowReaderDelay = LabInput.ParseDuration(parse.GetValue(slowReader)!, "--slow-reader", TimeSpan.Zero, TimeSpan.FromSeconds(10)),
                BackpressureMessages = parse.GetValue(backpressureMessages),
                RingCapacity = parse.GetValue(ringSize),
                Timeout = LabInput.ParseDuration(parse.GetValue(timeout)!, "--timeout", TimeSpan.Zero, TimeSpan.FromHours(1)),
            };
            string chosen = parse.GetValue(transport)!;
            var transports = chosen == "all" ? IpcTransports.All : [IpcTransports.TryParse(chosen, out var t) ? t : throw new InputException($"--transport: unknown transport '{chosen}' (use pipe, unix-socket, shared-memory or all)")];
            try
            {
                foreach (var each in transports)
                {
                    options.Validate(each);
                }
            }
            catch (ArgumentException e)
            {
                throw new InputException(e.Message);
            }

            var launcher = PeerLaunchers.ForProgram(typeof(ArbiterApp).Assembly.Location, "lab", "ipc", "peer");
            var results = new List<IpcResult>();
            try
            {
                foreach (var each in transports)
                {
                    results.Add(IpcExperiment.Run(each, options, launcher, cancel));
                }
            }
            catch (Exception e) when (e is IpcPeerException or TimeoutException or OperationCanceledException)
            {
                // Ctrl+C or SIGTERM cancels the token: the experiment has already stopped its peer and removed its files.
                string why = e is OperationCanceledException ? "interrupted; the peer was stopped" : e.Message;
                context.Err.WriteLine($"arbiter: lab ipc: {why}");
                return ArbiterApp.Fault;
            }

            if (parse.GetValue(json))
            {
                context.Json(IpcLabView.Document(options, results));
            }
            else
            {
                IpcLabView.Render(context.Console, options, results);
            }

            return ArbiterApp.Ok;
        })));
        return command;
    }
}
