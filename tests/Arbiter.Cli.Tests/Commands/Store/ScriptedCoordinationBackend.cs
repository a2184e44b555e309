using System.Collections.Concurrent;
using Arbiter.Store.Gateway;
using Arbiter.Store.Server;
using Arbiter.Store.Tests.Server;

namespace Arbiter.Cli.Tests.Commands.Store;

/// <summary>
/// A stand-in for Arbiter's store on the Arbiter-only paths while the real server is being built: leases, a counting
/// semaphore that really counts (waits poll until permits are free, --try is refused with code 9), and a graph
/// answered from <see cref="Graph"/>. Every coordination request is recorded.
/// </summary>
internal sealed class ScriptedCoordinationBackend : RefusingStoreBackend
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<long, int>> _held = [];
    private readonly HashSet<long> _leases = [];
    private long _revision = 100;

    public ConcurrentQueue<object> Requests { get; } = new();

    public WireGraphResponse Graph { get; set; } = new();

    public int HeldUnits(string name)
    {
        lock (_gate)
        {
            return _held.TryGetValue(name, out var h) ? h.Values.Sum() : 0;
        }
    }

    public override Task<WireLeaseResponse> LeaseGrantAsync(WireLeaseGrantRequest request, CancellationToken cancellation)
    {
        lock (_gate)
        {
            long id = 0x1000 + ++_revision;
            _leases.Add(id);
            return Task.FromResult(new WireLeaseResponse { Id = id, Ttl = request.Ttl });
        }
    }

    public override Task<WireHeaderResponse> LeaseRevokeAsync(WireLeaseIdRequest request, CancellationToken cancellation)
    {
        Requests.Enqueue(request);
        lock (_gate)
        {
            _leases.Remove(request.Id);
            foreach (var holds in _held.Values)
            {
                holds.Remove(request.Id);
            }
        }

        return Task.FromResult(new WireHeaderResponse());
    }

    public override Task<WireLeaseResponse> LeaseKeepAliveAsync(WireLeaseIdRequest request, CancellationToken cancellation)
    {
        lock (_gate)
        {
            return Task.FromResult(new WireLeaseResponse { Id = request.Id, Ttl = _leases.Contains(request.Id) ? 60 : 0 });
        }
    }

    public override async Task<WireGrantResponse> SemaphoreAcquireAsync(WireAcquireRequest request, CancellationToken cancellation)
    {
        Requests.Enqueue(request);
        while (true)
        {
            lock (_gate)
            {
                var holds = _held.TryGetValue(request.Name!, out var h) ? h : _held[request.Name!] = [];
                if (holds.Values.Sum() + request.Units <= request.Permits)
                {
                    holds[request.Lease] = request.Units;
                    return new WireGrantResponse { Name = request.Name, Token = ++_revision };
                }

                if (request.Try)
                {
                    throw new StoreRefusedException(9, $"semaphore {request.Name}: {request.Permits - holds.Values.Sum()} of {request.Permits} permits free, {request.Units} asked");
                }
            }

            await Task.Delay(10, cancellation);
        }
    }

    public override Task<WireGrantResponse> ReadWriteLockAsync(WireReadWriteLockRequest request, CancellationToken cancellation)
    {
        Requests.Enqueue(request);
        lock (_gate)
        {
            (_held.TryGetValue(request.Name!, out var h) ? h : _held[request.Name!] = [])[request.Lease] = 1;
            return Task.FromResult(new WireGrantResponse { Name = request.Name, Token = ++_revision });
        }
    }

    public override Task<WireHeaderResponse> ReleaseAsync(WireReleaseRequest request, CancellationToken cancellation)
    {
        Requests.Enqueue(request);
        lock (_gate)
        {
            if (_held.TryGetValue(request.Name!, out var holds))
            {
                holds.Remove(request.Lease);
            }
        }

        return Task.FromResult(new WireHeaderResponse());
    }

    public override Task<WireGrantResponse> BarrierArriveAsync(WireArriveRequest request, CancellationToken cancellation)
    {
        Requests.Enqueue(request);
        return request.Parties == 1
            ? Task.FromResult(new WireGrantResponse { Name = request.Name, Token = 555 })
            : Task.Delay(Timeout.Infinite, cancellation).ContinueWith(_ => new WireGrantResponse(), TaskScheduler.Default);
    }

    public override Task<WireGraphResponse> GraphAsync(WireGraphRequest request, CancellationToken cancellation) => Task.FromResult(Graph);
}
