using Arbiter.Isolation.Rootfs;

namespace Arbiter.Cli.Tests.Commands.Rootfs;

/// <summary>A fact that needs Debian's busybox-static installed; skipped, naming the package, where it is not.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StaticBusyboxFactAttribute : FactAttribute
{
    public StaticBusyboxFactAttribute()
    {
        if (!BusyboxRootfs.SearchPaths.Any(File.Exists))
        {
            Skip = "needs busybox-static: apt-get install busybox-static";
        }
    }
}
