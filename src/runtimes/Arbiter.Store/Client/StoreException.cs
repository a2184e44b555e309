namespace Arbiter.Store.Client;

/// <summary>A store refused a request or could not be reached: the HTTP status, the gRPC code and the store's message.</summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreException(int status, int code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        Code = code;
    }

    /// <summary>Creates an exception with no status (for serializers and tests).</summary>
    public StoreException()
        : this(0, 0, "store error")
    {
    }

    /// <summary>Creates an exception with only a message.</summary>
    public StoreException(string message)
        : this(0, 0, message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public StoreException(string message, Exception inner)
        : this(0, 0, message, inner)
    {
    }

    /// <summary>The HTTP status (0 when no endpoint answered).</summary>
    public int Status { get; }

    /// <summary>The gRPC status code the gateway reported (0 when none).</summary>
    public int Code { get; }

    /// <summary>
    /// True when the request may or may not have taken effect: the connection broke or timed out after it was sent.
    /// A history records such an operation with status "unknown", never as failed.
    /// </summary>
    public bool Indeterminate { get; init; }
}
