// Source: the OCI Runtime Specification v1.2, runtime.md (lifecycle: create, start, state, kill, delete) and the
// runc command line it mirrors (runc create/start/state/kill/delete/run, --root, --bundle, --pid-file).
//
// Summary: create sets the container up from BUNDLE/config.json and leaves its init blocked on ROOT/ID/exec.fifo
// (status "created"); start opens the fifo, which lets the init exec the workload ("running"); the status is read
// from the kernel each time (init alive with the same start time?); kill signals the init; delete removes the
// cgroup and the state directory (with --force it first kills a live container). run = create + start + wait + delete
// in the foreground.
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Arbiter.Isolation.Cgroups;
using Arbiter.Isolation.Container;
using Arbiter.Isolation.Native;

namespace Arbiter.Isolation.Oci;

/// <summary>The OCI lifecycle over state kept under a root directory (default /run/arbiter, like runc's /run/runc).</summary>
public static partial class OciRuntime
{
    /// <summary>Where state lives unless <c>--root</c> says otherwise.</summary>
    public const string DefaultRoot = "/run/arbiter";

    /// <summary>Creates container <paramref name="id"/> from the bundle; returns its state. Warnings go to <paramref name="warn"/> first.</summary>
    /// <exception cref="OciException">A bad id or config, an id in use; nothing is left behind.</exception>
    public static OciState Create(string root, string id, string bundle, string? pidFile, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        CheckId(id);
        string dir = OciState.Directory(root, id);
        if (Path.Exists(dir))
        {
            throw new OciException($"container '{id}' already exists ({dir}); delete it first");
        }

        OciConfig config = OciConfig.Load(bundle);
        config.Warnings.ToList().ForEach(warn);
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(dir);
        try
        {
            string fifo = OciState.Fifo(root, id);
            MakeFifo(fifo);
            var (pid, cgroups) = Launch(() => ContainerRuntime.CreateDetached(config.Spec, fifo, "oci-" + id));
            var state = new OciState
            {
                OciVersion = config.OciVersion,
                Id = id,
                Pid = pid,
                StartTime = OciState.StartTimeOf(pid) ?? 0,
                Bundle = Path.GetFullPath(bundle),
                Rootfs = config.Spec.Rootfs,
                Created = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                CgroupDirectories = cgroups,
                Annotations = config.Annotations,
                FifoPath = fifo,
            };
            state.Save(root);
            WritePidFile(pidFile, pid);
            return state;
        }
        catch
        {
            if (File.Exists(OciState.StatePath(root, id)))
            {
                Delete(root, id, force: true);
            }
            else
            {
                Directory.Delete(dir, recursive: true);
            }

            throw;
        }
    }

    /// <summary>Starts a created container: its init execs the workload.</summary>
    public static void Start(string root, string id)
    {
        OciState state = OciState.Load(root, id);
        if (state.Status != OciStatus.Created)
        {
            throw new OciException($"container '{id}' is {state.Status.ToString().ToLowerInvariant()}, not created: only a created container can be started");
        }

        // Non-blocking open, then wait for the init's byte: a container that died meanwhile cannot hang us.
        int fd = OpenFifo(state.FifoPath);
        try
        {
            if (!ReadByte(fd, timeoutMs: 10_000))
            {
                throw new OciException($"container '{id}' did not respond on its exec fifo", badInput: false);
            }
        }
        finally
        {
            Libc.close(fd);
        }

        File.Delete(state.FifoPath);
    }

    /// <summary>The container's state (status read from the kernel now).</summary>
    public static OciState State(string root, string id)
    {
        CheckId(id);
        return OciState.Load(root, id);
    }

    /// <summary>Every container under <paramref name="root"/>.</summary>
    public static IReadOnlyList<OciState> List(string root) =>
        !Directory.Exists(root) ? [] : [.. Directory.GetDirectories(root).Select(Path.GetFileName).Where(n => File.Exists(OciState.StatePath(root, n!))).Order(StringComparer.Ordinal).Select(n => OciState.Load(root, n!))];

    /// <summary>Sends <paramref name="signal"/> to the container's init.</summary>
    public static void Kill(string root, string id, int signal)
    {
        OciState state = State(root, id);
        if (state.Status == OciStatus.Stopped)
        {
            throw new OciException($"container '{id}' is stopped: nothing to signal");
        }

        if (Libc.kill(state.Pid, signal) < 0)
        {
            throw new OciException($"kill {state.Pid}: {Libc.Describe(Marshal.GetLastPInvokeError())}", badInput: false);
        }
    }

