using Arbiter.Isolation.Container;

namespace Arbiter.Isolation.Tests.Container;

/// <summary>
/// The security checks of issue 6, each on a real container. Each assertion is one that would fail if the
/// isolation it checks were missing (the comments say how); where a control run can show that, there is one.
/// </summary>
[Collection(ContainerGroup.Name)]
public sealed class IsolationTests(ContainerFixture fixture)
{
    [ContainerFact]
    public void PidNamespace_Workload_IsPidOne()
    {
        var (result, output, _) = fixture.Shell("echo $$; tr '\\0' ' ' < /proc/1/cmdline; echo");
        Assert.Equal(0, result.ExitCode);
        string[] lines = output.Split('\n');
        Assert.Equal("1", lines[0]);                       // without a pid namespace: the host pid
        Assert.StartsWith("/bin/sh -c echo", lines[1]);    // without one: the host's init
    }

    [ContainerFact]
    public void PidNamespace_HostProcesses_AreInvisible()
    {
        int hostProcesses = Directory.GetDirectories("/proc").Count(d => int.TryParse(Path.GetFileName(d), out _));
        Assert.True(hostProcesses > 10, $"the host shows only {hostProcesses} processes: the check below could not tell");
        var (_, output, _) = fixture.Shell("ls /proc | grep -E '^[0-9]+$'");
        int[] pids = [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];
        Assert.InRange(pids.Length, 1, 4);                 // sh, ls, grep (and perhaps a zombie)
        Assert.All(pids, p => Assert.InRange(p, 1, 10));
        Assert.Contains(1, pids);
    }

    [ContainerFact]
    public void Namespaces_EachOfTheDefaultSet_IsNotTheHosts()
    {
        // /proc/self/ns/X names a namespace by inode: inside, every one of the default set must differ from ours.
        string[] kinds = ["pid", "mnt", "uts", "ipc", "net", "cgroup"];
        string Host(string k) => new FileInfo($"/proc/self/ns/{k}").LinkTarget!;
        var (result, output, error) = fixture.Shell(string.Join("; ", kinds.Select(k => $"readlink /proc/self/ns/{k}")));
        Assert.True(result.ExitCode == 0, error);
        string[] inside = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(kinds.Length, inside.Length);
        for (int i = 0; i < kinds.Length; i++)
        {
            Assert.StartsWith(kinds[i] + ":[", inside[i]);
            Assert.NotEqual(Host(kinds[i]), inside[i]);    // without CLONE_NEW<kind>: the same inode as the host's
        }

        // The user namespace is not in the default set: the same as the host's unless asked for.
        var (_, user, _) = fixture.Shell("readlink /proc/self/ns/user");
        Assert.Equal(Host("user") + "\n", user);
    }

    [ContainerFact]
    public void UtsNamespace_HostnameChangedInside_DoesNotLeak()
    {
        string host = File.ReadAllText("/proc/sys/kernel/hostname").Trim();
        try
        {
            // All capabilities, so that the container may call sethostname at all (the default set cannot).
            var (result, output, error) = fixture.Shell("hostname; hostname changed-inside && hostname", s => s with { Capabilities = null });
            Assert.True(result.ExitCode == 0, error);
            Assert.Equal("arbiter\nchanged-inside\n", output);
            Assert.Equal(host, File.ReadAllText("/proc/sys/kernel/hostname").Trim());
        }
        finally
        {
            // Only if the check failed: never leave the machine renamed.
            if (File.ReadAllText("/proc/sys/kernel/hostname").Trim() != host)
            {
                File.WriteAllText("/proc/sys/kernel/hostname", host);
            }
        }
    }

