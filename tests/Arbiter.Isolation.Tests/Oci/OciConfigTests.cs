using System.Text.Json.Nodes;
using Arbiter.Isolation.Container;
using Arbiter.Isolation.Oci;

namespace Arbiter.Isolation.Tests.Oci;

public sealed class OciConfigTests
{
    private static readonly string RuncSpec = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Oci", "runc-spec-config.json"));

    /// <summary>runc's default config with process.terminal false (the rest as `runc spec` writes it), edited by <paramref name="edit"/>.</summary>
    private static string Config(Action<JsonObject>? edit = null)
    {
        var root = JsonNode.Parse(RuncSpec)!.AsObject();
        root["process"]!["terminal"] = false;
        edit?.Invoke(root);
        return root.ToJsonString();
    }

    [Fact]
    public void Parse_RuncDefaultConfig_RefusesTheTerminalByName()
    {
        var e = Assert.Throws<OciException>(() => OciConfig.Parse(RuncSpec, "/bundle"));
        Assert.Equal("config.json: process.terminal: a terminal (console socket) is not supported; set it to false", e.Message);
        Assert.True(e.IsBadInput);
    }

    [Fact]
    public void Parse_RuncDefaultWithoutTerminal_MapsEveryField()
    {
        var config = OciConfig.Parse(Config(), "/bundle");
        var s = config.Spec;
        Assert.Equal("1.0.2-dev", config.OciVersion);
        Assert.Equal("/bundle/rootfs", s.Rootfs);
        Assert.True(s.ReadOnlyRoot);
        Assert.Equal(["sh"], s.Args);
        Assert.Equal(["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"], s.Env);
        Assert.Equal("/", s.Cwd);
        Assert.Equal("runc", s.Hostname);
        Assert.Equal(NamespaceSet.Pid | NamespaceSet.Network | NamespaceSet.Ipc | NamespaceSet.Uts | NamespaceSet.Mount, s.Namespaces);
        ulong three = Capabilities.Mask("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
        Assert.Equal(new CapabilitySets(three, three, three, 0, 0), s.Capabilities);
        Assert.Equal([new ResourceLimit(7, 1024, 1024)], s.Rlimits);
        Assert.True(s.NoNewPrivileges);
        Assert.Equal(["/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys"], s.Mounts.Select(m => m.Destination));
        var devpts = s.Mounts[2];
        Assert.Equal(("devpts", "devpts", MountOption.NoSuid | MountOption.NoExec, "newinstance,ptmxmode=0666,mode=0620,gid=5"), (devpts.Source, devpts.Type, devpts.Flags, devpts.Data));
        Assert.Equal(MountOption.NoSuid | MountOption.NoExec | MountOption.NoDev | MountOption.ReadOnly, s.Mounts[5].Flags);
        Assert.Contains("/proc/kcore", s.MaskedPaths);
        Assert.Equal(["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"], s.ReadonlyPaths);
        // Ambient capabilities that are not inheritable cannot be raised: said, not silently dropped.
        Assert.Contains(config.Warnings, w => w.Contains("ambient", StringComparison.Ordinal));
        Assert.Contains("config.json: mounts[6]: cgroup mount of /sys/fs/cgroup skipped (not supported)", config.Warnings);
    }

    [Fact]
    public void Parse_UnknownFields_AreIgnoredWithAWarningEach()
    {
        var config = OciConfig.Parse(Config(c =>
        {
            c["colour"] = "blue";
            c["process"]!["niceness"] = 3;
            c["linux"]!["mystery"] = new JsonObject();
        }), "/b");
        Assert.Contains("config.json: unknown field colour ignored", config.Warnings);
        Assert.Contains("config.json: unknown field process.niceness ignored", config.Warnings);
        Assert.Contains("config.json: unknown field linux.mystery ignored", config.Warnings);
    }

    [Fact]
    public void Parse_Resources_BecomeCgroupLimits()
    {
        var s = OciConfig.Parse(Config(c => c["linux"]!["resources"] = JsonNode.Parse("""
            { "memory": { "limit": 67108864, "swap": 134217728 }, "cpu": { "quota": 50000, "period": 100000, "shares": 1024 }, "pids": { "limit": 64 } }
            """)), "/b").Spec;
        Assert.Equal(64L << 20, s.Limits.MemoryBytes);
        Assert.Equal(128L << 20, s.Limits.MemorySwapBytes);
        Assert.Equal(0.5, s.Limits.Cpus);
        Assert.Equal(100_000, s.Limits.CpuPeriodMicros);
        Assert.Equal(39, s.Limits.CpuWeight);   // runc: 1 + (1024 - 2) * 9999 / 262142 = 39
        Assert.Equal(64, s.Limits.Pids);
    }

    [Fact]
    public void Parse_UserNamespace_TakesTheMappings()
    {
        var s = OciConfig.Parse(Config(c =>
        {
            c["linux"]!["namespaces"]!.AsArray().Add(new JsonObject { ["type"] = "user" });
            c["linux"]!["uidMappings"] = JsonNode.Parse("""[{ "containerID": 0, "hostID": 200000, "size": 1000 }]""");
            c["linux"]!["gidMappings"] = JsonNode.Parse("""[{ "containerID": 0, "hostID": 300000, "size": 1000 }]""");
        }), "/b").Spec;
        Assert.True(s.Namespaces.HasFlag(NamespaceSet.User));
        Assert.Equal([new IdMapping(0, 200_000, 1000)], s.UidMappings);
        Assert.Equal([new IdMapping(0, 300_000, 1000)], s.GidMappings);
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        { "hooks", """{"prestart":[{"path":"/bin/true"}]}""", "config.json: hooks: hooks are not supported" },
        { "linux.seccomp", """{"defaultAction":"SCMP_ACT_ALLOW"}""", "config.json: linux.seccomp: custom seccomp profiles are not supported (Arbiter's built-in deny-list always applies)" },
        { "linux.namespaces", """[{"type":"mount"},{"type":"network","path":"/proc/1/ns/net"}]""", "config.json: linux.namespaces[1].path: joining an existing namespace is not supported" },
        { "linux.namespaces", """[{"type":"mount"},{"type":"time"}]""", "config.json: linux.namespaces[1].type: time namespaces are not supported" },
        { "linux.namespaces", """[{"type":"pid"}]""", "config.json: linux.namespaces: a mount namespace is required (pivot_root would change the host's root)" },
        { "linux.devices", """[{"path":"/dev/sda","type":"b","major":8,"minor":0}]""", "config.json: linux.devices: extra device nodes are not supported (the default devices are always there)" },
        { "linux.sysctl", """{"net.ipv4.ip_forward":"1"}""", "config.json: linux.sysctl: sysctls are not supported" },
        { "linux.resources", """{"cpu":{"cpus":"0-1"}}""", "config.json: linux.resources.cpu.cpus: cpusets are not supported" },
        { "linux.rootfsPropagation", "\"shared\"", "config.json: linux.rootfsPropagation: 'shared' is not supported (the rootfs is always private)" },
        { "process.apparmorProfile", "\"docker-default\"", "config.json: process.apparmorProfile: AppArmor profiles are not supported" },
        { "process.args", "[]", "config.json: process.args: must name a command" },
        { "process.cwd", "\"relative\"", "config.json: process.cwd: 'relative' must be an absolute path" },
        { "process.rlimits", """[{"type":"RLIMIT_NOFILE","hard":10,"soft":20}]""", "config.json: process.rlimits[0].soft: 20 is above the hard limit 10" },
        { "mounts", """[{"destination":"/x","type":"bind","source":"/tmp","options":["rbind","rshared"]}]""", "config.json: mounts[0].options: shared propagation would let the container's mounts reach the host; not supported" },
        { "ociVersion", "\"2.0.0\"", "config.json: ociVersion: '2.0.0' is not a 1.x version" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Parse_UnsupportedIsolationChange_IsRefusedNamingTheField(string field, string value, string expected)
    {
        string json = Config(c =>
        {
            string[] path = field.Split('.');
            JsonObject target = c;
            foreach (string p in path[..^1])
            {
                target = (JsonObject)target[p]!;
            }

            target[path[^1]] = JsonNode.Parse(value);
        });
        var e = Assert.Throws<OciException>(() => OciConfig.Parse(json, "/b"));
        Assert.Equal(expected, e.Message);
        Assert.True(e.IsBadInput);
    }

    [Fact]
    public void Parse_UserNamespaceWithoutMappings_IsRefused()
    {
        var e = Assert.Throws<OciException>(() => OciConfig.Parse(Config(c => c["linux"]!["namespaces"]!.AsArray().Add(new JsonObject { ["type"] = "user" })), "/b"));
        Assert.Equal("config.json: linux.uidMappings: is required with a user namespace", e.Message);
    }

    [Theory]
    [InlineData("{ \"ociVersion\": \"1.0.2\",\n  \"process\": { \"args\": [\"sh\" }\n}", "config.json:2:")]
    [InlineData("", "config.json:1:1: invalid JSON")]
    [InlineData("[1, 2]", "config.json: expected a JSON object at the top")]
    [InlineData("{\"ociVersion\": 1}", "config.json: ociVersion: expected a string")]
    public void Parse_Malformed_SaysWhereOnOneLine(string json, string expectedStart)
    {
        var e = Assert.Throws<OciException>(() => OciConfig.Parse(json, "/b"));
        Assert.StartsWith(expectedStart, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("TERM", 15)]
    [InlineData("SIGKILL", 9)]
    [InlineData("hup", 1)]
    [InlineData("9", 9)]
    [InlineData("RTMIN+2", 36)]
    [InlineData("sigusr1", 10)]
    public void Signals_Parse_NamesAndNumbers(string text, int expected) => Assert.Equal(expected, Signals.Parse(text));

    [Theory]
    [InlineData("BOGUS")]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("-9")]
    [InlineData("")]
    public void Signals_Parse_UnknownIsBadInput(string text)
    {
        var e = Assert.Throws<OciException>(() => Signals.Parse(text));
        Assert.True(e.IsBadInput);
    }
}
