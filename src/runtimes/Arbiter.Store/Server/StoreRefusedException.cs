namespace Arbiter.Store.Server;

/// <summary>
/// A request the store refuses, with the gRPC status code etcd would give it (the gateway turns the code into the HTTP
/// status): 3 invalid argument, 5 not found, 9 failed precondition, 11 out of range (compacted or future revision),
/// 14 unavailable (no leader), 4 deadline exceeded (outcome unknown).
/// </summary>
/// <remarks>
/// The HTTP statuses are those of etcd 3.4's gateway, which is grpc-gateway v1 (runtime/errors.go,
/// HTTPStatusFromCode): in particular 9 (failed precondition) is 412 Precondition Failed — grpc-gateway v2 turned
/// it into 400, but etcd 3.4.23 answers 412 (a lease id taken, promoting a voter), and so does Arbiter, for its own
/// refusals with code 9 too (a semaphore that is busy, a release by a non-holder). Checked against the real etcd by
/// the status contract (tests/Arbiter.Store.Tests/Client/StatusContract.cs) for codes 3, 5, 9 and 11.
/// </remarks>
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
        3 or 11 => 400,        // invalid argument, out of range
        9 => 412,              // failed precondition (grpc-gateway v1, as etcd 3.4)
        1 => 408,              // cancelled
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
