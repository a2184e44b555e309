using Arbiter.Isolation.Native;

namespace Arbiter.Isolation.Container;

/// <summary>
/// What this machine lacks for running containers, by name: tests skip with it, commands report it. Reads only
/// /proc and the file system; creates nothing.
/// </summary>
public static class ContainerSupport
{
    private static readonly string[] Namespaces = ["pid", "mnt", "uts", "ipc", "net", "cgroup"];

    /// <summary>The missing features (empty when containers can run here); <paramref name="userNamespace"/> adds the user namespace.</summary>
    public static IReadOnlyList<string> Missing(bool userNamespace = false)
    {
        var missing = new List<string>();
        if (!OperatingSystem.IsLinux())
        {
            return ["Linux (namespaces, cgroups and seccomp are Linux kernel features)"];
        }

        if (!Environment.IsPrivilegedProcess)
        {
            missing.Add("root (creating namespaces, mounts and cgroups needs it)");
        }

        foreach (string ns in Namespaces.Concat(userNamespace ? ["user"] : []))
        {
            if (!File.Exists($"/proc/self/ns/{ns}"))
            {
                missing.Add($"the {ns} namespace (/proc/self/ns/{ns} is missing: kernel built without it)");
            }
        }

        if (userNamespace && ReadNumber("/proc/sys/user/max_user_namespaces") is 0)
        {
            missing.Add("user namespaces (/proc/sys/user/max_user_namespaces is 0)");
        }

        if (!File.Exists("/proc/sys/kernel/seccomp/actions_avail"))
        {
            missing.Add("seccomp filters (/proc/sys/kernel/seccomp is missing: CONFIG_SECCOMP_FILTER)");
        }

        if (Environment.OSVersion.Version < new Version(5, 6))
        {
            missing.Add($"Linux 5.6 or later for openat2 (this is {Environment.OSVersion.Version})");
        }

        if (!File.Exists(HelperProcess.BinaryPath))
        {
            missing.Add($"the native helper {HelperProcess.BinaryPath} (build Arbiter.Isolation where gcc is installed)");
        }

        return missing;
    }

    private static long? ReadNumber(string path)
    {
        try
        {
            return long.TryParse(File.ReadAllText(path).Trim(), out long n) ? n : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
