using System.Globalization;

namespace Arbiter.Isolation.Cgroups;

/// <summary>
/// Who made a cgroup: the group's directory is <c>arbiter/NAME@PID.START</c>, with the runtime's pid and its start
/// time (clock ticks after boot, field 22 of <c>/proc/PID/stat</c>). A group whose owner is gone — no such pid, or
/// the pid reused by a process that started at another time — is stale and removed on the next start.
/// </summary>
internal sealed record CgroupOwner(string Name, int Pid, long StartTime)
{
    public string DirectoryName => $"{Name}@{Pid.ToString(CultureInfo.InvariantCulture)}.{StartTime.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses a directory name made by <see cref="DirectoryName"/>; null for anything else.</summary>
    public static CgroupOwner? TryParse(string directoryName)
    {
        int at = directoryName.LastIndexOf('@');
        if (at <= 0)
        {
            return null;
        }

        string[] tail = directoryName[(at + 1)..].Split('.');
        return tail.Length == 2
            && int.TryParse(tail[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0
            && long.TryParse(tail[1], NumberStyles.None, CultureInfo.InvariantCulture, out long start)
            ? new CgroupOwner(directoryName[..at], pid, start)
            : null;
    }

    /// <summary>The start time (field 22) from the text of <c>/proc/PID/stat</c>; null when malformed.</summary>
    public static long? StartTimeFromStat(string stat)
    {
        // The command (field 2) is in parentheses and may itself contain spaces or ')': split after the last ')'.
        int close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        string[] rest = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // rest[0] is field 3 (state), so field 22 is rest[19].
        return rest.Length > 19 && long.TryParse(rest[19], NumberStyles.None, CultureInfo.InvariantCulture, out long t) ? t : null;
    }

    /// <summary>The start time of a live process, or null when it does not exist.</summary>
    public static long? StartTimeOf(int pid)
    {
        try
        {
            return StartTimeFromStat(File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>This process as an owner of a group called <paramref name="name"/>.</summary>
    public static CgroupOwner ForCurrentProcess(string name)
    {
        int pid = Environment.ProcessId;
        return new CgroupOwner(name, pid, StartTimeOf(pid) ?? 0);
    }

    /// <summary>True while the owning process runs: same pid and same start time.</summary>
    public static bool IsAlive(CgroupOwner owner) => StartTimeOf(owner.Pid) == owner.StartTime;
}