    /// <summary>Removes a stopped container (with <paramref name="force"/>, kills a live one first): cgroup and state.</summary>
    public static void Delete(string root, string id, bool force)
    {
        OciState state = State(root, id);
        if (state.Status != OciStatus.Stopped)
        {
            if (!force)
            {
                throw new OciException($"container '{id}' is {state.Status.ToString().ToLowerInvariant()}: kill it first or use --force");
            }

            Libc.kill(state.Pid, Libc.SIGKILL);
        }

        RemoveCgroup(state);
        Directory.Delete(OciState.Directory(root, id), recursive: true);
    }

    /// <summary>
    /// The group was made by another process (<c>oci create</c>), which has exited: re-open it by its recorded
    /// directory and remove it the way a runtime removes its own (kill what is left, rmdir with retries).
    /// </summary>
    private static void RemoveCgroup(OciState state)
    {
        if (!state.CgroupDirectories.Any(Directory.Exists))
        {
            return; // already gone (a delete that failed after removing it, or a crash mid-delete)
        }

        try
        {
            Cgroup.Open(state.CgroupDirectories.First(Directory.Exists)).Remove();
        }
        catch (CgroupException e)
        {
            throw new OciException($"container '{state.Id}': {e.Message}", badInput: false, e);
        }

        // Open finds the group where today's layout puts it; a directory recorded elsewhere would be left behind.
        if (state.CgroupDirectories.FirstOrDefault(Directory.Exists) is { } left)
        {
            throw new OciException($"container '{state.Id}': cgroup {left} was not removed (the cgroup layout changed since create?)", badInput: false);
        }
    }

    /// <summary>create + start + wait + delete in the foreground; returns how the workload ended.</summary>
    public static ContainerResult Run(string root, string id, string bundle, string? pidFile, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        CheckId(id);
        string dir = OciState.Directory(root, id);
        if (Path.Exists(dir))
        {
            throw new OciException($"container '{id}' already exists ({dir}); delete it first");
        }

        OciConfig config = OciConfig.Load(bundle);
        config.Warnings.ToList().ForEach(warn);
        Directory.CreateDirectory(dir);
        try
        {
            using RunningContainer container = Launch(() => ContainerRuntime.Start(config.Spec));
            new OciState
            {
                OciVersion = config.OciVersion,
                Id = id,
                Pid = container.Pid,
                StartTime = OciState.StartTimeOf(container.Pid) ?? 0,
                Bundle = Path.GetFullPath(bundle),
                Rootfs = config.Spec.Rootfs,
                Created = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                CgroupDirectories = container.Cgroup.Directories,
                Annotations = config.Annotations,
            }.Save(root);
            WritePidFile(pidFile, container.Pid);
            return container.Wait();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static T Launch<T>(Func<T> launch)
    {
        try
        {
            return launch();
        }
        catch (ContainerException e)
        {
            throw new OciException(e.Message, e.IsBadInput, e);
        }
    }

    /// <summary>runc's rule, minus '.': letters, digits, '_' and '-', at most 64, starting with a letter or digit.</summary>
    internal static void CheckId(string id)
    {
        if (!IdPattern().IsMatch(id))
        {
            throw new OciException($"container id '{id}' must be 1-64 letters, digits, '_' or '-', starting with a letter or digit");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();

    private static unsafe void MakeFifo(string path)
    {
        byte[] p = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* b = p)
        {
            // 0622: the init opens it for writing whatever uid it runs as (also root of a user namespace).
            if (Libc.mkfifo(b, Convert.ToUInt32("622", 8)) < 0)
            {
                throw new OciException($"mkfifo {path}: {Libc.Describe(Marshal.GetLastPInvokeError())}", badInput: false);
            }

            Libc.chmod(b, Convert.ToUInt32("622", 8));
        }
    }

    private static unsafe int OpenFifo(string path)
    {
        byte[] p = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* b = p)
        {
            int fd = Libc.open(b, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
            return fd >= 0 ? fd : throw new OciException($"open {path}: {Libc.Describe(Marshal.GetLastPInvokeError())}", badInput: false);
        }
    }

    private static unsafe bool ReadByte(int fd, int timeoutMs)
    {
        var pfd = new Libc.PollFd { Fd = fd, Events = Libc.POLLIN };
        if (Libc.poll(&pfd, 1, timeoutMs) <= 0)
        {
            return false;
        }

        byte b;
        return Libc.read(fd, &b, 1) == 1;
    }

    private static void WritePidFile(string? pidFile, int pid)
    {
        if (pidFile is not null)
        {
            string temp = pidFile + ".tmp";
            File.WriteAllText(temp, pid.ToString(CultureInfo.InvariantCulture));
            File.Move(temp, pidFile, overwrite: true);
        }
    }
}
