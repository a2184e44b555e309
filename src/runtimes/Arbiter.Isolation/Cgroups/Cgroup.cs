// Source: the kernel's Documentation/admin-guide/cgroup-v1/*.rst and cgroup-v2.rst; the removal sequence follows
// runc's libcontainer/cgroups (freeze, SIGKILL every task, thaw, rmdir with retries) and systemd's use of cgroup.kill.
//
// Summary: a group is one directory per hierarchy that carries a controller Arbiter uses, all named
// arbiter/NAME@PID.START (owner pid and start time, so a crashed owner is detectable). Create makes the directories
// and writes the limits through the dialect of each controller's version; Open finds them again (another process,
// e.g. OCI delete after create); AddProcess writes the pid to every
// cgroup.procs; Remove kills what is left and removes the directories; CleanupStale removes groups whose owner is gone.
// Cost: Create is one mkdir per hierarchy plus one write per limit; Remove is a few reads and one rmdir per hierarchy.
using System.Diagnostics;

namespace Arbiter.Isolation.Cgroups;

/// <summary>
/// A cgroup with limits, made for one container: join processes to it, read its usage and OOM kills, and remove it.
/// Not thread-safe except <see cref="Remove"/>, which may race with itself.
/// </summary>
public sealed class Cgroup : IDisposable
{
    /// <summary>The parent group under every hierarchy's mount point that holds all of Arbiter's groups.</summary>
    public const string ParentGroup = "arbiter";

    private static readonly TimeSpan RemoveTimeout = TimeSpan.FromSeconds(5);

    private readonly ICgroupFs fs;
    private readonly Dictionary<string, (string Dir, ICgroupDialect Dialect)> controllers;
    private readonly Lock removeLock = new();
    private bool removed;

    private Cgroup(string name, string directoryName, CgroupLimits limits, CgroupLayout layout, ICgroupFs fs)
    {
        Name = name;
        DirectoryName = directoryName;
        Limits = limits;
        Layout = layout;
        this.fs = fs;
        controllers = new Dictionary<string, (string, ICgroupDialect)>(StringComparer.Ordinal);
        var dirs = new List<string>();
        foreach (string c in CgroupLayout.UsedControllers)
        {
            if (layout.HierarchyOf(c) is { } h)
            {
                string dir = Path.Combine(h.MountPoint, ParentGroup, directoryName);
                controllers[c] = (dir, h.IsUnified ? CgroupV2Dialect.Instance : CgroupV1Dialect.Instance);
                if (!dirs.Contains(dir))
                {
                    dirs.Add(dir);
                }
            }
        }

        Directories = dirs;
    }

    /// <summary>The name given to <see cref="Create(string, CgroupLimits, CgroupLayout?)"/> (a container id).</summary>
    public string Name { get; }

    /// <summary>The group's directory name in every hierarchy: <c>NAME@PID.START</c> (owner pid and its start time).</summary>
    public string DirectoryName { get; }

    /// <summary>The limits written at creation.</summary>
    public CgroupLimits Limits { get; }

    /// <summary>The hierarchies the group lives in.</summary>
    public CgroupLayout Layout { get; }

    /// <summary>The group's directory in each hierarchy (one on v2; one per controller mount on v1), in creation order.</summary>
    public IReadOnlyList<string> Directories { get; }

    /// <summary>Creates the group under <c>arbiter/</c> in every hierarchy carrying a controller Arbiter uses, and writes the limits.</summary>
    /// <param name="name">The group's name: letters, digits, '_', '.', '-' (at most 128), e.g. a container id.</param>
    /// <param name="limits">The limits; a limit whose controller is missing is an error, not silently dropped.</param>
    /// <param name="layout">The hierarchies; <see cref="CgroupLayout.Detect"/> when null.</param>
    /// <exception cref="CgroupException">A bad name or limit, a missing controller, a group of that name already
    /// owned by this process, or a kernel refusal; nothing is left behind.</exception>
    public static Cgroup Create(string name, CgroupLimits limits, CgroupLayout? layout = null) =>
        Create(name, limits, layout ?? CgroupLayout.Detect(), KernelCgroupFs.Instance, CgroupOwner.ForCurrentProcess(name));

