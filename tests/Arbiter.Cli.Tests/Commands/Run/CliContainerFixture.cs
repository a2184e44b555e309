using Arbiter.Cli.Commands.Run;
using Arbiter.Isolation.Container;
using Arbiter.Isolation.Rootfs;

namespace Arbiter.Cli.Tests.Commands.Run;

/// <summary>A busybox rootfs for the CLI's container tests, and the container's stdout/stderr captured in files.</summary>
public sealed class CliContainerFixture : IDisposable
{
    private readonly Lazy<string> rootfs;

    public CliContainerFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "arbiter-cli-containers-" + Guid.NewGuid().ToString("N")[..12]);
        rootfs = new Lazy<string>(() =>
        {
            Directory.CreateDirectory(Root);
            return BusyboxRootfs.Build(Path.Combine(Root, "rootfs"), new BusyboxRootfsOptions(Install: false)).Directory;
        });
    }

    public string Root { get; }

    public string Rootfs => rootfs.Value;

    /// <summary>Runs <c>arbiter ARGS</c> in-process with the container's stdout and stderr captured.</summary>
    public static (int Code, string Out, string Err, string ContainerOut) Run(params string[] args)
    {
        string file = Path.GetTempFileName();
        try
        {
            int code;
            string output, error;
            using (var input = File.OpenHandle("/dev/null"))
            using (var captured = File.OpenHandle(file, FileMode.Create, FileAccess.Write))
            {
                int fd = (int)captured.DangerousGetHandle();
                RunCommand.Stdio = new ContainerStdio((int)input.DangerousGetHandle(), fd, fd);
                try
                {
                    (code, output, error) = CliRunner.Run(args);
                }
                finally
                {
                    RunCommand.Stdio = null;
                }
            }

            return (code, output, error, File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The run cgroups this process owns right now (none once every container is gone).</summary>
    public static List<string> OurCgroups()
    {
        string marker = $"@{Environment.ProcessId}.";
        return [.. Directory.GetDirectories("/sys/fs/cgroup").Select(h => Path.Combine(h, "arbiter")).Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories).Where(d => d.Contains(marker, StringComparison.Ordinal))];
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
public sealed class CliContainerGroup : ICollectionFixture<CliContainerFixture>
{
    public const string Name = "cli-containers";
}
