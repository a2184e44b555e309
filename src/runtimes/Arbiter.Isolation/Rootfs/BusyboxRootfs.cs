// Source: BusyBox's own install model ("busybox --install" / --list-full: one binary, one link per applet) and
// Debian's busybox-static package (a statically linked /bin/busybox, so the rootfs needs no libc).
//
// Summary: build DIR.tmp — bin/busybox, a relative symlink per applet at the path busybox --list-full gives,
// /etc/passwd, /etc/group, /etc/hostname, /etc/hosts, empty /proc /sys /dev /tmp /root mount points, and a marker
// file — then swap it into DIR with renames. DIR may be absent, empty, or a rootfs Arbiter built before (then it
// is replaced: building twice gives the same tree); anything else is refused untouched.
// Cost: one copy of busybox (~2 MB) and ~400 symlinks.
using System.Diagnostics;
using System.Text;

namespace Arbiter.Isolation.Rootfs;

/// <summary>A minimal root filesystem from Debian's busybox-static, for containers that need no network to build.</summary>
public static class BusyboxRootfs
{
    /// <summary>The marker file that says a directory is a rootfs Arbiter built (and may replace).</summary>
    public const string MarkerFile = ".arbiter-rootfs";

    /// <summary>Where Debian's busybox-static puts the binary (/usr/bin on merged-/usr systems).</summary>
    public static IReadOnlyList<string> SearchPaths { get; } = ["/bin/busybox", "/usr/bin/busybox"];

    private static readonly string[] MountPoints = ["proc", "sys", "dev", "tmp", "root"];

    /// <summary>Builds (or rebuilds) the root filesystem at <paramref name="dir"/>.</summary>
    /// <exception cref="RootfsException">DIR is unusable (<see cref="RootfsException.IsBadInput"/>), or no static
    /// busybox can be found or installed; DIR is left as it was.</exception>
    public static BusyboxRootfsResult Build(string dir, BusyboxRootfsOptions? options = null) =>
        Build(dir, options ?? new BusyboxRootfsOptions(), AptInstaller.Install, SearchPaths);

    internal static BusyboxRootfsResult Build(string dir, BusyboxRootfsOptions options, Func<string, string?> install, IReadOnlyList<string> searchPaths)
    {
        ArgumentNullException.ThrowIfNull(dir);
        ArgumentNullException.ThrowIfNull(options);
        ValidateHostname(options.Hostname);
        string target = Path.GetFullPath(dir).TrimEnd('/');
        bool replace = CheckTarget(target);
        var (busybox, installed) = FindBusybox(options, install, searchPaths);
        string version = RunBusybox(busybox, "--help").Split('\n')[0].Replace("multi-call binary.", "", StringComparison.Ordinal).Trim();
        var applets = ParseAppletList(RunBusybox(busybox, "--list-full"));

        string tmp = target + ".tmp";
        string old = target + ".old";
        try
        {
            DeleteIfPresent(tmp);
            DeleteIfPresent(old);
            Populate(tmp, busybox, version, applets, options.Hostname);
            if (Directory.Exists(target))
            {
                Directory.Move(target, old);
            }

            Directory.Move(tmp, target);
            DeleteIfPresent(old);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!Directory.Exists(target) && Directory.Exists(old))
            {
                Directory.Move(old, target); // put the previous rootfs back
            }

            DeleteIfPresent(tmp);
            throw new RootfsException($"cannot build {target}: {e.Message}", e);
        }

