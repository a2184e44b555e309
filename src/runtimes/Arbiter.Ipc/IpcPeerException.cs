namespace Arbiter.Ipc;

/// <summary>The peer process could not be started, or died or failed before the run finished.</summary>
public sealed class IpcPeerException : Exception
{
    /// <summary>Creates the error.</summary>
    public IpcPeerException(string message) : base(message) { }

    /// <summary>Creates the error.</summary>
    public IpcPeerException() : base("the IPC peer process failed") { }

    /// <summary>Creates the error, keeping the cause.</summary>
    public IpcPeerException(string message, Exception inner) : base(message, inner) { }
}
