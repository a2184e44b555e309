using System.Diagnostics;
using System.Text.Json.Nodes;
using Arbiter.Isolation.Rootfs;

namespace Arbiter.Bench.Isolation;

/// <summary>
/// The one OCI bundle every runtime starts (runc, crun, Arbiter): `runc spec`'s default config.json (terminal off, args /bin/true) over a
/// busybox rootfs. Same namespaces (pid, network, ipc, uts, mount), same mounts, a cgroup each.
/// </summary>
internal sealed class ContainerBundle : IDisposable
{
    public ContainerBundle()
    {
        Directory = Path.Combine(Path.GetTempPath(), "arbiter-bench-bundle-" + Environment.ProcessId);
        System.IO.Directory.CreateDirectory(Directory);
        BusyboxRootfs.Build(Path.Combine(Directory, "rootfs"), new BusyboxRootfsOptions(Install: false));
        Run("runc", Directory, "spec");
        string file = Path.Combine(Directory, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(file))!;
        config["process"]!["terminal"] = false;
        config["process"]!["args"] = new JsonArray("/bin/true");
        File.WriteAllText(file, config.ToJsonString());
        RuncRoot = Path.Combine(Directory, "runc-state");
        ArbiterRoot = Path.Combine(Directory, "arbiter-state");
        CrunRoot = Path.Combine(Directory, "crun-state");
    }

    public string Directory { get; }

    public string RuncRoot { get; }

    public string ArbiterRoot { get; }

    public string CrunRoot { get; }

    /// <summary>Runs a program to completion; throws unless it exits 0.</summary>
    public static void Run(string program, string? workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory ?? "", RedirectStandardError = true };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)}: exit {p.ExitCode}: {error}");
        }
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