    internal static Cgroup Create(string name, CgroupLimits limits, CgroupLayout layout, ICgroupFs fs, CgroupOwner owner)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ValidateName(name);
        limits.Validate();
        RequireController(layout, "memory", limits.MemoryBytes is not null);
        RequireController(layout, "cpu", limits.Cpus is not null || limits.CpuWeight is not null);
        RequireController(layout, "pids", limits.Pids is not null);

        var group = new Cgroup(name, owner.DirectoryName, limits, layout, fs);
        if (group.Directories.Count == 0)
        {
            throw new CgroupException($"no cgroup hierarchy carries any of {string.Join(", ", CgroupLayout.UsedControllers)} ({layout.Describe()})");
        }

        var made = new List<string>();
        try
        {
            foreach (string dir in group.Directories)
            {
                string parent = Path.GetDirectoryName(dir)!;
                if (!fs.Exists(parent))
                {
                    Mkdir(fs, parent);
                }

                if (layout.Unified is { } u && dir.StartsWith(u.MountPoint + "/", StringComparison.Ordinal))
                {
                    EnableV2Controllers(fs, u, parent, group.controllers);
                }

                if (fs.Exists(dir))
                {
                    throw new CgroupException($"cgroup {dir} already exists");
                }

                Mkdir(fs, dir);
                made.Add(dir);
            }

            group.Apply("memory", static (d, fs, dir, l) => d.ApplyMemory(fs, dir, l));
            group.Apply("cpu", static (d, fs, dir, l) => d.ApplyCpu(fs, dir, l));
            group.Apply("pids", static (d, fs, dir, l) => d.ApplyPids(fs, dir, l));
            return group;
        }
        catch
        {
            // Nothing left behind: the new directories are empty, so rmdir suffices.
            for (int i = made.Count - 1; i >= 0; i--)
            {
                try
                {
                    fs.RemoveDirectory(made[i]);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // CleanupStale removes it on the next start; the original error matters more.
                }
            }

            throw;
        }
    }

    /// <summary>
    /// Re-opens a group that <see cref="Create(string, CgroupLimits, CgroupLayout?)"/> made, possibly in another
    /// process that has exited since (OCI create, then delete): by its directory name <c>NAME@PID.START</c> or by
    /// any one of its recorded <see cref="Directories"/>. The limits are not read back (<see cref="Limits"/> is
    /// <see cref="CgroupLimits.None"/>); usage, OOM kills, the task list and <see cref="Remove"/> work as on the
    /// original. Disposing it removes the group, as for a created one.
    /// </summary>
    /// <exception cref="CgroupException">Not a name or directory made by Create, a path outside <c>arbiter/</c> of
    /// a used hierarchy, or no directory of the group exists in any hierarchy.</exception>
    public static Cgroup Open(string directoryNameOrPath, CgroupLayout? layout = null) =>
        Open(directoryNameOrPath, layout ?? CgroupLayout.Detect(), KernelCgroupFs.Instance);

    internal static Cgroup Open(string directoryNameOrPath, CgroupLayout layout, ICgroupFs fs)
    {
        ArgumentNullException.ThrowIfNull(directoryNameOrPath);
        bool isPath = directoryNameOrPath.Contains('/', StringComparison.Ordinal);
        string directoryName = isPath ? Path.GetFileName(directoryNameOrPath.TrimEnd('/')) : directoryNameOrPath;
        var owner = CgroupOwner.TryParse(directoryName)
            ?? throw new CgroupException($"'{directoryNameOrPath}' is not a cgroup made by Arbiter (NAME@PID.START)");
        ValidateName(owner.Name);
        var group = new Cgroup(owner.Name, directoryName, CgroupLimits.None, layout, fs);
        // A recorded path must be where this layout puts the group: never act on a directory named by the caller alone.
        if (isPath && !group.Directories.Contains(directoryNameOrPath.TrimEnd('/'), StringComparer.Ordinal))
        {
            throw new CgroupException($"{directoryNameOrPath} is not a group directory under {ParentGroup}/ of a hierarchy in use ({layout.Describe()})");
        }

        if (!group.Directories.Any(fs.Exists))
        {
            throw new CgroupException($"cgroup {ParentGroup}/{directoryName} does not exist in any hierarchy");
        }

        return group;
    }

    /// <summary>Moves a process (all its threads) into the group in every hierarchy; its future children follow.</summary>
    /// <exception cref="CgroupException">The process does not exist or the kernel refuses (e.g. the pids limit).</exception>
    public void AddProcess(int pid)
    {
        ObjectDisposedException.ThrowIf(removed, this);
        foreach (string dir in Directories)
        {
            CgroupIo.Write(fs, dir, "cgroup.procs", CgroupFiles.Number(pid));
        }
    }

    /// <summary>The pids of the tasks in the group now (union over hierarchies).</summary>
    public IReadOnlyList<int> ListProcesses()
    {
        var pids = new SortedSet<int>();
        foreach (string dir in Directories)
        {
            string procs = Path.Combine(dir, "cgroup.procs");
            if (fs.Exists(procs))
            {
                pids.UnionWith(CgroupFiles.ParsePids(CgroupIo.Read(fs, procs)));
            }
        }

        return [.. pids];
    }

    /// <summary>CPU time, peak memory and pids; a missing controller reads as zero CPU time or null.</summary>
    public CgroupUsage ReadUsage()
    {
        TimeSpan cpu = controllers.TryGetValue("cpuacct", out var a) ? a.Dialect.ReadCpuTime(fs, a.Dir) : TimeSpan.Zero;
        long? peak = controllers.TryGetValue("memory", out var m) ? m.Dialect.ReadMemoryPeak(fs, m.Dir) : null;
        long? current = null, pidsPeak = null;
        if (controllers.TryGetValue("pids", out var p))
        {
            current = CgroupIo.ReadNumber(fs, p.Dir, "pids.current");
            pidsPeak = fs.Exists(Path.Combine(p.Dir, "pids.peak")) ? CgroupIo.ReadNumber(fs, p.Dir, "pids.peak") : null;
        }

        return new CgroupUsage(cpu, peak, current, pidsPeak);
    }

    /// <summary>
    /// How many tasks of the group the kernel's OOM killer has killed (v1 memory.oom_control "oom_kill", v2
    /// memory.events "oom_kill"); 0 without a memory controller. See <see cref="WasOomKilled"/>.
    /// </summary>
    public long OomKillCount() => controllers.TryGetValue("memory", out var m) ? m.Dialect.ReadOomKills(fs, m.Dir) : 0;

    /// <summary>
    /// The rule for reporting an OOM kill: the workload died of SIGKILL and the group's oom_kill counter rose.
    /// Either alone is not enough: a SIGKILL may come from a user, and the OOM killer may have picked another task.
    /// </summary>
    public static bool WasOomKilled(bool killedBySigkill, long oomKillsBefore, long oomKillsAfter) =>
        killedBySigkill && oomKillsAfter > oomKillsBefore;

    /// <summary>
    /// Kills every task left (freeze, SIGKILL, thaw — or cgroup.kill on v2) and removes the directories. Idempotent.
    /// </summary>
    /// <exception cref="CgroupException">Tasks survive or a directory stays busy for 5 s.</exception>
    public void Remove()
    {
        lock (removeLock)
        {
            if (removed)
            {
                return;
            }

            KillAll();
            RemoveDirectories();
            removed = true;
        }
    }

    /// <summary>Removes the group; on failure leaves it for <see cref="CleanupStale(string, CgroupLayout?)"/> instead of throwing.</summary>
    public void Dispose()
    {
        try
        {
            Remove();
        }
        catch (CgroupException)
        {
            // Dispose must not throw; the owner's death makes the group stale and the next start removes it.
        }
    }

    /// <summary>
    /// Removes the groups under <c>arbiter/</c> whose name starts with <paramref name="prefix"/> and whose owning
    /// process is gone (crashed runtime), killing their tasks first. Returns how many groups were removed.
    /// </summary>
    /// <exception cref="CgroupException">A stale group could not be removed.</exception>
    public static int CleanupStale(string prefix, CgroupLayout? layout = null) =>
        CleanupStale(prefix, layout ?? CgroupLayout.Detect(), KernelCgroupFs.Instance, CgroupOwner.IsAlive);

    internal static int CleanupStale(string prefix, CgroupLayout layout, ICgroupFs fs, Func<CgroupOwner, bool> ownerAlive)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var stale = new SortedSet<string>(StringComparer.Ordinal);
        // Only the hierarchies a group is made in: an entry elsewhere could be counted but never removed.
        var mounts = CgroupLayout.UsedControllers.Select(c => layout.HierarchyOf(c)?.MountPoint).OfType<string>().Distinct();
        foreach (string mount in mounts)
        {
            foreach (string entry in fs.ListDirectories(Path.Combine(mount, ParentGroup)))
            {
                if (CgroupOwner.TryParse(entry) is { } owner && owner.Name.StartsWith(prefix, StringComparison.Ordinal) && !ownerAlive(owner))
                {
                    stale.Add(entry);
                }
            }
        }

        foreach (string entry in stale)
        {
            var owner = CgroupOwner.TryParse(entry)!;
            new Cgroup(owner.Name, entry, CgroupLimits.None, layout, fs).Remove();
        }

        return stale.Count;
    }

    private void Apply(string controller, Action<ICgroupDialect, ICgroupFs, string, CgroupLimits> apply)
    {
        if (controllers.TryGetValue(controller, out var c))
        {
            apply(c.Dialect, fs, c.Dir, Limits);
        }
    }

    private void KillAll()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            IReadOnlyList<int> pids = ListProcesses();
            if (pids.Count == 0)
            {
                return;
            }

            if (clock.Elapsed > RemoveTimeout)
            {
                throw new CgroupException($"cgroup {Name}: {pids.Count} task(s) still alive {RemoveTimeout.TotalSeconds:0} s after SIGKILL (pids {string.Join(' ', pids.Take(5))})");
            }

            bool killedAtOnce = false;
            foreach (var (dir, dialect) in Distinct())
            {
                killedAtOnce |= dialect.TryKillAll(fs, dir);
            }

            if (!killedAtOnce)
            {
                // Frozen tasks cannot fork while we walk the list; SIGKILL stays pending until the thaw.
                (string Dir, ICgroupDialect Dialect)? freezer = controllers.TryGetValue("freezer", out var f) ? f : null;
                bool frozen = freezer is { } fz && fz.Dialect.SetFrozen(fs, fz.Dir, frozen: true);
                foreach (int pid in ListProcesses())
                {
                    fs.Kill(pid);
                }

                if (frozen)
                {
                    freezer!.Value.Dialect.SetFrozen(fs, freezer.Value.Dir, frozen: false);
                }
            }

            fs.Pause(TimeSpan.FromMilliseconds(1));
        }
    }

    private void RemoveDirectories()
    {
        var clock = Stopwatch.StartNew();
        for (int i = Directories.Count - 1; i >= 0; i--)
        {
            string dir = Directories[i];
            while (fs.Exists(dir))
            {
                try
                {
                    fs.RemoveDirectory(dir);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A killed task leaves the group asynchronously: EBUSY until the kernel has finished its exit.
                    if (clock.Elapsed > RemoveTimeout)
                    {
                        throw new CgroupException($"cannot remove cgroup {dir}: {CgroupIo.Reason(e)}", e);
                    }

                    fs.Pause(TimeSpan.FromMilliseconds(2));
                }
            }
        }
    }

    private IEnumerable<(string Dir, ICgroupDialect Dialect)> Distinct() =>
        controllers.Values.DistinctBy(c => c.Dir);

    private static void Mkdir(ICgroupFs fs, string dir)
    {
        try
        {
            fs.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CgroupException($"cannot create cgroup {dir}: {CgroupIo.Reason(e)}", e);
        }
    }

    // v2: a controller's files appear in a group only when its parent enables it in cgroup.subtree_control,
    // all the way down from the root (cgroup-v2.rst, "Enabling and Disabling").
    private static void EnableV2Controllers(ICgroupFs fs, CgroupHierarchy unified, string parent, Dictionary<string, (string Dir, ICgroupDialect Dialect)> controllers)
    {
        foreach (string c in unified.Controllers.Where(c => controllers.TryGetValue(c, out var x) && x.Dialect is CgroupV2Dialect))
        {
            CgroupIo.Write(fs, unified.MountPoint, "cgroup.subtree_control", "+" + c);
            CgroupIo.Write(fs, parent, "cgroup.subtree_control", "+" + c);
        }
    }

    private static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        bool ok = name.Length is > 0 and <= 128 && char.IsAsciiLetterOrDigit(name[0])
            && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '.' or '-');
        if (!ok)
        {
            throw new CgroupException($"cgroup name '{name}' must be 1-128 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
    }

    private static void RequireController(CgroupLayout layout, string controller, bool needed)
    {
        if (needed && layout.HierarchyOf(controller) is null)
        {
            throw new CgroupException($"the {controller} controller is not available ({layout.Describe()})");
        }
    }
}
