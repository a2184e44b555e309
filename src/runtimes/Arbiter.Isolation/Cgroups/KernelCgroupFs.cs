using System.Runtime.InteropServices;
using System.Text;

namespace Arbiter.Isolation.Cgroups;

/// <summary>The real cgroup filesystem and kill(2).</summary>
internal sealed class KernelCgroupFs : ICgroupFs
{
    public static KernelCgroupFs Instance { get; } = new();

    public bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    // Directory.Delete(path, recursive: false) is a plain rmdir(2) on Unix, which is what cgroupfs needs.
    public void RemoveDirectory(string path) => Directory.Delete(path, recursive: false);

    public IReadOnlyList<string> ListDirectories(string path) =>
        Directory.Exists(path) ? Directory.EnumerateDirectories(path).Select(Path.GetFileName).OfType<string>().ToList() : [];

    public string Read(string path) => File.ReadAllText(path);

    public void Write(string path, string value)
    {
        // bufferSize 0: no FileStream buffer, so the bytes reach the kernel in one write as cgroupfs expects.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        stream.Write(Encoding.ASCII.GetBytes(value));
    }

    public void Kill(int pid)
    {
        const int SIGKILL = 9;
        const int ESRCH = 3;
        if (SysKill(pid, SIGKILL) != 0 && Marshal.GetLastPInvokeError() != ESRCH)
        {
            throw new IOException($"kill({pid}, SIGKILL) failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    public void Pause(TimeSpan delay) => Thread.Sleep(delay);

    // DllImport, not LibraryImport: the generated stub needs AllowUnsafeBlocks, and two ints marshal as they are.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
