using Arbiter.Ipc.Links;
using Arbiter.Ipc.Native;

namespace Arbiter.Ipc.Transports;

/// <summary>
/// Two anonymous pipes, one per direction, made with <c>pipe2(O_CLOEXEC)</c>; the child's two ends are made
/// inheritable just for the moment the child is started (and the parent's copies closed right after), so no other
/// process started meanwhile keeps them open. The child learns their numbers on its command line — as a shell
/// hands a pipeline its pipes on descriptors 0 and 1. Capacity is read with <c>fcntl(F_GETPIPE_SZ)</c> (16 pages
/// of 4 KiB = 64 KiB by default); occupancy with <c>ioctl(FIONREAD)</c> on the write end.
/// </summary>
internal sealed unsafe class PipeTransport : TransportHost
{
    // One launch at a time makes descriptors inheritable, so two labs started together do not swap pipes.
    private static readonly Lock InheritGate = new();

    private readonly int _downRead;   // child reads what the parent writes
    private readonly int _downWrite;
    private readonly int _upRead;     // parent reads what the child writes
    private readonly int _upWrite;
    private bool _childEndsClosed;
    private bool _parentEndsHandedOver;

    public PipeTransport()
    {
        int* fds = stackalloc int[2];
        if (Libc.Pipe2(fds, Libc.O_CLOEXEC) < 0)
        {
            throw Libc.Fail("pipe2");
        }

        (_downRead, _downWrite) = (fds[0], fds[1]);
        if (Libc.Pipe2(fds, Libc.O_CLOEXEC) < 0)
        {
            Libc.Close(_downRead);
            Libc.Close(_downWrite);
            throw Libc.Fail("pipe2");
        }

        (_upRead, _upWrite) = (fds[0], fds[1]);
    }

    public override PeerOptions Describe(PeerOptions options) => options with { ReadFd = _downRead, WriteFd = _upWrite };

    public override void BeforeStart()
    {
        InheritGate.Enter();
        try
        {
            Libc.SetInheritable(_downRead, true);
            Libc.SetInheritable(_upWrite, true);
        }
        catch
        {
            InheritGate.Exit();
            throw;
        }
    }

    /// <remarks>Called exactly once after a successful <see cref="BeforeStart"/>, on the same thread.</remarks>
    public override void AfterStart()
    {
        try
        {
            CloseChildEnds();
        }
        finally
        {
            InheritGate.Exit();
        }
    }

    public override IFrameLink Connect(int maxPayload, CancellationToken cancel)
    {
        long capacity = Libc.Fcntl(_downWrite, Libc.F_GETPIPE_SZ, 0);
        if (capacity < 0)
        {
            throw Libc.Fail("fcntl(F_GETPIPE_SZ)");
        }

        int write = _downWrite;
        var link = new FdLink(_upRead, _downWrite, closeFds: true, owner: null, capacity, "fcntl(F_GETPIPE_SZ)", () => Libc.IoctlInt(write, Libc.FIONREAD), maxPayload, cancel);
        _parentEndsHandedOver = true;
        return link;
    }

    public static IFrameLink OpenPeerSide(PeerOptions options, CancellationToken cancel)
    {
        long capacity = Libc.Fcntl(options.WriteFd, Libc.F_GETPIPE_SZ, 0);
        int write = options.WriteFd;
        return new FdLink(options.ReadFd, options.WriteFd, closeFds: true, owner: null, capacity, "fcntl(F_GETPIPE_SZ)", () => Libc.IoctlInt(write, Libc.FIONREAD), options.MaxPayload, cancel);
    }

    private void CloseChildEnds()
    {
        if (!_childEndsClosed)
        {
            _childEndsClosed = true;
            Libc.Close(_downRead);
            Libc.Close(_upWrite);
        }
    }

    public override void Dispose()
    {
        CloseChildEnds();
        if (!_parentEndsHandedOver)
        {
            _parentEndsHandedOver = true;
            Libc.Close(_downWrite);
            Libc.Close(_upRead);
        }
    }
}
