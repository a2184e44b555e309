using System.Runtime.InteropServices;
using System.Text;
using Arbiter.Isolation.Container;

namespace Arbiter.Isolation.Native;

/// <summary>
/// One running arbiter-init: spawned with posix_spawn (a vfork+exec, safe from a multi-threaded process) with a
/// SOCK_SEQPACKET socket as its fd 3, default signal dispositions and an empty signal mask (.NET ignores SIGPIPE;
/// that must not leak into the container). Messages keep their boundaries, so each Receive is one line of the
/// protocol in native/arbiter-init.h.
/// </summary>
internal sealed unsafe class HelperProcess : IDisposable
{
    private const string FileName = "arbiter-init";
    private int socket;
    private bool reaped;

    private HelperProcess(int pid, int socket)
    {
        Pid = pid;
        this.socket = socket;
    }

    /// <summary>The helper's pid (the container init's parent).</summary>
    public int Pid { get; }

    /// <summary>The helper binary next to this assembly (copied there by the build).</summary>
    public static string BinaryPath
    {
        get
        {
            string path = Path.Combine(AppContext.BaseDirectory, FileName);
            if (!File.Exists(path))
            {
                path = Path.Combine(Path.GetDirectoryName(typeof(HelperProcess).Assembly.Location) ?? "", FileName);
            }

            return path;
        }
    }

    /// <summary>Starts the helper; <paramref name="stdio"/> gives the container's fds 0-2 (null: inherit ours).</summary>
    public static HelperProcess Spawn(ContainerStdio? stdio)
    {
        string binary = BinaryPath;
        if (!File.Exists(binary))
        {
            throw new ContainerException($"the native helper {binary} is missing (build Arbiter.Isolation with gcc installed)", badInput: false);
        }

        int* fds = stackalloc int[2];
        if (Libc.socketpair(Libc.AF_UNIX, Libc.SOCK_SEQPACKET | Libc.SOCK_CLOEXEC, 0, fds) < 0)
        {
            throw Fault("socketpair", Marshal.GetLastPInvokeError());
        }

        void* actions = NativeMemory.AllocZeroed(1024);
        void* attr = NativeMemory.AllocZeroed(1024);
        void* sigs = NativeMemory.AllocZeroed(256);
        byte[] path = Encoding.UTF8.GetBytes(binary + "\0");
        byte[] arg0 = Encoding.UTF8.GetBytes(FileName + "\0");
        try
        {
            int error = Libc.posix_spawn_file_actions_init(actions) | Libc.posix_spawnattr_init(attr);
            // dup2 onto fd 3 clears close-on-exec there; the originals stay close-on-exec, so nothing else leaks.
            error |= Libc.posix_spawn_file_actions_adddup2(actions, fds[1], 3);
            if (stdio is not null)
            {
                error |= Libc.posix_spawn_file_actions_adddup2(actions, stdio.Input, 0)
                    | Libc.posix_spawn_file_actions_adddup2(actions, stdio.Output, 1)
                    | Libc.posix_spawn_file_actions_adddup2(actions, stdio.Error, 2);
            }

            error |= Libc.posix_spawnattr_setflags(attr, Libc.POSIX_SPAWN_SETSIGDEF | Libc.POSIX_SPAWN_SETSIGMASK)
                | Libc.sigemptyset(sigs) | Libc.posix_spawnattr_setsigmask(attr, sigs)
                | Libc.sigfillset(sigs) | Libc.posix_spawnattr_setsigdefault(attr, sigs);
            if (error != 0)
            {
                Libc.close(fds[0]);
                Libc.close(fds[1]);
                throw Fault("posix_spawn set-up", error);
            }

            int pid;
            fixed (byte* p = path, a0 = arg0)
            {
                byte** argv = stackalloc byte*[2] { a0, null };
                byte** envp = stackalloc byte*[1] { null };
                error = Libc.posix_spawn(&pid, p, actions, attr, argv, envp);
            }

            Libc.close(fds[1]);
            if (error != 0)
            {
                Libc.close(fds[0]);
                throw Fault($"posix_spawn {binary}", error);
            }

            return new HelperProcess(pid, fds[0]);
        }
        finally
        {
            _ = Libc.posix_spawn_file_actions_destroy(actions);
            _ = Libc.posix_spawnattr_destroy(attr);
            NativeMemory.Free(actions);
            NativeMemory.Free(attr);
            NativeMemory.Free(sigs);
        }
    }

    public void Send(byte[] message)
    {
        fixed (byte* b = message)
        {
            nint n;
            do
            {
                n = Libc.send(socket, b, message.Length, Libc.MSG_NOSIGNAL);
            }
            while (n < 0 && Marshal.GetLastPInvokeError() == Libc.EINTR);
            if (n != message.Length)
            {
                throw Fault("sending to the helper", Marshal.GetLastPInvokeError());
            }
        }
    }

    public void Send(string message) => Send(Encoding.UTF8.GetBytes(message));

    /// <summary>The next message, or null when the helper closed the socket (it exited) or the timeout passed.</summary>
    public string? Receive(int timeoutMs = -1)
    {
        var pfd = new Libc.PollFd { Fd = socket, Events = Libc.POLLIN };
        int ready;
        do
        {
            ready = Libc.poll(&pfd, 1, timeoutMs);
        }
        while (ready < 0 && Marshal.GetLastPInvokeError() == Libc.EINTR);
        if (ready == 0)
        {
            throw new TimeoutException($"the container helper (pid {Pid}) said nothing for {timeoutMs} ms");
        }

        byte* buf = stackalloc byte[2048];
        nint n;
        do
        {
            n = Libc.recv(socket, buf, 2048, 0);
        }
        while (n < 0 && Marshal.GetLastPInvokeError() == Libc.EINTR);
        return n <= 0 ? null : Encoding.UTF8.GetString(buf, (int)n);
    }

    /// <summary>Waits for the helper to exit and reaps it; its status (it reports the container's separately).</summary>
    public int Wait()
    {
        if (reaped)
        {
            return 0;
        }

        int status = 0;
        int r;
        do
        {
            r = Libc.waitpid(Pid, &status, 0);
        }
        while (r < 0 && Marshal.GetLastPInvokeError() == Libc.EINTR);
        reaped = true;
        return status;
    }

    public void Kill() => Libc.kill(Pid, Libc.SIGKILL);

    public void Dispose()
    {
        if (socket >= 0)
        {
            Libc.close(socket);
            socket = -1;
        }

        if (!reaped)
        {
            Kill();
            Wait();
        }
    }

    private static ContainerException Fault(string what, int errno) => new($"{what}: {Libc.Describe(errno)}", badInput: false);
}
