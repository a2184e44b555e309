using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Arbiter.Isolation.Cgroups;
using Arbiter.Isolation.Native;

namespace Arbiter.Isolation.Container;

/// <summary>
/// Starts containers. The C# side checks the spec, makes the cgroup, starts the native helper (arbiter-init),
/// and, once the helper reports the init's pid, places it in the cgroup, writes its uid/gid maps and says "go";
/// the helper does the namespace-side set-up and exec (see native/arbiter-init.h).
/// </summary>
public static class ContainerRuntime
{
    /// <summary>Prefix of the cgroups made by <see cref="Start"/>: stale ones (owner crashed) are removed on the next start.</summary>
    public const string RunCgroupPrefix = "run-";

    private static int staleCleaned;

    /// <summary>Runs <paramref name="spec"/> to completion and cleans up; stdio passes through unless <paramref name="stdio"/> redirects it.</summary>
    /// <exception cref="ContainerException">The container could not start (nothing is left behind).</exception>
    public static ContainerResult Run(ContainerSpec spec, ContainerStdio? stdio = null)
    {
        using RunningContainer container = Start(spec, stdio);
        return container.Wait();
    }

    /// <summary>Starts <paramref name="spec"/>: returns once the workload has been exec'd.</summary>
    /// <exception cref="ContainerException">The container could not start (nothing is left behind).</exception>
    public static RunningContainer Start(ContainerSpec spec, ContainerStdio? stdio = null)
    {
        var clock = Stopwatch.StartNew();
        string rootfs = Validate(spec);
        CleanupStaleOnce();
        string name = RunCgroupPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var (helper, cgroup, pid) = Launch(spec, rootfs, stdio, fifo: null, name);
        return new RunningContainer(helper, cgroup, pid, spec.Limits, clock);
    }

    /// <summary>
    /// OCI create: sets the container up and leaves its init blocked on <paramref name="fifo"/> until a reader
    /// opens it (OCI start). The cgroup <paramref name="cgroupName"/> stays; the helper has exited. Returns the init's pid.
    /// </summary>
    internal static (int Pid, IReadOnlyList<string> CgroupDirectories) CreateDetached(ContainerSpec spec, string fifo, string cgroupName)
    {
        string rootfs = Validate(spec);
        var (helper, cgroup, pid) = Launch(spec, rootfs, null, fifo, cgroupName);
        helper.Wait();
        helper.Dispose();
        // The cgroup outlives this process: OCI delete re-opens it (Cgroup.Open) and removes it; not Dispose, which would kill it now.
        return (pid, cgroup.Directories);
    }

    /// <summary>Checks the spec before anything is made; returns the rootfs with every symlink resolved.</summary>
    internal static string Validate(ContainerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!Directory.Exists(spec.Rootfs))
        {
            throw new ContainerException($"rootfs {spec.Rootfs}: no such directory", badInput: true);
        }

        string rootfs = Libc.RealPath(spec.Rootfs, out int errno)
            ?? throw new ContainerException($"rootfs {spec.Rootfs}: {Libc.Describe(errno)}", badInput: true);
        if (rootfs == "/")
        {
            throw new ContainerException("rootfs: the host's / cannot be a container's root", badInput: true);
        }

        Require(spec.Args.Count > 0 && spec.Args[0].Length > 0, "no command given");
        Require(spec.Namespaces.HasFlag(NamespaceSet.Mount), "a mount namespace is required (pivot_root would change the host's root)");
        Require(spec.Cwd.StartsWith('/'), $"working directory '{spec.Cwd}' must be absolute");
        foreach (var m in spec.Mounts)
        {
            Require(m.Destination.StartsWith('/'), $"mount destination '{m.Destination}' must be absolute");
            Require(!m.Flags.HasFlag(MountOption.Bind) || Path.Exists(m.Source), $"mount source {m.Source}: no such file or directory");
        }

        foreach (var (what, count) in new[] { ("mounts", spec.Mounts.Count), ("arguments", spec.Args.Count), ("environment variables", spec.Env.Count),
            ("masked paths", spec.MaskedPaths.Count), ("read-only paths", spec.ReadonlyPaths.Count) })
        {
            Require(count <= HelperSpec.MaxItems, $"too many {what} ({count}; at most {HelperSpec.MaxItems})");
        }

