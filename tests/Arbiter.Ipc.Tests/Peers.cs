using System.Diagnostics;

namespace Arbiter.Ipc.Tests;

/// <summary>Ways to start the peer in tests: the real one (arbiter, copied next to the tests) and impostors that misbehave.</summary>
internal static class Peers
{
    /// <summary>The real peer: <c>arbiter lab ipc peer …</c>.</summary>
    public static PeerLauncher Arbiter { get; } = PeerLaunchers.ForProgram(Path.Combine(AppContext.BaseDirectory, "arbiter.dll"), "lab", "ipc", "peer");

    /// <summary>A peer that runs <paramref name="script"/> with /bin/sh instead of doing its job.</summary>
    public static PeerLauncher Shell(string script) => _ => new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", script } };

    /// <summary>Files and directories a run of this process left behind (their names carry our pid).</summary>
    public static string[] Leftovers()
    {
        string prefix = $"arbiter-ipc-{Environment.ProcessId}-";
        var places = new[] { "/dev/shm", Path.GetTempPath() }.Where(Directory.Exists);
        return places.SelectMany(p => Directory.EnumerateFileSystemEntries(p, prefix + "*")).ToArray();
    }
}