        return new BusyboxRootfsResult(target, busybox, version, applets.Count, installed, replace);
    }

    /// <summary>True when <paramref name="dir"/> is a root filesystem Arbiter built (it has the marker and bin/busybox).</summary>
    public static bool IsArbiterRootfs(string dir) =>
        File.Exists(Path.Combine(dir, MarkerFile)) && File.Exists(Path.Combine(dir, "bin", "busybox"));

    /// <summary>The applet paths of <c>busybox --list-full</c> ("bin/ls", "usr/sbin/chroot"), refusing anything that could escape DIR.</summary>
    internal static IReadOnlyList<string> ParseAppletList(string text)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line == "bin/busybox")
            {
                continue;
            }

            if (line.StartsWith('/') || line.Split('/').Any(part => part is "" or "." or ".."))
            {
                throw new RootfsException($"busybox --list-full gave an unsafe applet path '{line}'");
            }

            paths.Add(line);
        }

        if (paths.Count == 0)
        {
            throw new RootfsException("busybox --list-full listed no applets (not a busybox binary?)");
        }

        return [.. paths];
    }

    // Is the target usable, and is it a previous rootfs to replace? Nothing is touched here.
    private static bool CheckTarget(string target)
    {
        if (File.Exists(target))
        {
            throw new RootfsException($"{target} is a file, not a directory", badInput: true);
        }

        if (!Directory.Exists(target))
        {
            string? parent = Path.GetDirectoryName(target);
            if (parent is null || !Directory.Exists(parent))
            {
                throw new RootfsException($"{parent ?? target}: parent directory does not exist", badInput: true);
            }

            return false;
        }

        if (!Directory.EnumerateFileSystemEntries(target).Any())
        {
            return false;
        }

        if (!IsArbiterRootfs(target))
        {
            throw new RootfsException($"{target} exists, is not empty and is not a rootfs built by arbiter (no {MarkerFile}); choose another directory", badInput: true);
        }

        if (MountedUnder(target) is { } mount)
        {
            throw new RootfsException($"{target} is in use: {mount} is mounted (a container running on it?)", badInput: true);
        }

        return true;
    }

    private static string? MountedUnder(string target)
    {
        try
        {
            return File.ReadLines("/proc/self/mountinfo")
                .Select(l => l.Split(' ')).Where(f => f.Length > 4).Select(f => f[4].Replace("\\040", " ", StringComparison.Ordinal))
                .FirstOrDefault(m => m == target || m.StartsWith(target + "/", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static (string Path, bool Installed) FindBusybox(BusyboxRootfsOptions options, Func<string, string?> install, IReadOnlyList<string> searchPaths)
    {
        if (options.BusyboxPath is { } given)
        {
            if (!File.Exists(given))
            {
                throw new RootfsException($"--busybox {given}: no such file", badInput: true);
            }

            return ElfFile.IsStaticExecutable(given)
                ? (given, false)
                : throw new RootfsException($"--busybox {given}: not a statically linked executable (it would need a libc inside the rootfs)", badInput: true);
        }

        string? found = searchPaths.FirstOrDefault(ElfFile.IsStaticExecutable);
        if (found is not null)
        {
            return (found, false);
        }

        string why = searchPaths.Any(File.Exists) ? "only a dynamically linked busybox is installed" : "busybox-static is not installed";
        if (!options.Install)
        {
            throw new RootfsException($"{why}; install it with: apt-get install busybox-static");
        }

        options.Log?.Invoke($"{why}: installing it with apt-get install busybox-static …");
        if (install("busybox-static") is { } failure)
        {
            throw new RootfsException($"{why} and could not be installed ({failure}); install it with: apt-get install busybox-static");
        }

        return (searchPaths.FirstOrDefault(ElfFile.IsStaticExecutable)
            ?? throw new RootfsException($"apt-get installed busybox-static but no static busybox is at {string.Join(" or ", searchPaths)}"), true);
    }

    private static void Populate(string root, string busybox, string version, IReadOnlyList<string> applets, string hostname)
    {
        Directory.CreateDirectory(root);
        foreach (string d in MountPoints)
        {
            Directory.CreateDirectory(Path.Combine(root, d));
        }

        // /tmp is world-writable with the sticky bit, /root private, as on any Debian system.
        SetMode(Path.Combine(root, "tmp"), "1777");
        SetMode(Path.Combine(root, "root"), "700");

        string bin = Path.Combine(root, "bin");
        Directory.CreateDirectory(bin);
        File.Copy(busybox, Path.Combine(bin, "busybox"));
        SetMode(Path.Combine(bin, "busybox"), "755");
        foreach (string applet in applets)
        {
            string link = Path.Combine(root, applet);
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            // Relative, so the link resolves to the rootfs's busybox both inside the container and when inspected from the host.
            File.CreateSymbolicLink(link, Path.GetRelativePath(Path.GetDirectoryName(link)!, Path.Combine(bin, "busybox")));
        }

        string etc = Path.Combine(root, "etc");
        Directory.CreateDirectory(etc);
        File.WriteAllText(Path.Combine(etc, "passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
        File.WriteAllText(Path.Combine(etc, "group"), "root:x:0:\nnogroup:x:65534:\n");
        File.WriteAllText(Path.Combine(etc, "hostname"), hostname + "\n");
        File.WriteAllText(Path.Combine(etc, "hosts"), $"127.0.0.1\tlocalhost\n127.0.1.1\t{hostname}\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        File.WriteAllText(Path.Combine(root, MarkerFile), $"busybox rootfs built by arbiter\nbusybox: {version}\napplets: {applets.Count}\n", Encoding.UTF8);
    }

    private static string RunBusybox(string busybox, string argument)
    {
        var psi = new ProcessStartInfo(busybox, [argument]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        try
        {
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            string text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            // "busybox --help" prints its banner on stdout and exits 0; older builds print it on stderr.
            return text.Length > 0 ? text : err.Result;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RootfsException($"cannot run {busybox}: {e.Message}", e);
        }
    }

    private static void SetMode(string path, string octal)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(octal, 8));
        }
    }

    private static void DeleteIfPresent(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true); // symlinks are removed, never followed
        }
    }

    private static void ValidateHostname(string hostname)
    {
        // RFC 1123 labels; the kernel allows 64 bytes for a UTS name.
        bool ok = hostname.Length is > 0 and <= 64 && hostname.Split('.').All(label =>
            label.Length is > 0 and <= 63 && char.IsAsciiLetterOrDigit(label[0]) && char.IsAsciiLetterOrDigit(label[^1])
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
        if (!ok)
        {
            throw new RootfsException($"hostname '{hostname}' is not a valid host name (letters, digits, '-', dots; at most 64)", badInput: true);
        }
    }
}
