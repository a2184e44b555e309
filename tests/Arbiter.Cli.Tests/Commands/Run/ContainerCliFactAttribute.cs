using Arbiter.Isolation.Container;
using Arbiter.Isolation.Rootfs;

namespace Arbiter.Cli.Tests.Commands.Run;

/// <summary>A CLI test that runs real containers: skipped, naming what is missing, where the kernel or tools lack them.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContainerCliFactAttribute : FactAttribute
{
    public ContainerCliFactAttribute()
    {
        var missing = ContainerSupport.Missing().ToList();
        if (!BusyboxRootfs.SearchPaths.Any(File.Exists))
        {
            missing.Add("busybox-static (apt-get install busybox-static)");
        }

        if (missing.Count > 0)
        {
            Skip = "needs " + string.Join("; ", missing);
        }
    }
}
