namespace Arbiter.Ipc;

/// <summary>The transports' command-line names: <c>pipe</c>, <c>unix-socket</c>, <c>shared-memory</c>.</summary>
public static class IpcTransports
{
    /// <summary>Every transport, in the order the lab runs them.</summary>
    public static IReadOnlyList<IpcTransport> All { get; } = [IpcTransport.Pipe, IpcTransport.UnixSocket, IpcTransport.SharedMemory];

    /// <summary>The name of <paramref name="transport"/> on the command line and in JSON.</summary>
    public static string Name(IpcTransport transport) => transport switch
    {
        IpcTransport.Pipe => "pipe",
        IpcTransport.UnixSocket => "unix-socket",
        IpcTransport.SharedMemory => "shared-memory",
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, null),
    };

    /// <summary>The transport called <paramref name="name"/>, if any.</summary>
    public static bool TryParse(string name, out IpcTransport transport)
    {
        foreach (var t in All)
        {
            if (string.Equals(Name(t), name, StringComparison.Ordinal))
            {
                transport = t;
                return true;
            }
        }

        transport = default;
        return false;
    }
}
