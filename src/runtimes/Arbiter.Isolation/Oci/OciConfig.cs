// Source: the OCI Runtime Specification v1.2 (config.md, config-linux.md): the bundle's config.json.
//
// Summary: reads config.json into a ContainerSpec. Supported: process (args, env, cwd, user, capabilities,
// rlimits, noNewPrivileges, oomScoreAdj), root, hostname, domainname, mounts, linux namespaces, uid/gid mappings,
// resources memory/cpu/pids, maskedPaths, readonlyPaths, rootfsPropagation. Unknown fields are ignored with a
// warning; known ones this runtime cannot honour and that would change the isolation (a terminal, joining a
// namespace path, hooks, a custom seccomp profile, AppArmor/SELinux labels, extra devices, sysctls, cpusets...)
// are refused with an error naming the field. Arbiter's own seccomp deny-list always applies.
using System.Text.Json;
using Arbiter.Isolation.Cgroups;
using Arbiter.Isolation.Container;

namespace Arbiter.Isolation.Oci;

/// <summary>An OCI bundle's config.json as a <see cref="ContainerSpec"/>, with the warnings it raised.</summary>
/// <param name="Spec">The container.</param>
/// <param name="Warnings">One line per ignored field.</param>
/// <param name="OciVersion">The config's ociVersion.</param>
/// <param name="Annotations">The config's annotations.</param>
public sealed record OciConfig(ContainerSpec Spec, IReadOnlyList<string> Warnings, string OciVersion, IReadOnlyDictionary<string, string> Annotations)
{
    private static readonly Dictionary<string, NamespaceSet> NamespaceTypes = new(StringComparer.Ordinal)
    {
        ["pid"] = NamespaceSet.Pid, ["network"] = NamespaceSet.Network, ["mount"] = NamespaceSet.Mount, ["ipc"] = NamespaceSet.Ipc,
        ["uts"] = NamespaceSet.Uts, ["user"] = NamespaceSet.User, ["cgroup"] = NamespaceSet.Cgroup,
    };

    /// <summary>Reads <c>BUNDLE/config.json</c>.</summary>
    /// <exception cref="OciException">Missing, malformed or unsupported; the message names the file and line or field.</exception>
    public static OciConfig Load(string bundle)
    {
        string file = System.IO.Path.Combine(bundle, "config.json");
        if (!File.Exists(file))
        {
            throw new OciException($"{file}: no such file (is {bundle} an OCI bundle?)");
        }

        return Parse(File.ReadAllText(file), System.IO.Path.GetFullPath(bundle));
    }

