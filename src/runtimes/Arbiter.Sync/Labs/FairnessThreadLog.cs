namespace Arbiter.Sync.Labs;

/// <summary>One contender's log: request number, grant number and wait of each request, preallocated.</summary>
internal sealed class FairnessThreadLog(int capacity, string role)
{
    /// <summary>Grant number of a request that was never served.</summary>
    public const long Unserved = -1;

    private readonly long[] _request = new long[capacity];
    private readonly long[] _grant = new long[capacity];
    private readonly long[] _waitTicks = new long[capacity];

    public string Role { get; } = role;

    public int Count { get; private set; }

    public ReadOnlySpan<long> Requests => _request.AsSpan(0, Count);

    public ReadOnlySpan<long> Grants => _grant.AsSpan(0, Count);

    public ReadOnlySpan<long> WaitTicks => _waitTicks.AsSpan(0, Count);

    /// <summary>Logs a request; false when the log is full (this one is not logged).</summary>
    public bool Add(long request, long grant, long waitTicks)
    {
        if (Count == _request.Length)
        {
            return false;
        }

        _request[Count] = request;
        _grant[Count] = grant;
        _waitTicks[Count] = waitTicks;
        Count++;
        return true;
    }
}
