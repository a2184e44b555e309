using System.Text.Json;
using Arbiter.Cli.Tests.Commands.Run;

namespace Arbiter.Cli.Tests.Commands.Oci;

/// <summary>The OCI lifecycle through the command line, with state under a scratch --root.</summary>
[Collection(CliContainerGroup.Name)]
public sealed class OciCommandTests(CliContainerFixture fixture) : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "arbiter-oci-tests-" + Guid.NewGuid().ToString("N")[..10]);

    /// <summary>A bundle whose config.json runs <paramref name="args"/> in the fixture's rootfs.</summary>
    private string Bundle(string[] args, string extra = "")
    {
        string bundle = Path.Combine(root + "-bundles", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(bundle);
        File.WriteAllText(Path.Combine(bundle, "config.json"), $$"""
            {
              "ociVersion": "1.0.2",
              "process": { "terminal": false, "user": { "uid": 0, "gid": 0 }, "args": {{JsonSerializer.Serialize(args)}},
                           "env": ["PATH=/bin"], "cwd": "/", "noNewPrivileges": true {{extra}} },
              "root": { "path": "{{fixture.Rootfs}}", "readonly": true },
              "hostname": "oci-test",
              "mounts": [ { "destination": "/proc", "type": "proc", "source": "proc" },
                          { "destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"] } ],
              "linux": { "namespaces": [ { "type": "pid" }, { "type": "mount" }, { "type": "uts" }, { "type": "ipc" }, { "type": "network" } ],
                         "resources": { "memory": { "limit": 67108864 }, "pids": { "limit": 32 } },
                         "maskedPaths": ["/proc/keys"], "readonlyPaths": ["/proc/sys"] }
            }
            """);
        return bundle;
    }

    private (int Code, string Out, string Err) Oci(params string[] args) => CliRunner.Run(["oci", "--root", root, .. args]);

    private string Status(string id) => JsonDocument.Parse(Oci("state", id).Out).RootElement.GetProperty("status").GetString()!;

    [ContainerCliFact]
    public void Lifecycle_CreateStartKillDelete_ReportsEachStatusAndLeavesNothing()
    {
        string bundle = Bundle(["sleep", "30"]);
        string pidFile = Path.Combine(root, "c1.pid");
        Directory.CreateDirectory(root);
        var create = Oci("create", "--bundle", bundle, "--pid-file", pidFile, "c1");
        Assert.True(create.Code == 0, create.Err);
        var state = JsonDocument.Parse(Oci("state", "c1").Out).RootElement;
        Assert.Equal("created", state.GetProperty("status").GetString());
        Assert.Equal("c1", state.GetProperty("id").GetString());
        Assert.Equal("1.0.2", state.GetProperty("ociVersion").GetString());
        Assert.Equal(bundle, state.GetProperty("bundle").GetString());
        int pid = state.GetProperty("pid").GetInt32();
        Assert.Equal(pid.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(pidFile));
        Assert.StartsWith("arbiter-init", File.ReadAllText($"/proc/{pid}/cmdline")); // set up, not yet exec'd

        Assert.Equal(0, Oci("start", "c1").Code);
        Assert.Equal("running", Status("c1"));
        // start returns once the init has taken the fifo's byte; its execve follows a moment later.
        Assert.True(SpinWait.SpinUntil(() => File.ReadAllText($"/proc/{pid}/cmdline").StartsWith("sleep", StringComparison.Ordinal), TimeSpan.FromSeconds(5)));
        Assert.Equal("arbiter: container 'c1' is running: kill it first or use --force\n", Oci("delete", "c1").Err);

        Assert.Equal(0, Oci("kill", "c1", "KILL").Code);
        Assert.True(SpinWait.SpinUntil(() => Status("c1") == "stopped", TimeSpan.FromSeconds(5)));
        Assert.Equal(0, JsonDocument.Parse(Oci("state", "c1").Out).RootElement.GetProperty("pid").GetInt32());
        Assert.Equal(0, Oci("delete", "c1").Code);
        var gone = Oci("state", "c1");
        Assert.Equal(2, gone.Code);
        Assert.StartsWith("arbiter: container 'c1' does not exist", gone.Err);
        Assert.Empty(CliContainerFixture.OurCgroups());
        Assert.Empty(Directory.GetDirectories(root));
    }

    [ContainerCliFact]
    public void Delete_Force_KillsACreatedContainer()
    {
        Assert.Equal(0, Oci("create", "-b", Bundle(["sleep", "30"]), "c2").Code);
        string[] recorded = RecordedCgroups("c2");
        Assert.Equal(5, recorded.Length);                  // memory, cpu, cpuacct, pids, freezer (this machine's v1)
        Assert.All(recorded, d => Assert.True(Directory.Exists(d), d));
        Assert.Equal(0, Oci("delete", "--force", "c2").Code);
        Assert.All(recorded, d => Assert.False(Directory.Exists(d), d));
        Assert.Empty(CliContainerFixture.OurCgroups());
        Assert.False(Directory.Exists(Path.Combine(root, "c2")));
    }

    [ContainerCliFact]
    public void Delete_StateNamesADirectoryOutsideTheCgroupTree_RefusesAndTouchesIt()
    {
        Assert.Equal(0, Oci("create", "-b", Bundle(["sleep", "30"]), "c7").Code);
        string state = Path.Combine(root, "c7", "state.json");
        string original = File.ReadAllText(state);
        string decoy = Path.Combine(root + "-bundles", "oci-c7@1.1");
        Directory.CreateDirectory(decoy);
        var json = System.Text.Json.Nodes.JsonNode.Parse(original)!;
        json["cgroupDirectories"] = new System.Text.Json.Nodes.JsonArray(decoy);
        File.WriteAllText(state, json.ToJsonString());

        var (code, output, error) = Oci("delete", "--force", "c7");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith($"arbiter: container 'c7': {decoy} is not a group directory under arbiter/", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.True(Directory.Exists(decoy));              // a recorded path is never removed on the state's word alone
        File.WriteAllText(state, original);
        Assert.Equal(0, Oci("delete", "--force", "c7").Code);
        Assert.Empty(CliContainerFixture.OurCgroups());
    }

    private string[] RecordedCgroups(string id) =>
        [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(root, id, "state.json"))).RootElement.GetProperty("cgroupDirectories").EnumerateArray().Select(e => e.GetString()!)];

    [ContainerCliFact]
    public void Run_Foreground_ExitsWithTheStatusAndRemovesItsState()
    {
        var (code, _, error) = Oci("run", "-b", Bundle(["sh", "-c", "test $(hostname) = oci-test && exit 5"]), "c3");
        Assert.True(code == 5, error);
        Assert.False(Directory.Exists(Path.Combine(root, "c3")));
        Assert.Empty(CliContainerFixture.OurCgroups());
    }

    [ContainerCliFact]
    public void Create_IdInUse_IsOneLineExit2()
    {
        string bundle = Bundle(["sleep", "30"]);
        Assert.Equal(0, Oci("create", "-b", bundle, "c4").Code);
        try
        {
            var (code, _, error) = Oci("create", "-b", bundle, "c4");
            Assert.Equal(2, code);
            Assert.Equal($"arbiter: container 'c4' already exists ({Path.Combine(root, "c4")}); delete it first\n", error);
        }
        finally
        {
            Oci("delete", "--force", "c4");
        }
    }

    [ContainerCliFact]
    public void Create_UnknownField_WarnsAndGoesOn()
    {
        var (code, _, error) = Oci("create", "-b", Bundle(["true"], extra: ", \"niceness\": 3"), "c5");
        Assert.True(code == 0, error);
        Assert.Equal("arbiter: warning: config.json: unknown field process.niceness ignored\n", error);
        Oci("delete", "--force", "c5");
    }

    [ContainerCliFact]
    public void Create_MissingRootfs_IsOneLineExit2AndLeavesNoStateOrCgroup()
    {
        string bundle = Bundle(["true"]);
        string config = Path.Combine(bundle, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace(fixture.Rootfs, "/no/such/rootfs", StringComparison.Ordinal));
        var (code, output, error) = Oci("create", "-b", bundle, "c6");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("arbiter: rootfs /no/such/rootfs: no such directory\n", error);
        Assert.False(Directory.Exists(Path.Combine(root, "c6")));
        Assert.Empty(CliContainerFixture.OurCgroups());
    }

    [Theory]
    [InlineData("{ \"ociVersion\": \"1.0.2\",\n  \"process\": { \"args\": [\"sh\" }\n}", "arbiter: config.json:2:")]
    [InlineData("{ \"ociVersion\": \"1.0.2\", \"process\": { \"terminal\": true, \"args\": [\"sh\"], \"cwd\": \"/\" }, \"root\": { \"path\": \"rootfs\" }, \"linux\": {} }",
        "arbiter: config.json: process.terminal: a terminal (console socket) is not supported; set it to false")]
    public void Create_BadConfig_IsOneLineExit2AndMakesNothing(string json, string expectedStart)
    {
        string bundle = Path.Combine(root + "-bundles", "bad");
        Directory.CreateDirectory(bundle);
        File.WriteAllText(Path.Combine(bundle, "config.json"), json);
        var (code, output, error) = Oci("create", "-b", bundle, "bad1");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith(expectedStart, error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(root, "bad1")));
        if (OperatingSystem.IsLinux() && Directory.Exists("/sys/fs/cgroup"))
        {
            Assert.Empty(CliContainerFixture.OurCgroups());
        }
    }

    [Theory]
    [InlineData(new[] { "create", "-b", "/no/such/bundle", "x1" }, "arbiter: /no/such/bundle/config.json: no such file (is /no/such/bundle an OCI bundle?)")]
    [InlineData(new[] { "create", "-b", ".", "bad.id" }, "arbiter: container id 'bad.id' must be 1-64 letters, digits, '_' or '-', starting with a letter or digit")]
    [InlineData(new[] { "kill", "nobody", "BOGUS" }, "arbiter: unknown signal 'BOGUS' (use a name such as TERM, KILL, HUP or a number 1-64)")]
    [InlineData(new[] { "kill", "nobody", "TERM" }, "arbiter: container 'nobody' does not exist")]
    [InlineData(new[] { "start", "nobody" }, "arbiter: container 'nobody' does not exist")]
    [InlineData(new[] { "delete", "nobody" }, "arbiter: container 'nobody' does not exist")]
    [InlineData(new[] { "create", "--console-socket", "/tmp/console.sock", "-b", ".", "x2" }, "arbiter: --console-socket: a terminal is not supported (set process.terminal to false in config.json and drop --console-socket)")]
    [InlineData(new[] { "run", "--console-socket", "/tmp/console.sock", "-b", ".", "x3" }, "arbiter: --console-socket: a terminal is not supported")]
    public void BadRequest_IsOneLineExit2(string[] args, string expectedStart)
    {
        var (code, output, error) = Oci(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith(expectedStart, error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Help_EveryOciCommand_HasExamples()
    {
        foreach (string c in new[] { "create", "start", "state", "kill", "delete", "run", "list" })
        {
            var (code, output, _) = CliRunner.Run("oci", c, "--help");
            Assert.Equal(0, code);
            Assert.Contains("Examples:", output);
        }
    }

    public void Dispose()
    {
        // A failed test must not leave a container (and its cgroup) for the next one.
        if (Directory.Exists(root))
        {
            foreach (string? id in Directory.GetDirectories(root).Select(Path.GetFileName))
            {
                Oci("delete", "--force", id!);
            }
        }

        foreach (string d in new[] { root, root + "-bundles" }.Where(Directory.Exists))
        {
            Directory.Delete(d, recursive: true);
        }
    }
}