    /// <summary>Parses the text of a config.json whose bundle directory is <paramref name="bundle"/>.</summary>
    public static OciConfig Parse(string json, string bundle)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } l ? $":{l + 1}:{(e.BytePositionInLine ?? 0) + 1}" : "";
            string message = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.');
            throw new OciException($"config.json{where}: invalid JSON: {message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new OciException("config.json: expected a JSON object at the top");
            }

            var warnings = new List<string>();
            var root = new JsonFields(document.RootElement, "", warnings,
                "ociVersion", "process", "root", "hostname", "domainname", "mounts", "linux", "annotations", "hooks");
            root.WarnUnknown();
            var config = Read(root, bundle, warnings);
            if (document.RootElement.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object)
            {
                config = config with
                {
                    Annotations = a.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
                        .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal),
                };
            }

            return config;
        }
    }

    private static OciConfig Read(JsonFields config, string bundle, List<string> warnings)
    {
        string version = config.RequiredString("ociVersion");
        if (!version.StartsWith("1.", StringComparison.Ordinal))
        {
            throw config.Error("ociVersion", $"'{version}' is not a 1.x version");
        }

        config.Refuse("hooks", "hooks are not supported");
        var rootField = config.Object("root", "path", "readonly") ?? throw config.Error("root", "is required");
        string rootPath = rootField.RequiredString("path");
        string rootfs = System.IO.Path.GetFullPath(System.IO.Path.Combine(bundle, rootPath));

        var process = config.Object("process", "terminal", "consoleSize", "user", "args", "commandLine", "env", "cwd", "capabilities",
            "rlimits", "noNewPrivileges", "apparmorProfile", "oomScoreAdj", "selinuxLabel", "ioPriority", "scheduler", "execCPUAffinity")
            ?? throw config.Error("process", "is required (this runtime starts a process)");
        process.Refuse("terminal", "a terminal (console socket) is not supported; set it to false");
        process.Refuse("apparmorProfile", "AppArmor profiles are not supported");
        process.Refuse("selinuxLabel", "SELinux labels are not supported");
        process.Warn("ioPriority", "ignored");
        process.Warn("scheduler", "ignored");
        process.Warn("execCPUAffinity", "ignored");
        process.Warn("consoleSize", "ignored (no terminal)");
        var args = process.Strings("args");
        if (args.Count == 0)
        {
            throw process.Error("args", "must name a command");
        }

        string cwd = process.RequiredString("cwd");
        if (!cwd.StartsWith('/'))
        {
            throw process.Error("cwd", $"'{cwd}' must be an absolute path");
        }

        var user = process.Object("user", "uid", "gid", "umask", "additionalGids", "username");
        user?.Warn("umask", "ignored");
        user?.Warn("username", "ignored (Windows only)");
        uint uid = Id(user, "uid"), gid = Id(user, "gid");
        var groups = user is null ? [] : user.Array("additionalGids").Select(x => x.Element.TryGetUInt32(out uint g) ? g : throw new OciException($"config.json: {x.Path}: expected a gid")).ToList();

        var spec = ContainerSpec.Create(rootfs, args) with
        {
            Env = process.Strings("env"),
            Cwd = cwd,
            Uid = uid,
            Gid = gid,
            AdditionalGids = groups,
            Capabilities = Capabilities(process.Object("capabilities", "bounding", "effective", "inheritable", "permitted", "ambient"), warnings),
            Rlimits = Rlimits(process),
            NoNewPrivileges = process.Bool("noNewPrivileges") ?? false,
            OomScoreAdj = process.Long("oomScoreAdj") is { } adj ? (int)Math.Clamp(adj, -1000, 1000) : null,
            ReadOnlyRoot = rootField.Bool("readonly") ?? false,
            Hostname = config.String("hostname"),
            Domainname = config.String("domainname"),
            Mounts = Mounts(config, bundle, warnings),
        };

        var linux = config.Object("linux", "namespaces", "uidMappings", "gidMappings", "devices", "cgroupsPath", "resources", "intelRdt",
            "sysctl", "seccomp", "rootfsPropagation", "maskedPaths", "readonlyPaths", "mountLabel", "personality", "timeOffsets", "memoryPolicy", "netDevices")
            ?? throw config.Error("linux", "is required (this is a Linux runtime)");
        spec = Linux(linux, spec);
        return new OciConfig(spec, warnings, version, new Dictionary<string, string>(StringComparer.Ordinal));
    }

    private static ContainerSpec Linux(JsonFields linux, ContainerSpec spec)
    {
        linux.Refuse("devices", "extra device nodes are not supported (the default devices are always there)");
        linux.Refuse("sysctl", "sysctls are not supported");
        linux.Refuse("seccomp", "custom seccomp profiles are not supported (Arbiter's built-in deny-list always applies)");
        linux.Refuse("mountLabel", "SELinux mount labels are not supported");
        linux.Refuse("personality", "personality is not supported");
        linux.Refuse("timeOffsets", "time namespaces are not supported");
        linux.Refuse("intelRdt", "Intel RDT is not supported");
        linux.Refuse("netDevices", "moving network devices in is not supported");
        linux.Warn("memoryPolicy", "ignored");
        linux.Warn("cgroupsPath", "ignored (the cgroup is arbiter/oci-ID.@… in every hierarchy)");
        if (linux.String("rootfsPropagation") is { } propagation && propagation is not ("private" or "rprivate" or "slave" or "rslave"))
        {
            throw linux.Error("rootfsPropagation", $"'{propagation}' is not supported (the rootfs is always private)");
        }

        NamespaceSet namespaces = NamespaceSet.None;
        foreach (var (e, path) in linux.Array("namespaces"))
        {
            var ns = linux.Item(e, path, "type", "path");
            string type = ns.RequiredString("type");
            if (!NamespaceTypes.TryGetValue(type, out var flag))
            {
                throw ns.Error("type", type == "time" ? "time namespaces are not supported" : $"unknown namespace '{type}'");
            }

            ns.Refuse("path", "joining an existing namespace is not supported");
            namespaces |= flag;
        }

        if (!namespaces.HasFlag(NamespaceSet.Mount))
        {
            throw linux.Error("namespaces", "a mount namespace is required (pivot_root would change the host's root)");
        }

        var uidMaps = Mappings(linux, "uidMappings");
        var gidMaps = Mappings(linux, "gidMappings");
        if (namespaces.HasFlag(NamespaceSet.User) && (uidMaps.Count == 0 || gidMaps.Count == 0))
        {
            throw linux.Error(uidMaps.Count == 0 ? "uidMappings" : "gidMappings", "is required with a user namespace");
        }

        if (!namespaces.HasFlag(NamespaceSet.User) && (uidMaps.Count > 0 || gidMaps.Count > 0))
        {
            throw linux.Error("uidMappings", "id mappings need a user namespace in linux.namespaces");
        }

        return spec with
        {
            Namespaces = namespaces,
            UidMappings = uidMaps,
            GidMappings = gidMaps,
            Limits = Resources(linux.Object("resources", "devices", "memory", "cpu", "pids", "blockIO", "hugepageLimits", "network", "rdma", "unified")),
            MaskedPaths = linux.Strings("maskedPaths"),
            ReadonlyPaths = linux.Strings("readonlyPaths"),
        };
    }

    private static CgroupLimits Resources(JsonFields? resources)
    {
        if (resources is null)
        {
            return CgroupLimits.None;
        }

        resources.Warn("blockIO", "ignored (no blkio limits)");
        resources.Warn("hugepageLimits", "ignored");
        resources.Warn("network", "ignored");
        resources.Warn("rdma", "ignored");
        resources.Refuse("unified", "raw cgroup v2 files are not supported");
        // devices: the device cgroup is not used; no device node can be created (seccomp) or reached beyond the defaults.
        var memory = resources.Object("memory", "limit", "reservation", "swap", "kernel", "kernelTCP", "swappiness", "disableOOMKiller", "useHierarchy", "checkBeforeUpdate");
        memory?.Warn("reservation", "ignored");
        memory?.Warn("kernel", "ignored");
        memory?.Warn("kernelTCP", "ignored");
        memory?.Warn("swappiness", "ignored");
        if (memory?.Bool("disableOOMKiller") == true)
        {
            throw memory.Error("disableOOMKiller", "disabling the OOM killer is not supported");
        }

        var cpu = resources.Object("cpu", "shares", "quota", "burst", "period", "realtimeRuntime", "realtimePeriod", "cpus", "mems", "idle");
        cpu?.Refuse("cpus", "cpusets are not supported");
        cpu?.Refuse("mems", "cpusets are not supported");
        cpu?.Refuse("realtimeRuntime", "real-time scheduling limits are not supported");
        cpu?.Warn("burst", "ignored");
        cpu?.Warn("idle", "ignored");
        var pids = resources.Object("pids", "limit");

        long? limit = Positive(memory?.Long("limit"));
        long? swap = Positive(memory?.Long("swap"));
        long? period = Positive(cpu?.Long("period"));
        long? quota = Positive(cpu?.Long("quota"));
        ulong? shares = cpu?.ULong("shares");
        return new CgroupLimits(
            MemoryBytes: limit,
            MemorySwapBytes: limit is null ? null : swap,
            Cpus: quota is { } q ? (double)q / (period ?? CgroupLimits.DefaultCpuPeriodMicros) : null,
            CpuPeriodMicros: quota is null ? null : period,
            // runc's map from v1 shares to v2 weight (weight = 1 + (shares − 2)·9999/262142)
            CpuWeight: shares is { } s and >= 2 ? (int)(1 + ((long)Math.Min(s, 262_144) - 2) * 9_999 / 262_142) : null,
            Pids: Positive(pids?.Long("limit")) is { } p ? (int)Math.Min(p, int.MaxValue) : null);
    }

    private static long? Positive(long? value) => value is > 0 ? value : null;

    private static List<IdMapping> Mappings(JsonFields linux, string name) =>
    [
        .. linux.Array(name).Select(x =>
        {
            var m = linux.Item(x.Element, x.Path, "containerID", "hostID", "size");
            return new IdMapping(Checked(m, "containerID"), Checked(m, "hostID"), Checked(m, "size"));
        }),
    ];

    private static uint Checked(JsonFields f, string name) =>
        f.ULong(name) is { } v && v <= uint.MaxValue ? (uint)v : throw f.Error(name, "expected a 32-bit id");

    private static uint Id(JsonFields? user, string name) => user?.ULong(name) is { } v ? (v <= uint.MaxValue - 1 ? (uint)v : throw user.Error(name, "out of range")) : 0;

    private static CapabilitySets Capabilities(JsonFields? caps, List<string> warnings)
    {
        if (caps is null)
        {
            return new CapabilitySets(0, 0, 0, 0, 0);
        }

        ulong Set(string name)
        {
            ulong mask = 0;
            foreach (string c in caps.Strings(name))
            {
                int n = Container.Capabilities.Parse(c);
                if (n < 0)
                {
                    warnings.Add($"config.json: {caps.Path}.{name}: unknown capability '{c}' ignored");
                }
                else
                {
                    mask |= 1UL << n;
                }
            }

            return mask;
        }

        var sets = new CapabilitySets(Set("bounding"), Set("effective"), Set("permitted"), Set("inheritable"), Set("ambient"));
        // The kernel raises an ambient capability only if it is permitted and inheritable (runc warns and goes on).
        ulong dropped = sets.Ambient & ~(sets.Permitted & sets.Inheritable);
        if (dropped != 0)
        {
            warnings.Add($"config.json: {caps.Path}.ambient: {string.Join(", ", Container.Capabilities.NamesOf(dropped))} not raised (not both permitted and inheritable)");
        }

        return sets with { Ambient = sets.Ambient & ~dropped };
    }

    private static List<ResourceLimit> Rlimits(JsonFields process) =>
    [
        .. process.Array("rlimits").Select(x =>
        {
            var r = process.Item(x.Element, x.Path, "type", "hard", "soft");
            string type = r.RequiredString("type");
            int resource = ResourceLimit.Parse(type);
            ulong hard = r.ULong("hard") ?? throw r.Error("hard", "is required");
            ulong soft = r.ULong("soft") ?? throw r.Error("soft", "is required");
            return resource < 0 ? throw r.Error("type", $"unknown rlimit '{type}'")
                : soft > hard ? throw r.Error("soft", $"{soft} is above the hard limit {hard}")
                : new ResourceLimit(resource, soft, hard);
        }),
    ];

    private static List<MountSpec> Mounts(JsonFields config, string bundle, List<string> warnings)
    {
        var mounts = new List<MountSpec>();
        foreach (var (e, path) in config.Array("mounts"))
        {
            var m = config.Item(e, path, "destination", "type", "source", "options", "uidMappings", "gidMappings");
            m.Refuse("uidMappings", "id-mapped mounts are not supported");
            m.Refuse("gidMappings", "id-mapped mounts are not supported");
            string destination = m.RequiredString("destination");
            if (!destination.StartsWith('/'))
            {
                throw m.Error("destination", $"'{destination}' must be an absolute path");
            }

            string type = m.String("type") ?? "";
            if (type == "cgroup" || type == "cgroup2")
            {
                warnings.Add($"config.json: {path}: {type} mount of {destination} skipped (not supported)");
                continue;
            }

            var (flags, data) = OciMountOptions.Parse(m.Strings("options"), "config.json: " + path + ".options");
            string source = m.String("source") ?? type;
            if (type == "bind")
            {
                flags |= MountOption.Bind;
            }

            if (flags.HasFlag(MountOption.Bind))
            {
                source = System.IO.Path.GetFullPath(System.IO.Path.Combine(bundle, source));
                if (!System.IO.Path.Exists(source))
                {
                    throw m.Error("source", $"{source}: no such file or directory");
                }

                type = "";
                data = "";
            }
            else if (type.Length == 0)
            {
                throw m.Error("type", "is required for a mount that is not a bind mount");
            }

            mounts.Add(new MountSpec(source, destination, type, flags, data));
        }

        return mounts;
    }
}
