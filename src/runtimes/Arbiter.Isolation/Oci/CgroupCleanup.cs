using System.Diagnostics;
using System.Globalization;
using Arbiter.Isolation.Native;

namespace Arbiter.Isolation.Oci;

/// <summary>
/// Removes an OCI container's cgroup by its recorded directories: SIGKILL every task left, then rmdir (retrying
/// while the kernel finishes the exits). The group was made by another process (<c>oci create</c>), so there is no
/// <see cref="Cgroups.Cgroup"/> object to dispose.
/// </summary>
internal static class CgroupCleanup
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static void Remove(IReadOnlyList<string> directories)
    {
        var clock = Stopwatch.StartNew();
        foreach (string dir in directories.Reverse())
        {
            while (Directory.Exists(dir))
            {
                string procs = Path.Combine(dir, "cgroup.procs");
                var pids = File.Exists(procs)
                    ? File.ReadAllLines(procs).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList()
                    : [];
                foreach (int pid in pids)
                {
                    Libc.kill(pid, Libc.SIGKILL);
                }

                try
                {
                    if (pids.Count == 0)
                    {
                        Directory.Delete(dir);
                    }
                }
                catch (IOException) when (clock.Elapsed < Timeout)
                {
                    // EBUSY: a killed task has not quite left yet.
                }

                if (Directory.Exists(dir))
                {
                    if (clock.Elapsed > Timeout)
                    {
                        throw new OciException($"cannot remove cgroup {dir}: tasks {string.Join(' ', pids.Take(5))} survive SIGKILL", badInput: false);
                    }

                    Thread.Sleep(2);
                }
            }
        }
    }
}