    [ContainerFact]
    public void MountNamespace_HostFilesOutsideRootfs_AreUnreachable()
    {
        string secretDir = Path.Combine(fixture.Root, "secret-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(secretDir);
        string secret = "host-secret-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(Path.Combine(secretDir, "marker"), secret);
        string rootfs = fixture.Rootfs;
        string absLink = Path.Combine(rootfs, "escape-abs");
        string relLink = Path.Combine(rootfs, "escape-rel");
        // On the host both links lead to the secret; inside, / is the rootfs and ".." stops there.
        File.CreateSymbolicLink(absLink, secretDir);
        File.CreateSymbolicLink(relLink, string.Concat(Enumerable.Repeat("../", 12)) + secretDir.TrimStart('/'));
        Assert.Equal(secret, File.ReadAllText(Path.Combine(absLink, "marker")));
        Assert.Equal(secret, File.ReadAllText(Path.Combine(relLink, "marker")));
        try
        {
            string m = secretDir + "/marker";
            var (_, output, _) = fixture.Shell(
                $"cat {m}; cat /../../../..{m}; cat /escape-abs/marker; cat /escape-rel/marker; cat /proc/1/root{m}; " +
                $"cat /proc/self/root{m}; cat /proc/1/cwd/../../..{m}; cd /; cd ../../..; cat .{m}; probe escape {m}; echo done");
            Assert.DoesNotContain(secret, output);         // without pivot_root every one of these reads it
            // With chroot instead of pivot_root only the escape reads it (default capabilities include CAP_SYS_CHROOT):
            // the walk up ends at the mount namespace's root, the rootfs only once the old root is detached.
            Assert.Contains("escape open ENOENT", output);
            Assert.EndsWith("done\n", output);
        }
        finally
        {
            File.Delete(absLink);
            File.Delete(relLink);
        }
    }

    [ContainerFact]
    public void Privileges_MountRebootAndModules_AreDenied()
    {
        var (result, output, _) = fixture.Shell("probe sys mount umount reboot init_module finit_module delete_module kexec_load bpf ptrace unshare-user mknod-char");
        Assert.Equal(0, result.ExitCode);
        var answers = Answers(output);
        Assert.Equal(11, answers.Count);
        Assert.All(answers, a => Assert.True(a.Value == "EPERM", $"{a.Key} was allowed ({a.Value})"));
    }

    [ContainerFact]
    public void Seccomp_WithEveryCapability_StillDeniesTheList()
    {
        // A privileged container (all capabilities): only the seccomp filter stands between it and these calls.
        var (_, output, _) = fixture.Shell("probe sys mount umount reboot init_module kexec_load unshare-user mknod-char mknod-fifo",
            s => s with { Capabilities = null });
        var answers = Answers(output);
        Assert.All(answers.Where(a => a.Key != "mknod-fifo"), a => Assert.True(a.Value == "EPERM", $"{a.Key} was allowed ({a.Value})"));
        Assert.Equal("ok", answers["mknod-fifo"]);         // the filter is a deny-list, not a wall
    }

    [ContainerFact]
    public void Probe_WithoutSeccompAndWithEveryCapability_SeesTheCallsAllowed()
    {
        // The control: the same probe in a container with the filter off and all capabilities reports the calls as
        // allowed (harmless forms: a scratch tmpfs, a wrong reboot magic), so the two tests above can fail.
        var (_, output, _) = fixture.Shell("probe sys mount umount reboot mknod-fifo", s => s with { Capabilities = null, Seccomp = false, NoNewPrivileges = false });
        var answers = Answers(output);
        Assert.Equal("ok", answers["mount"]);
        Assert.Equal("ok", answers["umount"]);
        Assert.Equal("EINVAL", answers["reboot"]);
    }

    [ContainerFact]
    public void ReadOnlyRoot_Write_FailsAndTheControlSucceeds()
    {
        string file = "ro-check-" + Guid.NewGuid().ToString("N")[..8];
        var (ro, roOut, _) = fixture.Shell($"touch /{file} 2>&1; echo rc=$?; touch /tmp/x 2>&1; echo tmp=$?", s => s with { ReadOnlyRoot = true });
        Assert.Equal(0, ro.ExitCode);
        Assert.Contains("Read-only file system", roOut);
        Assert.Contains("rc=1", roOut);
        Assert.False(File.Exists(Path.Combine(fixture.Rootfs, file)));

        var (_, rwOut, _) = fixture.Shell($"touch /{file} && echo rc=$? && rm /{file}");
        Assert.Contains("rc=0", rwOut);
    }

    [ContainerFact]
    public void MaskedPaths_ProcKeys_ReadsEmpty()
    {
        Assert.True(File.Exists("/proc/keys"));
        var (_, masked, _) = fixture.Shell("wc -c < /proc/keys; echo x > /proc/sys/kernel/domainname 2>&1; echo ro=$?", s => s with { Capabilities = null });
        var (_, control, _) = fixture.Shell("wc -c < /proc/keys", s => s with { MaskedPaths = [], Capabilities = null });
        Assert.StartsWith("0\n", masked);                   // /dev/null over it
        Assert.Contains("ro=1", masked);                    // /proc/sys is read-only even for a privileged container
        Assert.NotEqual("0", control.Trim());               // not masked: the keys of the session show
    }

    [ContainerFact]
    public void Dev_MinimalDevices_WorkAndNothingElseIsThere()
    {
        var (_, output, _) = fixture.Shell("ls /dev | tr '\\n' ' '; echo; head -c 8 /dev/urandom | wc -c; (echo x > /dev/full) 2>&1; ls /dev/sda /dev/mem 2>&1 | wc -l");
        string[] lines = output.Split('\n');
        Assert.Equal("fd full mqueue null ptmx pts random shm stderr stdin stdout tty urandom zero ", lines[0]);
        Assert.Equal("8", lines[1]);
        Assert.Contains("No space left on device", lines[2]);
    }

    [ContainerFact]
    public void NetworkNamespace_Loopback_IsTheOnlyInterfaceAndIsUp()
    {
        var (_, output, _) = fixture.Shell("ls /sys/class/net; cat /sys/class/net/lo/flags; ping -c 1 -W 1 127.0.0.1 >/dev/null && echo ping-ok");
        Assert.Equal("lo\n0x9\nping-ok\n", output);        // 0x9 = IFF_UP | IFF_LOOPBACK; the host has more interfaces
        var (_, none, _) = fixture.Shell("cat /sys/class/net/lo/flags", s => s with { Network = NetworkMode.None });
        Assert.Equal("0x8\n", none);
    }

    [ContainerFact]
    public void NetworkNamespace_Veth_ReachesTheHostEndAndIsGoneAfterwards()
    {
        var (result, output, error) = fixture.Shell("ip -4 -o addr show eth0; ping -c 1 -W 2 $(ip route | awk '/default/ {print $3}') >/dev/null && echo host-reached",
            s => s with { Network = NetworkMode.Veth });
        Assert.True(result.ExitCode == 0, error);
        Assert.Matches(@"eth0\s+inet 10\.200\.\d+\.2/30", output);
        Assert.EndsWith("host-reached\n", output);
        // The kernel deletes the pair with the namespace (asynchronously: netns clean-up is deferred work).
        Assert.True(SpinWait.SpinUntil(
            () => !Directory.GetDirectories("/sys/class/net").Any(d => Path.GetFileName(d).StartsWith("arb", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10)), "a veth end was left on the host");
    }

    [ContainerFact(userNamespace: true)]
    public void UserNamespace_RootInside_IsUnprivilegedOutside()
    {
        string shared = Path.Combine(fixture.Root, "userns-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(shared);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(shared, (UnixFileMode)0x1ff);
        }
        var (result, output, error) = fixture.Shell("id -u; cat /proc/self/uid_map; touch /shared/made-inside",
            s => s with { Namespaces = s.Namespaces | NamespaceSet.User, Mounts = [.. s.Mounts, MountSpec.BindMount(shared, "/shared", readOnly: false)] });
        Assert.True(result.ExitCode == 0, error);
        Assert.Equal(["0", "0 100000 65536"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
        // The file made by "root" inside belongs to uid 100000 on the host: without the user namespace, to 0.
        Assert.Equal(100_000, OwnerOf(Path.Combine(shared, "made-inside")));
    }

    private static Dictionary<string, string> Answers(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);

    private static int OwnerOf(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%u", path]) { RedirectStandardOutput = true })!;
        string owner = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return int.Parse(owner, System.Globalization.CultureInfo.InvariantCulture);
    }
}