        if (spec.Namespaces.HasFlag(NamespaceSet.User))
        {
            Require(IdMapping.ToHost(spec.UidMappings, spec.Uid) is not null, $"uid {spec.Uid} is not mapped by the user namespace");
            Require(IdMapping.ToHost(spec.GidMappings, spec.Gid) is not null, $"gid {spec.Gid} is not mapped by the user namespace");
            Require(IdMapping.ToHost(spec.UidMappings, 0) is not null && IdMapping.ToHost(spec.GidMappings, 0) is not null,
                "the user namespace must map id 0 (the runtime sets the container up as root inside)");
        }

        try
        {
            spec.Limits.Validate();
        }
        catch (CgroupException e)
        {
            throw new ContainerException(e.Message, badInput: true);
        }

        return rootfs;
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new ContainerException(message, badInput: true);
        }
    }

    private static void CleanupStaleOnce()
    {
        if (Interlocked.Exchange(ref staleCleaned, 1) == 0)
        {
            try
            {
                Cgroup.CleanupStale(RunCgroupPrefix);
            }
            catch (CgroupException)
            {
                // A group that cannot be removed now is tried again by the next runtime; it must not block this one.
            }
        }
    }

    private static (HelperProcess Helper, Cgroup Cgroup, int Pid) Launch(ContainerSpec spec, string rootfs, ContainerStdio? stdio, string? fifo, string cgroupName)
    {
        byte[] message = HelperSpec.Encode(spec, rootfs, fifo);
        if (message.Length > HelperSpec.MaxBytes)
        {
            throw new ContainerException($"the container's spec is {message.Length} bytes (arguments, environment, mounts); at most {HelperSpec.MaxBytes}", badInput: true);
        }

        Cgroup cgroup;
        try
        {
            cgroup = Cgroup.Create(cgroupName, spec.Limits);
        }
        catch (CgroupException e)
        {
            throw new ContainerException($"cgroup: {e.Message}", e);
        }

        HelperProcess? helper = null;
        try
        {
            helper = HelperProcess.Spawn(stdio);
            helper.Send(message);
            string reply = Expect(helper, "pid ");
            int pid = int.Parse(reply.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture);
            cgroup.AddProcess(pid);
            if (spec.Namespaces.HasFlag(NamespaceSet.User))
            {
                WriteMap(pid, "uid_map", spec.UidMappings);
                WriteMap(pid, "gid_map", spec.GidMappings);
            }

            if (spec.Network == NetworkMode.Veth && spec.Namespaces.HasFlag(NamespaceSet.Network))
            {
                VethNetwork.Create(pid);
            }

            if (spec.OomScoreAdj is { } adj)
            {
                File.WriteAllText($"/proc/{pid}/oom_score_adj", adj.ToString(CultureInfo.InvariantCulture));
            }

            helper.Send("go");
            Expect(helper, fifo is null ? "exec" : "ready");
            return (helper, cgroup, pid);
        }
        catch (Exception e)
        {
            helper?.Dispose();
            cgroup.Dispose();
            if (e is ContainerException)
            {
                throw;
            }

            throw new ContainerException($"starting the container: {e.Message}", e);
        }
    }

    /// <summary>The next message, which must start with <paramref name="expected"/>; an "error" becomes the exception.</summary>
    private static string Expect(HelperProcess helper, string expected)
    {
        string? reply = helper.Receive(timeoutMs: 30_000);
        if (reply is not null && reply.StartsWith(expected, StringComparison.Ordinal))
        {
            return reply;
        }

        if (reply is not null && reply.StartsWith("error ", StringComparison.Ordinal))
        {
            string detail = reply[6..];
            throw new ContainerException(detail, IsBadInput(detail));
        }

        throw new ContainerException(reply is null ? "the container helper exited unexpectedly" : $"unexpected message from the container helper: '{reply}'");
    }

    /// <summary>A command that is not there, a working directory that is not there: the input's fault, not the machine's.</summary>
    internal static bool IsBadInput(string helperError) =>
        (helperError.StartsWith("exec ", StringComparison.Ordinal) || helperError.StartsWith("chdir ", StringComparison.Ordinal))
        && (helperError.EndsWith("No such file or directory", StringComparison.Ordinal)
            || helperError.EndsWith("Permission denied", StringComparison.Ordinal)
            || helperError.EndsWith("Not a directory", StringComparison.Ordinal));

    private static void WriteMap(int pid, string file, IReadOnlyList<IdMapping> mappings)
    {
        var text = new StringBuilder();
        foreach (var m in mappings)
        {
            text.Append(CultureInfo.InvariantCulture, $"{m.ContainerId} {m.HostId} {m.Size}\n");
        }

        // One write(2): the kernel accepts a map only once and only whole.
        File.WriteAllBytes($"/proc/{pid}/{file}", Encoding.ASCII.GetBytes(text.ToString()));
    }
}
