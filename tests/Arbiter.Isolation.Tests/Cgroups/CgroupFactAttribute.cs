using Arbiter.Isolation.Cgroups;

namespace Arbiter.Isolation.Tests.Cgroups;

/// <summary>
/// A fact that needs the real kernel's cgroups: root and the named controllers. When one is missing the test is
/// skipped with the missing feature named (the machines of issue 6 have them all, so there it runs).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CgroupFactAttribute : FactAttribute
{
    public CgroupFactAttribute(params string[] controllers)
    {
        Controllers = controllers;
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux cgroups (this is not Linux)";
            return;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root to create cgroups";
            return;
        }

        try
        {
            var layout = CgroupLayout.Detect();
            var missing = controllers.Where(c => layout.HierarchyOf(c) is null).ToList();
            if (missing.Count > 0)
            {
                Skip = $"needs the cgroup controller(s) {string.Join(", ", missing)}, missing here: {layout.Describe()}";
            }
        }
        catch (CgroupException e)
        {
            Skip = $"needs cgroups: {e.Message}";
        }
    }

    public IReadOnlyList<string> Controllers { get; }
}
