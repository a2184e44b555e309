// Source: the kernel's Documentation/filesystems/proc.rst §3.5 ("/proc/<pid>/mountinfo") for the line format,
// Documentation/admin-guide/cgroup-v1/cgroups.rst §2 and cgroup-v2.rst §"Mounting" for how hierarchies are mounted.
//
// Summary: a mountinfo line is "id parent major:minor root mountpoint options [optional…] - fstype source super-options".
// A v1 hierarchy is fstype "cgroup" whose super options name its controllers ("rw,cpu,cpuacct"; named hierarchies
// such as "name=systemd" carry none); the v2 hierarchy is fstype "cgroup2", its controllers listed in its root's
// cgroup.controllers (a controller is in v2 only if no v1 hierarchy has claimed it). Parsing is pure; Detect reads
// the two files and calls Parse. Cost: O(lines).
namespace Arbiter.Isolation.Cgroups;

/// <summary>
/// The cgroup hierarchies this process sees and which one carries each controller. Built from mountinfo text by
/// <see cref="Parse"/> (pure, testable) or from the running kernel by <see cref="Detect"/>.
/// </summary>
public sealed class CgroupLayout
{
    /// <summary>The controllers Arbiter uses: limits (memory, cpu, pids), accounting (cpuacct) and kill (freezer).</summary>
    public static IReadOnlyList<string> UsedControllers { get; } = ["memory", "cpu", "cpuacct", "pids", "freezer"];

    private readonly Dictionary<string, CgroupHierarchy> byController;

    private CgroupLayout(CgroupVersion version, IReadOnlyList<CgroupHierarchy> hierarchies, CgroupHierarchy? unified)
    {
        Version = version;
        Hierarchies = hierarchies;
        Unified = unified;
        byController = new Dictionary<string, CgroupHierarchy>(StringComparer.Ordinal);
        foreach (CgroupHierarchy h in hierarchies)
        {
            foreach (string c in h.Controllers)
            {
                byController.TryAdd(c, h);
            }
        }

        if (unified is not null)
        {
            // v2 has no cpuacct or freezer controller: CPU time (cpu.stat) and freezing (cgroup.freeze) are core
            // files of every v2 group. They fall to v2 only when no v1 hierarchy has them.
            byController.TryAdd("cpuacct", unified);
            byController.TryAdd("freezer", unified);
        }
    }

    /// <summary>V1, V2 or Hybrid (both mounted).</summary>
    public CgroupVersion Version { get; }

    /// <summary>Every hierarchy found, v1 ones first in mountinfo order, then the unified one if any.</summary>
    public IReadOnlyList<CgroupHierarchy> Hierarchies { get; }

    /// <summary>The cgroup2 hierarchy, or null when none is mounted.</summary>
    public CgroupHierarchy? Unified { get; }

    /// <summary>The hierarchy carrying a controller ("memory", "cpu", …), or null when no hierarchy has it.</summary>
    public CgroupHierarchy? HierarchyOf(string controller) => byController.GetValueOrDefault(controller);

    /// <summary>
    /// The controllers of <see cref="UsedControllers"/> that no hierarchy carries, e.g. ["freezer"]; empty when all are there.
    /// </summary>
    public IReadOnlyList<string> MissingControllers => UsedControllers.Where(c => !byController.ContainsKey(c)).ToList();

    /// <summary>One line for messages and <c>--help</c>: the version and where each used controller lives.</summary>
    public string Describe()
    {
        var parts = UsedControllers.Select(c => byController.TryGetValue(c, out var h) ? $"{c}={(h.IsUnified ? "v2" : "v1")}" : $"{c}=missing");
        return $"{Version.ToString().ToLowerInvariant()} ({string.Join(", ", parts)})";
    }

    /// <summary>Reads <c>/proc/self/mountinfo</c> and the cgroup2 root's <c>cgroup.controllers</c>.</summary>
    /// <exception cref="CgroupException">No cgroup filesystem is mounted, or mountinfo is unreadable.</exception>
    public static CgroupLayout Detect()
    {
        string text;
        try
        {
            text = File.ReadAllText("/proc/self/mountinfo");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CgroupException($"cannot read /proc/self/mountinfo: {e.Message}", e);
        }

        return Parse(text, ReadUnifiedControllers);
    }

