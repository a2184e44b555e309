using System.CommandLine;
using System.Runtime.InteropServices;
using Arbiter.Cli.App;
using Arbiter.Isolation.Cgroups;
using Arbiter.Isolation.Container;
using Arbiter.Isolation.Rootfs;
using Arbiter.Isolation.Supervision;

namespace Arbiter.Cli.Commands.Run;

/// <summary><c>arbiter run [options] -- CMD ARGS…</c>: runs one command in a fresh container and exits with its status.</summary>
internal static class RunCommand
{
    /// <summary>Where <c>arbiter run</c> builds its busybox rootfs when <c>--rootfs</c> is not given.</summary>
    public const string DefaultRootfs = "/var/lib/arbiter/rootfs/busybox";

    private static readonly string[] NetworkModes = ["none", "loopback", "veth"];

    /// <summary>Tests redirect the container's stdio here (the real fds 0-2 otherwise).</summary>
    internal static ContainerStdio? Stdio { get; set; }

    public static Command Build(CliContext context)
    {
        var rootfs = new Option<string?>("--rootfs") { Description = $"Root filesystem directory (default {DefaultRootfs}, built from busybox-static on first use)" };
        var memory = new Option<string?>("--memory", "-m") { Description = "Memory limit: 64M, 1.5G, 512k (no swap beyond it); an OOM kill is reported, exit 137" };
        var cpus = new Option<string?>("--cpus") { Description = "CPU quota in CPUs: 0.5 = half of one CPU" };
        var pids = new Option<int?>("--pids") { Description = "Most processes and threads at once" };
        var hostname = new Option<string>("--hostname") { Description = "Host name inside (default arbiter)", DefaultValueFactory = _ => "arbiter" };
        var net = new Option<string?>("--net") { Description = "none (no interface up) | loopback (default) | veth (eth0 10.200.N.2/30, host end .1)" };
        var userNs = new Option<bool>("--user-ns") { Description = "Root inside is uid 100000 outside (a user namespace)" };
        var readOnly = new Option<bool>("--read-only") { Description = "Make the root filesystem read-only" };
        var mount = new Option<string[]>("--mount", "-v") { Description = "Bind a host path: SRC:DST or SRC:DST:ro (repeatable)", AllowMultipleArgumentsPerToken = false };
        var env = new Option<string[]>("--env", "-e") { Description = "Set a variable: NAME=VALUE, or NAME to pass the host's (repeatable)" };
        var workdir = new Option<string>("--workdir", "-w") { Description = "Working directory inside (default /)", DefaultValueFactory = _ => "/" };
        var init = new Option<bool>("--init") { Description = "Run a tiny init as pid 1 that forwards signals to the command and reaps zombies" };
        var stats = new Option<bool>("--stats") { Description = "At exit, print CPU time, peak memory and pids on stderr" };
        var json = new Option<bool>("--json") { Description = "At exit, print the status and usage as one JSON document on stdout (after the command's output)" };
        var restart = new Option<string?>("--restart") { Description = "Supervise: never | on-failure | on-failure:N | always | always:N (N = most restarts); events one per line on stderr" };
        var restartDelay = new Option<string?>("--restart-delay") { Description = "First backoff delay, doubling per restart up to 5 min (default 1s): 0, 50ms, 2s" };
        var command = new Argument<string[]>("CMD") { Description = "The command and its arguments, after --", Arity = ArgumentArity.OneOrMore };
        var run = new Command("run", """
            Runs a command in a new container and exits with its status (128 + N when signal N killed it). The
            container has its own pid, mount, uts, ipc, network and cgroup namespaces (the command is pid 1), a
            minimal /dev, /proc with kernel files masked, the default capabilities only (see docs/concepts/
            containers.md), no_new_privs, a seccomp filter refusing mount, reboot, module loading, kexec, ptrace,
            keyctl, bpf and new namespaces, and a cgroup with the limits given. stdio passes through.
            An OOM kill is reported as "arbiter: killed: out of memory (limit …)" and exits 137.
            With --restart the command is supervised: restarted by the policy with exponential backoff (±10 %
            jitter), each event (run N started, exited with code / killed by signal, killed: out of memory,
            restarting in …, not restarting: …) one line on stderr and in --json "events"; the exit status is the
            last run's. TERM or HUP is passed to the running command and stops the restarts.

            Examples:
              arbiter run -- /bin/sh -c 'echo hello from $(hostname); ps'
              arbiter run --memory 64M --pids 64 --cpus 0.5 --stats -- /bin/sh -c 'yes > /dev/null & sleep 1; kill $!'
              arbiter run --rootfs ./rootfs --read-only --mount /srv/data:/data:ro -- ls /data
              arbiter run --user-ns --net none --hostname box -- id
              arbiter run --init -- timeout 1 sh -c 'while :; do :; done'
              arbiter run --json -- true
              arbiter run --restart on-failure:3 --restart-delay 100ms -- sh -c 'exit 1'
            """) { rootfs, memory, cpus, pids, hostname, net, userNs, readOnly, mount, env, workdir, init, stats, json, restart, restartDelay, command };
        run.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            // Everything is checked before anything is made: a bad value leaves no cgroup, mount or rootfs behind.
            long? memoryBytes = parse.GetValue(memory) is { } m ? RunInput.ParseSize(m, "--memory") : null;
            double? cpuCount = parse.GetValue(cpus) is { } c ? RunInput.ParseCpus(c) : null;
            int? pidLimit = parse.GetValue(pids);
            if (pidLimit is { } p)
            {
                Labs.LabInput.RequireCount("--pids", p, 4_194_304);
            }

            string network = Labs.LabInput.Choice(parse, net, NetworkModes) ?? "loopback";
            RestartPolicy? policy = RunInput.ParseRestart(parse.GetValue(restart), parse.GetValue(restartDelay));
            var mounts = (parse.GetValue(mount) ?? []).Select(RunInput.ParseMount).ToList();
            var variables = (parse.GetValue(env) ?? []).Select(RunInput.ParseEnv).ToList();
            string name = RunInput.ParseHostname(parse.GetValue(hostname)!);
            string cwd = parse.GetValue(workdir)!;
            if (!cwd.StartsWith('/'))
            {
                throw new InputException($"--workdir: '{cwd}' must be an absolute path");
            }

            string[] args = parse.GetValue(command)!;
            string root = parse.GetValue(rootfs) ?? DefaultRootfsBuiltIfMissing(context);
            if (!Directory.Exists(root))
            {
                throw new InputException($"--rootfs: {root}: no such directory");
            }

            var defaults = ContainerSpec.Create(root, args);
            var spec = defaults with
            {
                Env = MergeEnv(defaults.Env, variables),
                Cwd = cwd,
                Hostname = name,
                Namespaces = parse.GetValue(userNs) ? defaults.Namespaces | NamespaceSet.User : defaults.Namespaces,
                Mounts = [.. defaults.Mounts, .. mounts],
                ReadOnlyRoot = parse.GetValue(readOnly),
                Init = parse.GetValue(init),
                Network = network switch { "none" => NetworkMode.None, "veth" => NetworkMode.Veth, _ => NetworkMode.Loopback },
                Limits = new CgroupLimits(MemoryBytes: memoryBytes, MemorySwapBytes: memoryBytes, Cpus: cpuCount, Pids: pidLimit),
            };
            if (policy is not null)
            {
                using var supervision = new RunSupervision(context, spec, policy);
                return supervision.Execute(parse.GetValue(stats), parse.GetValue(json));
            }

            return Execute(context, spec, parse.GetValue(stats), parse.GetValue(json));
        }));
        return run;
    }

    private static int Execute(CliContext context, ContainerSpec spec, bool stats, bool json)
    {
        ContainerResult result;
        try
        {
            using RunningContainer container = ContainerRuntime.Start(spec, Stdio);
            // Ctrl-C reaches the container through the terminal (same process group) and the helper; we stay to
            // clean up. A TERM or HUP sent to us alone is passed on.
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true);
            using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, c => c.Cancel = true);
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; container.Signal(15); });
            using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; container.Signal(1); });
            result = container.Wait();
        }
        catch (ContainerException e) when (e.IsBadInput)
        {
            throw new InputException(e.Message, e);
        }
        catch (ContainerException e)
        {
            context.Err.WriteLine($"arbiter: cannot start the container: {e.Message}");
            return ArbiterApp.Fault;
        }

        RunReport.Write(context, result, stats, json);
        return result.Status;
    }

    /// <summary>The defaults, with a variable given on the command line replacing the default of the same name.</summary>
    private static List<string> MergeEnv(IReadOnlyList<string> defaults, List<string> given)
    {
        var names = given.Select(v => v[..v.IndexOf('=', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        return [.. defaults.Where(d => !names.Contains(d[..d.IndexOf('=', StringComparison.Ordinal)])), .. given];
    }

    private static string DefaultRootfsBuiltIfMissing(CliContext context)
    {
        if (!File.Exists(Path.Combine(DefaultRootfs, BusyboxRootfs.MarkerFile)))
        {
            context.Err.WriteLine($"arbiter: building a busybox root filesystem in {DefaultRootfs} (first use; --rootfs DIR to use another)");
            try
            {
                BusyboxRootfs.Build(DefaultRootfs, new BusyboxRootfsOptions(Log: line => context.Err.WriteLine($"arbiter: {line}")));
            }
            catch (RootfsException e)
            {
                throw new InputException($"no --rootfs given and the default one cannot be built: {e.Message}", e);
            }
        }

        return DefaultRootfs;
    }
}
