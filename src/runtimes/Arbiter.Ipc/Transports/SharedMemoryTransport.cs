using Arbiter.Ipc.Links;
using Arbiter.Ipc.SharedMemory;

namespace Arbiter.Ipc.Transports;

/// <summary>
/// A file under /dev/shm (tmpfs: memory, no disk) holding two <see cref="SpscRing"/>s — parent→child first, then
/// child→parent — which the parent creates and initializes before the child starts, and the child maps by path.
/// The file is deleted when the run ends; a mapping outlives the name, so deleting early would be safe too.
/// </summary>
internal sealed class SharedMemoryTransport : TransportHost
{
    private readonly string _path;
    private readonly SharedRegion _region;
    private readonly SpscRing _down;
    private readonly SpscRing _up;
    private bool _handedOver;

    public unsafe SharedMemoryTransport(int ringCapacity)
    {
        _path = Path.Combine(SharedRegion.DefaultDirectory, $"arbiter-ipc-{Environment.ProcessId}-{Guid.NewGuid():N}.ring");
        long second = SecondRingOffset(ringCapacity);
        _region = SharedRegion.CreateFile(_path, second + SpscRing.FootprintBytes(ringCapacity));
        try
        {
            _down = SpscRing.Create(_region.Address, second, ringCapacity);
            _up = SpscRing.Create(_region.Address + second, _region.Length - second, ringCapacity);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public override PeerOptions Describe(PeerOptions options) => options with { Path = _path };

    public override IFrameLink Connect(int maxPayload, CancellationToken cancel)
    {
        _handedOver = true;
        return new RingLink(_down, _up, owner: _region, cancel);
    }

    public static unsafe IFrameLink OpenPeerSide(PeerOptions options, CancellationToken cancel)
    {
        var region = SharedRegion.OpenFile(options.Path!);
        try
        {
            var down = SpscRing.Attach(region.Address, region.Length);
            long second = SecondRingOffset(down.Capacity);
            var up = SpscRing.Attach(region.Address + second, region.Length - second);
            return new RingLink(up, down, owner: region, cancel);
        }
        catch
        {
            region.Dispose();
            throw;
        }
    }

    // The second ring starts on a fresh cache line after the first.
    private static long SecondRingOffset(int capacity) => (SpscRing.FootprintBytes(capacity) + 63) & ~63L;

    public override void Dispose()
    {
        if (!_handedOver)
        {
            _region.Dispose();
        }

        File.Delete(_path);
    }
}
