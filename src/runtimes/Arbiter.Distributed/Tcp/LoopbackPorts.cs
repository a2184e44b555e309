using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Arbiter.Distributed.Tcp;

/// <summary>
/// Port numbers for loopback listeners that are stopped and started again on the same number: a member killed and
/// restarted by a fault run or a test.
/// </summary>
/// <remarks>
/// Why not bind to port 0 and keep the number: the kernel hands that number out from its ephemeral range, the same
/// range every outgoing connection on the machine draws its local port from. While the member is down (between a
/// kill and its restart), any process's outgoing connection may take the number, and the restart fails with
/// "address already in use" (it did, once, in CI). A number below the ephemeral range is never taken that way: only
/// another listener can hold it, and <see cref="Pick"/> checks that none does. Random choice keeps two processes
/// picking at once (parallel test runs) from landing on the same number, and this process never hands one out twice.
/// </remarks>
public static class LoopbackPorts
{
    private const int Lowest = 10_000;
    private const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
    private static readonly HashSet<int> Given = [];
    private static readonly int EphemeralLow = ReadEphemeralLow();

    /// <summary>The first port of the kernel's ephemeral range (32768 if it cannot be read).</summary>
    public static int EphemeralRangeStart => EphemeralLow;

    /// <summary>A loopback port no listener holds now, below the ephemeral range, not handed out before by this process.</summary>
    public static int Pick()
    {
        if (EphemeralLow - Lowest < 1_000)
        {
            return KernelChosen(); // the range was moved down: no room below it, fall back to the kernel's choice
        }

        for (int attempt = 0; attempt < 1_000; attempt++)
        {
            int port = Random.Shared.Next(Lowest, EphemeralLow);
            lock (Given)
            {
                if (Given.Contains(port) || !IsFree(port))
                {
                    continue;
                }

                Given.Add(port);
                return port;
            }
        }

        return KernelChosen();
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int KernelChosen()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static int ReadEphemeralLow()
    {
        try
        {
            string[] range = File.ReadAllText(RangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768; // Linux's default; other systems use 49152 upward, which is above it
        }
    }
}
