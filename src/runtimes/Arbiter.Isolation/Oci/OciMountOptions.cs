using Arbiter.Isolation.Container;

namespace Arbiter.Isolation.Oci;

/// <summary>
/// The <c>options</c> of an OCI mount, split as mount(8) does: flag words become <see cref="MountOption"/>s
/// (ro, nosuid, bind, rprivate...), everything else (mode=755, size=65536k, newinstance...) is file-system data.
/// </summary>
internal static class OciMountOptions
{
    private static readonly Dictionary<string, (MountOption Set, MountOption Clear)> Words = new(StringComparer.Ordinal)
    {
        ["ro"] = (MountOption.ReadOnly, 0), ["rw"] = (0, MountOption.ReadOnly),
        ["nosuid"] = (MountOption.NoSuid, 0), ["suid"] = (0, MountOption.NoSuid),
        ["nodev"] = (MountOption.NoDev, 0), ["dev"] = (0, MountOption.NoDev),
        ["noexec"] = (MountOption.NoExec, 0), ["exec"] = (0, MountOption.NoExec),
        ["sync"] = (MountOption.Synchronous, 0), ["async"] = (0, MountOption.Synchronous),
        ["dirsync"] = (MountOption.DirSync, 0),
        ["noatime"] = (MountOption.NoAtime, 0), ["atime"] = (0, MountOption.NoAtime),
        ["nodiratime"] = (MountOption.NoDirAtime, 0), ["diratime"] = (0, MountOption.NoDirAtime),
        ["relatime"] = (MountOption.RelAtime, 0), ["norelatime"] = (0, MountOption.RelAtime),
        ["strictatime"] = (MountOption.StrictAtime, 0), ["nostrictatime"] = (0, MountOption.StrictAtime),
        ["bind"] = (MountOption.Bind, 0), ["rbind"] = (MountOption.Bind | MountOption.Recursive, 0),
        ["private"] = (MountOption.Private, 0), ["rprivate"] = (MountOption.Private | MountOption.Recursive, 0),
        ["slave"] = (MountOption.Slave, 0), ["rslave"] = (MountOption.Slave | MountOption.Recursive, 0),
        ["shared"] = (MountOption.Shared, 0), ["rshared"] = (MountOption.Shared | MountOption.Recursive, 0),
        ["unbindable"] = (MountOption.Unbindable, 0), ["runbindable"] = (MountOption.Unbindable | MountOption.Recursive, 0),
        ["remount"] = (0, 0), ["mand"] = (0, 0), ["nomand"] = (0, 0), ["defaults"] = (0, 0),
    };

    /// <summary>Flags and data of <paramref name="options"/>; throws for an option that cannot be honoured.</summary>
    public static (MountOption Flags, string Data) Parse(IEnumerable<string> options, string field)
    {
        MountOption flags = 0;
        var data = new List<string>();
        foreach (string o in options)
        {
            if (Words.TryGetValue(o, out var w))
            {
                flags = (flags | w.Set) & ~w.Clear;
            }
            else if (o is "idmap" or "ridmap")
            {
                throw new OciException($"{field}: id-mapped mounts ('{o}') are not supported");
            }
            else if (o != "tmpcopyup")
            {
                data.Add(o);
            }
        }

        if ((flags & MountOption.Shared) != 0)
        {
            throw new OciException($"{field}: shared propagation would let the container's mounts reach the host; not supported");
        }

        return (flags, string.Join(',', data));
    }
}
