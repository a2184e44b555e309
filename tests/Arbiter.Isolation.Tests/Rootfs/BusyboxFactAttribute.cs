using Arbiter.Isolation.Rootfs;

namespace Arbiter.Isolation.Tests.Rootfs;

/// <summary>A fact that needs Debian's busybox-static installed (and root when asked); skipped naming what is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BusyboxFactAttribute : FactAttribute
{
    public BusyboxFactAttribute(bool root = false)
    {
        if (StaticBusybox is null)
        {
            Skip = $"needs busybox-static (a static busybox at {string.Join(" or ", BusyboxRootfs.SearchPaths)}): apt-get install busybox-static";
        }
        else if (root && !Environment.IsPrivilegedProcess)
        {
            Skip = "needs root (chroot, mount)";
        }
    }

    public static string? StaticBusybox => BusyboxRootfs.SearchPaths.FirstOrDefault(ElfFile.IsStaticExecutable);
}
