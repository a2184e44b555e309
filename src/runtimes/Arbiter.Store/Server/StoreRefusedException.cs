namespace Arbiter.Store.Server;

/// <summary>
/// A request the store refuses, with the gRPC status code etcd would give it (the gateway turns the code into the HTTP
/// status): 3 invalid argument, 5 not found, 9 failed precondition, 11 out of range (compacted or future revision),
/// 14 unavailable (no leader), 4 deadline exceeded (outcome unknown).
/// </summary>
public sealed class StoreRefusedException : Exception
{
    /// <summary>Creates the refusal.</summary>
    public StoreRefusedException(int code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Creates a refusal with code 2 (unknown).</summary>
    public StoreRefusedException()
        : this(2, "store error")
    {
    }

    /// <summary>Creates a refusal with code 2 (unknown).</summary>
    public StoreRefusedException(string message)
        : this(2, message)
    {
    }

    /// <summary>Creates a refusal with code 2 (unknown) and its cause.</summary>
    public StoreRefusedException(string message, Exception inner)
        : base(message, inner)
    {
        Code = 2;
    }

    /// <summary>The gRPC status code.</summary>
    public int Code { get; }

    /// <summary>The HTTP status grpc-gateway maps <see cref="Code"/> to.</summary>
    public int HttpStatus => Code switch
    {
        3 or 9 or 11 => 400,   // invalid argument, failed precondition, out of range
        5 => 404,              // not found
        6 or 10 => 409,        // already exists, aborted
        7 => 403,              // permission denied
        8 => 429,              // resource exhausted
        12 => 501,             // unimplemented
        14 => 503,             // unavailable
        4 => 504,              // deadline exceeded
        16 => 401,             // unauthenticated
        _ => 500,
    };
}
