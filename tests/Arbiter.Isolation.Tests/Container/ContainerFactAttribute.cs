using Arbiter.Isolation.Cgroups;
using Arbiter.Isolation.Container;
using Arbiter.Isolation.Tests.Rootfs;

namespace Arbiter.Isolation.Tests.Container;

/// <summary>
/// A fact that runs real containers: root, the namespaces, seccomp, the helper, cgroup controllers memory, cpu,
/// cpuacct and pids, a static busybox and gcc (for the probe). Skipped naming what is missing; on the machines of
/// issue 6 everything is present, so it runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContainerFactAttribute : FactAttribute
{
    public ContainerFactAttribute(bool userNamespace = false)
    {
        var missing = ContainerSupport.Missing(userNamespace).ToList();
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var layout = CgroupLayout.Detect();
                missing.AddRange(new[] { "memory", "cpu", "cpuacct", "pids" }.Where(c => layout.HierarchyOf(c) is null).Select(c => $"the {c} cgroup controller"));
            }
            catch (CgroupException e)
            {
                missing.Add($"cgroups ({e.Message})");
            }
        }

        if (BusyboxFactAttribute.StaticBusybox is null)
        {
            missing.Add("busybox-static (apt-get install busybox-static)");
        }

        if (!File.Exists("/usr/bin/gcc"))
        {
            missing.Add("gcc (to build the probe program)");
        }

        if (missing.Count > 0)
        {
            Skip = "needs " + string.Join("; ", missing);
        }
    }
}
