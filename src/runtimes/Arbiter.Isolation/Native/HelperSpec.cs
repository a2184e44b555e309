using System.Globalization;
using System.Text;
using Arbiter.Isolation.Container;

namespace Arbiter.Isolation.Native;

/// <summary>
/// Encodes a <see cref="ContainerSpec"/> as the message native/spec.c parses: "ARBITER-SPEC/1\0" then NUL-terminated
/// tokens, each key followed by its fixed number of fields, closed by "end". Pure; the helper re-checks everything.
/// </summary>
internal static class HelperSpec
{
    public const string Magic = "ARBITER-SPEC/1";

    /// <summary>The helper reads the spec as one socket message; its buffer is 1 MiB, the socket's a little less.</summary>
    public const int MaxBytes = 200_000;

    /// <summary>Most mounts, paths, arguments or variables of one kind the helper accepts (MAX_ITEMS in arbiter-init.h).</summary>
    public const int MaxItems = 256;

    public static byte[] Encode(ContainerSpec spec, string rootfs, string? fifo)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var tokens = new List<string> { Magic, "rootfs", rootfs, "ns", NamespaceList(spec.Namespaces), "cwd", spec.Cwd };
        if (spec.Namespaces.HasFlag(NamespaceSet.Uts))
        {
            if (spec.Hostname is { } h)
            {
                tokens.AddRange(["hostname", h]);
            }

            if (spec.Domainname is { } d)
            {
                tokens.AddRange(["domainname", d]);
            }
        }

        foreach (var m in spec.Mounts)
        {
            tokens.AddRange(["mount", m.Source, m.Destination, m.Type, Number((long)m.Flags), m.Data]);
        }

        tokens.AddRange(["devices", Flag(spec.Devices), "readonly-root", Flag(spec.ReadOnlyRoot), "seccomp", Flag(spec.Seccomp),
            "nnp", Flag(spec.NoNewPrivileges), "init", Flag(spec.Init),
            "loopback", Flag(spec.Namespaces.HasFlag(NamespaceSet.Network) && spec.Network != NetworkMode.None)]);
        foreach (string p in spec.MaskedPaths)
        {
            tokens.AddRange(["mask", p]);
        }

        foreach (string p in spec.ReadonlyPaths)
        {
            tokens.AddRange(["ro", p]);
        }

        if (spec.Capabilities is { } c)
        {
            tokens.AddRange(["caps", Hex(c.Bounding), Hex(c.Effective), Hex(c.Permitted), Hex(c.Inheritable), Hex(c.Ambient)]);
        }

        foreach (var r in spec.Rlimits)
        {
            tokens.AddRange(["rlimit", Number(r.Resource), Number(r.Soft), Number(r.Hard)]);
        }

        tokens.AddRange(["user", Number(spec.Uid), Number(spec.Gid)]);
        foreach (uint g in spec.AdditionalGids)
        {
            tokens.AddRange(["group", Number(g)]);
        }

        if (fifo is not null)
        {
            tokens.AddRange(["fifo", fifo]);
        }

        foreach (string a in spec.Args)
        {
            tokens.AddRange(["arg", a]);
        }

        foreach (string e in spec.Env)
        {
            tokens.AddRange(["env", e]);
        }

        tokens.Add("end");
        if (tokens.FirstOrDefault(t => t.Contains('\0', StringComparison.Ordinal)) is { } bad)
        {
            throw new ArgumentException($"'{bad.Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL character", nameof(spec));
        }

        var bytes = new List<byte>();
        foreach (string t in tokens)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(t));
            bytes.Add(0);
        }

        return [.. bytes];
    }

    public static string NamespaceList(NamespaceSet set)
    {
        var names = new List<string>();
        foreach (var (flag, name) in Names)
        {
            if (set.HasFlag(flag))
            {
                names.Add(name);
            }
        }

        return string.Join(',', names);
    }

    private static readonly (NamespaceSet Flag, string Name)[] Names =
    [
        (NamespaceSet.Pid, "pid"), (NamespaceSet.Mount, "mount"), (NamespaceSet.Uts, "uts"), (NamespaceSet.Ipc, "ipc"),
        (NamespaceSet.Network, "net"), (NamespaceSet.User, "user"), (NamespaceSet.Cgroup, "cgroup"),
    ];

    private static string Flag(bool on) => on ? "1" : "0";

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Number(ulong n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Hex(ulong n) => "0x" + n.ToString("x", CultureInfo.InvariantCulture);
}
