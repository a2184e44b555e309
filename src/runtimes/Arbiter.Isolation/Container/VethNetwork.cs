using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace Arbiter.Isolation.Container;

/// <summary>
/// The optional veth pair of <see cref="NetworkMode.Veth"/>: one end on the host (arbXXXXXXXX, 10.200.N.1/30), the
/// other moved into the container's network namespace as eth0 (10.200.N.2/30, default route via .1). Made with
/// iproute2's <c>ip</c> while the container waits for "go"; the kernel deletes the pair with the namespace.
/// No NAT is set up: the container reaches the host, and the outside only if the host forwards for it.
/// </summary>
public sealed record VethNetwork(string HostInterface, string HostAddress, string ContainerAddress)
{
    /// <summary>Creates the pair for the container whose init is <paramref name="pid"/>.</summary>
    /// <exception cref="ContainerException">ip is missing or refused.</exception>
    public static VethNetwork Create(int pid)
    {
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        string host = "arb" + id, peer = "arbc" + id, ns = "arbiter-" + id;
        int subnet = FreeSubnet();
        string p = pid.ToString(CultureInfo.InvariantCulture);
        string hostAddress = $"10.200.{subnet}.1", containerAddress = $"10.200.{subnet}.2";
        Ip("link", "add", host, "type", "veth", "peer", "name", peer, "netns", p);
        try
        {
            Ip("addr", "add", hostAddress + "/30", "dev", host);
            Ip("link", "set", host, "up");
            // A name for the container's namespace, only while we configure it (ip -n wants a named one).
            Ip("netns", "attach", ns, p);
            try
            {
                Ip("-n", ns, "link", "set", peer, "name", "eth0");
                Ip("-n", ns, "addr", "add", containerAddress + "/30", "dev", "eth0");
                Ip("-n", ns, "link", "set", "eth0", "up");
                Ip("-n", ns, "route", "add", "default", "via", hostAddress);
            }
            finally
            {
                Ip("netns", "delete", ns);
            }
        }
        catch
        {
            TryIp("link", "delete", host);
            throw;
        }

        return new VethNetwork(host, hostAddress, containerAddress);
    }

    private static int FreeSubnet()
    {
        string used = Ip("-o", "-4", "addr", "show");
        for (int attempt = 0; attempt < 64; attempt++)
        {
            int n = RandomNumberGenerator.GetInt32(1, 255);
            if (!used.Contains($" 10.200.{n}.", StringComparison.Ordinal))
            {
                return n;
            }
        }

        throw new ContainerException("veth: no free 10.200.N.0/30 subnet found");
    }

    private static string Ip(params string[] args)
    {
        var (code, output, error) = Exec(args);
        return code == 0 ? output : throw new ContainerException($"veth: ip {string.Join(' ', args)}: {error.Trim()}");
    }

    private static void TryIp(params string[] args) => Exec(args);

    private static (int Code, string Out, string Err) Exec(string[] args)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        try
        {
            using var ip = Process.Start(info)!;
            Task<string> error = ip.StandardError.ReadToEndAsync();
            string output = ip.StandardOutput.ReadToEnd();
            ip.WaitForExit();
            return (ip.ExitCode, output, error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ContainerException($"veth needs iproute2's ip command: {e.Message}", e);
        }
    }
}
