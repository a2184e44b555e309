using System.Diagnostics;
using Arbiter.Isolation.Container;
using Arbiter.Isolation.Rootfs;

namespace Arbiter.Isolation.Tests.Container;

/// <summary>
/// One busybox root filesystem for every container test (built by <see cref="BusyboxRootfs"/>), with the probe
/// program (Native/probe.c, compiled statically) at /bin/probe; removed at the end.
/// </summary>
public sealed class ContainerFixture : IDisposable
{
    private readonly Lazy<string> rootfs;

    public ContainerFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), $"arbiter-containers-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        rootfs = new Lazy<string>(Build);
    }

    /// <summary>A directory on the host outside every rootfs: tests put host-only files here.</summary>
    public string Root { get; }

    /// <summary>The rootfs (built on first use).</summary>
    public string Rootfs => rootfs.Value;

    /// <summary>Where the test sources are (Native/probe.c, Native/*-test.c).</summary>
    public static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(here))!;

    private string Build()
    {
        string dir = Path.Combine(Root, "rootfs");
        Directory.CreateDirectory(Root);
        BusyboxRootfs.Build(dir, new BusyboxRootfsOptions(Install: false));
        Compile(Path.Combine(SourceDirectory(), "Native", "probe.c"), Path.Combine(dir, "bin", "probe"));
        return dir;
    }

    /// <summary>Compiles one C file statically with gcc; throws with gcc's output on failure.</summary>
    public static void Compile(string source, string output, string extra = "")
    {
        using var gcc = Process.Start(new ProcessStartInfo("gcc", $"-O2 -Wall -Wextra -Werror -static {extra} -o \"{output}\" \"{source}\"")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        string errors = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        if (gcc.ExitCode != 0)
        {
            throw new InvalidOperationException($"gcc {source} failed: {errors}");
        }
    }

    /// <summary>Runs <paramref name="spec"/> with stdout and stderr captured.</summary>
    public static (ContainerResult Result, string Out, string Err) Run(ContainerSpec spec)
    {
        string outFile = Path.GetTempFileName();
        string errFile = Path.GetTempFileName();
        try
        {
            ContainerResult result;
            using (var input = File.OpenHandle("/dev/null"))
            using (var output = File.OpenHandle(outFile, FileMode.Create, FileAccess.Write))
            using (var error = File.OpenHandle(errFile, FileMode.Create, FileAccess.Write))
            {
                var stdio = new ContainerStdio((int)input.DangerousGetHandle(), (int)output.DangerousGetHandle(), (int)error.DangerousGetHandle());
                using RunningContainer container = ContainerRuntime.Start(spec, stdio);
                result = container.Wait(TimeSpan.FromSeconds(60));
            }

            return (result, File.ReadAllText(outFile), File.ReadAllText(errFile));
        }
        finally
        {
            File.Delete(outFile);
            File.Delete(errFile);
        }
    }

    /// <summary>Runs <c>sh -c SCRIPT</c> in the fixture's rootfs, with <paramref name="tweak"/> applied to the default spec.</summary>
    public (ContainerResult Result, string Out, string Err) Shell(string script, Func<ContainerSpec, ContainerSpec>? tweak = null)
    {
        var spec = ContainerSpec.Create(Rootfs, ["/bin/sh", "-c", script]);
        return Run(tweak is null ? spec : tweak(spec));
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ContainerGroup : ICollectionFixture<ContainerFixture>
{
    /// <summary>Container tests run one after another: the CPU-share test needs the machine to itself.</summary>
    public const string Name = "containers";
}
