using System.Diagnostics;
using Arbiter.Isolation.Rootfs;

namespace Arbiter.Isolation.Tests.Rootfs;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BusyboxRootfsTests : IDisposable
{
    private readonly string scratch = Path.Combine(Path.GetTempPath(), "arbiter-rootfs-" + Guid.NewGuid().ToString("N")[..8]);

    public BusyboxRootfsTests() => Directory.CreateDirectory(scratch);

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    private string Dir => Path.Combine(scratch, "rootfs");

    private static string? NoInstall(string package) => throw new InvalidOperationException($"unexpected install of {package}");

    [Fact]
    public void ParseAppletList_DuplicatesAndBusyboxItself_SkippedAndSorted() =>
        Assert.Equal(["bin/ls", "sbin/init", "usr/bin/awk"], BusyboxRootfs.ParseAppletList("usr/bin/awk\nbin/busybox\nbin/ls\nsbin/init\nbin/ls\n\n"));

    [Theory]
    [InlineData("/bin/ls")]
    [InlineData("bin/../../etc/passwd")]
    [InlineData("bin//ls")]
    [InlineData("./bin/ls")]
    public void ParseAppletList_PathThatCouldEscape_Refused(string line)
    {
        var e = Assert.Throws<RootfsException>(() => BusyboxRootfs.ParseAppletList("bin/sh\n" + line + "\n"));
        Assert.Equal($"busybox --list-full gave an unsafe applet path '{line}'", e.Message);
    }

