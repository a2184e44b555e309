using System.Net;
using System.Net.Sockets;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Distributed.Tests.Tcp;

public class LoopbackPortsTests
{
    [Fact]
    public void Pick_ManyTimes_DistinctFreePortsBelowTheEphemeralRange()
    {
        var picked = Enumerable.Range(0, 200).Select(_ => LoopbackPorts.Pick()).ToList();

        Assert.Equal(picked.Count, picked.Distinct().Count());
        Assert.All(picked, port => Assert.InRange(port, 10_000, LoopbackPorts.EphemeralRangeStart - 1));
        foreach (int port in picked.Take(20))
        {
            using var listener = new TcpListener(IPAddress.Loopback, port); // free when picked, so bindable now
            listener.Start();
        }
    }
}
