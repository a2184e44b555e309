namespace Arbiter.Ipc;

/// <summary>The three ways the lab's two processes talk (seed 000: "Process A --pipe/socket/shared memory--> Process B").</summary>
public enum IpcTransport
{
    /// <summary>Two anonymous pipes (one per direction) created by the parent and inherited by the child, as a shell does.</summary>
    Pipe,

    /// <summary>An AF_UNIX stream socket bound to a path in a fresh temporary directory.</summary>
    UnixSocket,

    /// <summary>Two single-producer single-consumer rings in a file both processes map (under /dev/shm).</summary>
    SharedMemory,
}