    /// <summary>Builds a layout from mountinfo text; <paramref name="unifiedControllers"/> gives the controllers of a cgroup2 mount point.</summary>
    /// <exception cref="CgroupException">No cgroup or cgroup2 mount in the text, or a malformed cgroup line.</exception>
    public static CgroupLayout Parse(string mountinfo, Func<string, IEnumerable<string>>? unifiedControllers = null)
    {
        ArgumentNullException.ThrowIfNull(mountinfo);
        var v1 = new List<CgroupHierarchy>();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var seenMounts = new HashSet<string>(StringComparer.Ordinal);
        string? unifiedMount = null;
        int lineNo = 0;
        foreach (string raw in mountinfo.Split('\n'))
        {
            lineNo++;
            string line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            string[] f = line.Split(' ');
            int dash = Array.IndexOf(f, "-", 6);
            if (f.Length < 7 || dash < 0 || dash + 3 > f.Length)
            {
                // Not our concern unless it is a cgroup line; a broken cgroup line must not be silently skipped.
                if (line.Contains(" - cgroup", StringComparison.Ordinal))
                {
                    throw new CgroupException($"mountinfo line {lineNo}: malformed cgroup mount line");
                }

                continue;
            }

            string fstype = f[dash + 1];
            if (fstype != "cgroup" && fstype != "cgroup2")
            {
                continue;
            }

            string mountPoint = Unescape(f[4]);
            if (!seenMounts.Add(mountPoint))
            {
                continue;
            }

            if (fstype == "cgroup2")
            {
                // The first cgroup2 mount wins; bind mounts of the same hierarchy elsewhere add nothing.
                unifiedMount ??= mountPoint;
                continue;
            }

            string superOptions = dash + 3 < f.Length ? f[dash + 3] : "";
            var controllers = superOptions.Split(',')
                .Where(o => o.Length > 0 && !o.Contains('=', StringComparison.Ordinal) && !V1NonControllerOptions.Contains(o))
                .ToList();
            // Named hierarchies (name=systemd) have no controllers; the same controller mounted twice is the same hierarchy.
            if (controllers.Count > 0 && controllers.All(claimed.Add))
            {
                v1.Add(new CgroupHierarchy(mountPoint, IsUnified: false, controllers));
            }
            else if (controllers.Count == 0 && superOptions.Contains("name=", StringComparison.Ordinal))
            {
                v1.Add(new CgroupHierarchy(mountPoint, IsUnified: false, []));
            }
        }

        CgroupHierarchy? unified = null;
        if (unifiedMount is not null)
        {
            var listed = unifiedControllers?.Invoke(unifiedMount) ?? [];
            unified = new CgroupHierarchy(unifiedMount, IsUnified: true, listed.Where(c => !claimed.Contains(c)).Distinct().ToList());
        }

        if (v1.Count == 0 && unified is null)
        {
            throw new CgroupException("no cgroup filesystem is mounted (/proc/self/mountinfo lists neither cgroup nor cgroup2)");
        }

        CgroupVersion version = v1.Count == 0 ? CgroupVersion.V2 : unified is null ? CgroupVersion.V1 : CgroupVersion.Hybrid;
        var all = unified is null ? v1 : [.. v1, unified];
        return new CgroupLayout(version, all, unified);
    }

    // Super options of a v1 cgroup mount that are not controllers (cgroup-v1/cgroups.rst and kernel/cgroup/cgroup-v1.c).
    private static readonly HashSet<string> V1NonControllerOptions = new(StringComparer.Ordinal)
    {
        "rw", "ro", "none", "all", "noprefix", "clone_children", "xattr", "cpuset_v2_mode", "favordynmods", "nofavordynmods",
    };

    private static IEnumerable<string> ReadUnifiedControllers(string mountPoint)
    {
        try
        {
            return File.ReadAllText(Path.Combine(mountPoint, "cgroup.controllers")).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo octal (fs/proc_namespace.c, mangle()).
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var sb = new System.Text.StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                sb.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                sb.Append(field[i]);
            }
        }

        return sb.ToString();
    }

    private static bool IsOctal(string s, int at) =>
        at + 3 <= s.Length && s[at] is >= '0' and <= '7' && s[at + 1] is >= '0' and <= '7' && s[at + 2] is >= '0' and <= '7';
}