    [BusyboxFact]
    public void Build_EmptyTarget_BusyboxAppletLinksEtcAndMountPoints()
    {
        var result = BusyboxRootfs.Build(Dir, new BusyboxRootfsOptions(Hostname: "box1"), NoInstall, BusyboxRootfs.SearchPaths);

        Assert.False(result.Replaced);
        Assert.False(result.Installed);
        Assert.StartsWith("BusyBox v", result.Version, StringComparison.Ordinal);
        Assert.True(ElfFile.IsStaticExecutable(Path.Combine(Dir, "bin", "busybox")));
        // Independent count: busybox's own list, minus its own entry.
        int listed = Run(result.Busybox, "--list-full").Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct().Count(l => l != "bin/busybox");
        Assert.Equal(listed, result.Applets);
        var sh = new FileInfo(Path.Combine(Dir, "bin", "sh"));
        Assert.Equal("busybox", sh.LinkTarget); // relative: right inside the container and from the host
        Assert.Equal(Path.Combine(Dir, "bin", "busybox"), sh.ResolveLinkTarget(returnFinalTarget: true)!.FullName);
        Assert.Equal("../../bin/busybox", new FileInfo(Path.Combine(Dir, "usr", "bin", "awk")).LinkTarget);
        Assert.Equal("box1\n", File.ReadAllText(Path.Combine(Dir, "etc", "hostname")));
        Assert.StartsWith("root:x:0:0:root:/root:/bin/sh\n", File.ReadAllText(Path.Combine(Dir, "etc", "passwd")), StringComparison.Ordinal);
        Assert.StartsWith("root:x:0:\n", File.ReadAllText(Path.Combine(Dir, "etc", "group")), StringComparison.Ordinal);
        foreach (string mount in new[] { "proc", "sys", "dev", "tmp", "root" })
        {
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Dir, mount)));
        }

        Assert.Equal((UnixFileMode)Convert.ToInt32("1777", 8), File.GetUnixFileMode(Path.Combine(Dir, "tmp")));
        Assert.False(Directory.Exists(Dir + ".tmp"));
    }

    [BusyboxFact]
    public void Build_Twice_SameTreeAndReplacedReported()
    {
        BusyboxRootfs.Build(Dir, new BusyboxRootfsOptions(), NoInstall, BusyboxRootfs.SearchPaths);
        var first = Snapshot(Dir);
        File.WriteAllText(Path.Combine(Dir, "tmp", "left-over"), "x");

        var again = BusyboxRootfs.Build(Dir, new BusyboxRootfsOptions(), NoInstall, BusyboxRootfs.SearchPaths);

        Assert.True(again.Replaced);
        Assert.Equal(first, Snapshot(Dir));
        Assert.Equal(["rootfs"], Directory.GetFileSystemEntries(scratch).Select(Path.GetFileName));
    }

    [Fact]
    public void Build_ForeignNonEmptyDirectory_RefusedAsBadInputAndUntouched()
    {
        Directory.CreateDirectory(Dir);
        File.WriteAllText(Path.Combine(Dir, "precious"), "data");

        var e = Assert.Throws<RootfsException>(() => BusyboxRootfs.Build(Dir, new BusyboxRootfsOptions(), NoInstall, BusyboxRootfs.SearchPaths));

        Assert.True(e.IsBadInput);
        Assert.Equal($"{Dir} exists, is not empty and is not a rootfs built by arbiter (no .arbiter-rootfs); choose another directory", e.Message);
        Assert.Equal(["precious"], Directory.GetFileSystemEntries(Dir).Select(Path.GetFileName));
        Assert.False(Directory.Exists(Dir + ".tmp"));
    }

    [Fact]
    public void Build_TargetIsAFile_BadInput()
    {
        File.WriteAllText(Dir, "");
        var e = Assert.Throws<RootfsException>(() => BusyboxRootfs.Build(Dir, new BusyboxRootfsOptions(), NoInstall, BusyboxRootfs.SearchPaths));
        Assert.True(e.IsBadInput);
        Assert.EndsWith("is a file, not a directory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoBusyboxAndInstallFails_SaysWhyAndHowAndBuildsNothing()
    {
        string[] search = [Path.Combine(scratch, "bin", "busybox")];
        var asked = new List<string>();
        var logged = new List<string>();

        var e = Assert.Throws<RootfsException>(() => BusyboxRootfs.Build(Dir, new BusyboxRootfsOptions(Log: logged.Add),
            p => { asked.Add(p); return "apt-get install busybox-static exited with 100: Unable to locate package busybox-static"; }, search));

        Assert.Equal(["busybox-static"], asked);
        Assert.Equal(["busybox-static is not installed: installing it with apt-get install busybox-static …"], logged);
        Assert.False(e.IsBadInput);
        Assert.Equal("busybox-static is not installed and could not be installed (apt-get install busybox-static exited with 100: Unable to locate package busybox-static); install it with: apt-get install busybox-static", e.Message);
        Assert.False(Directory.Exists(Dir));
    }

    [Fact]
    public void Build_NoBusyboxAndNoInstall_FailsWithoutAsking()
    {
        string[] search = [Path.Combine(scratch, "none")];
        var e = Assert.Throws<RootfsException>(() => BusyboxRootfs.Build(Dir, new BusyboxRootfsOptions(Install: false), NoInstall, search));
        Assert.Equal("busybox-static is not installed; install it with: apt-get install busybox-static", e.Message);
    }

    [BusyboxFact]
    public void Build_InstallerProvidesBusybox_InstalledReported()
    {
        string target = Path.Combine(scratch, "usr-bin-busybox");
        var result = BusyboxRootfs.Build(Dir, new BusyboxRootfsOptions(), _ => { File.Copy(BusyboxFactAttribute.StaticBusybox!, target); return null; }, [target]);

        Assert.True(result.Installed);
        Assert.Equal(target, result.Busybox);
        Assert.True(File.Exists(Path.Combine(Dir, "bin", "busybox")));
    }

    [BusyboxFact(root: true)]
    public void Build_Chroot_AShellRunsWithNoLibcInside()
    {
        BusyboxRootfs.Build(Dir, new BusyboxRootfsOptions(Hostname: "inside"), NoInstall, BusyboxRootfs.SearchPaths);
        Assert.False(Directory.Exists(Path.Combine(Dir, "lib")));

        string output = Run("/usr/sbin/chroot", Dir, "/bin/sh", "-c", "cat /etc/hostname; id -un; ls /usr/bin/awk");

        Assert.Equal("inside\nroot\n/usr/bin/awk\n", output);
    }

    [BusyboxFact(root: true)]
    public void Build_RootfsWithAMountInside_RefusedAsInUse()
    {
        BusyboxRootfs.Build(Dir, new BusyboxRootfsOptions(), NoInstall, BusyboxRootfs.SearchPaths);
        Run("/bin/mount", "-t", "tmpfs", "none", Path.Combine(Dir, "proc"));
        try
        {
            var e = Assert.Throws<RootfsException>(() => BusyboxRootfs.Build(Dir, new BusyboxRootfsOptions(), NoInstall, BusyboxRootfs.SearchPaths));
            Assert.Equal($"{Dir} is in use: {Dir}/proc is mounted (a container running on it?)", e.Message);
        }
        finally
        {
            Run("/bin/umount", Path.Combine(Dir, "proc"));
        }
    }

    private static string Snapshot(string root) => string.Join('\n', Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(p => new FileInfo(p))
        .Select(f => $"{Path.GetRelativePath(root, f.FullName)} {f.LinkTarget ?? (f.Exists ? f.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) : "dir")} {File.GetUnixFileMode(f.FullName)}"));

    private static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)}: exit {p.ExitCode}: {error}");
        return output;
    }
}
