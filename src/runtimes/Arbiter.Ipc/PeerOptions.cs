using System.Globalization;

namespace Arbiter.Ipc;

/// <summary>
/// What the peer (child) process is told on its command line: the transport and how to reach the parent (inherited
/// pipe descriptors, a socket path or a shared-memory file), the largest payload, how slow to read in the
/// backpressure phase, and when to give up. One format, written by <see cref="ToArguments"/> and read by
/// <see cref="Parse"/>, so the parent and the child cannot disagree.
/// </summary>
internal sealed record PeerOptions
{
    public IpcTransport Transport { get; init; }

    public int MaxPayload { get; init; }

    public TimeSpan SlowReaderDelay { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public int ReadFd { get; init; } = -1;

    public int WriteFd { get; init; } = -1;

    public string? Path { get; init; }

    public IReadOnlyList<string> ToArguments()
    {
        var args = new List<string>
        {
            "--transport", IpcTransports.Name(Transport),
            "--max-payload", Text(MaxPayload),
            "--slow-reader-ns", Text((long)(SlowReaderDelay.Ticks * 100)),
            "--timeout-ms", Text((long)Timeout.TotalMilliseconds),
        };
        if (ReadFd >= 0)
        {
            args.AddRange(["--read-fd", Text(ReadFd), "--write-fd", Text(WriteFd)]);
        }

        if (Path is not null)
        {
            args.AddRange(["--path", Path]);
        }

        return args;
    }

    /// <exception cref="ArgumentException">An argument is unknown, missing or malformed.</exception>
    public static PeerOptions Parse(IReadOnlyList<string> args)
    {
        var options = new PeerOptions();
        bool sawTransport = false;
        for (int i = 0; i < args.Count; i += 2)
        {
            string name = args[i];
            string value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"peer: {name} needs a value");
            switch (name)
            {
                case "--transport":
                    options = options with { Transport = IpcTransports.TryParse(value, out var t) ? t : throw new ArgumentException($"peer: unknown transport '{value}'") };
                    sawTransport = true;
                    break;
                case "--max-payload":
                    options = options with { MaxPayload = (int)Number(name, value) };
                    break;
                case "--slow-reader-ns":
                    options = options with { SlowReaderDelay = TimeSpan.FromTicks(Number(name, value) / 100) };
                    break;
                case "--timeout-ms":
                    options = options with { Timeout = TimeSpan.FromMilliseconds(Number(name, value)) };
                    break;
                case "--read-fd":
                    options = options with { ReadFd = (int)Number(name, value) };
                    break;
                case "--write-fd":
                    options = options with { WriteFd = (int)Number(name, value) };
                    break;
                case "--path":
                    options = options with { Path = value };
                    break;
                default:
                    throw new ArgumentException($"peer: unknown argument '{name}'");
            }
        }

        if (!sawTransport)
        {
            throw new ArgumentException("peer: --transport is required");
        }

        bool reachable = options.Transport == IpcTransport.Pipe ? options.ReadFd >= 0 && options.WriteFd >= 0 : options.Path is not null;
        return reachable ? options : throw new ArgumentException($"peer: {IpcTransports.Name(options.Transport)} needs {(options.Transport == IpcTransport.Pipe ? "--read-fd and --write-fd" : "--path")}");
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static long Number(string name, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n <= int.MaxValue * 1000L
            ? n
            : throw new ArgumentException($"peer: {name} '{value}' is not a non-negative number");
}
