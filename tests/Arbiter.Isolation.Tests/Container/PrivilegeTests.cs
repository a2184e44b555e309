using System.Globalization;
using Arbiter.Isolation.Container;

namespace Arbiter.Isolation.Tests.Container;

/// <summary>
/// Each privilege layer on its own, as the kernel reports it inside: no_new_privs, the seccomp mode, the capability
/// sets, the rlimits — and the capability drop alone denying the dangerous calls with the seccomp filter off. Each
/// has a control run without the layer, so it can fail.
/// </summary>
[Collection(ContainerGroup.Name)]
public sealed class PrivilegeTests(ContainerFixture fixture)
{
    private const string StatusScript = "grep -E '^(NoNewPrivs|Seccomp|CapBnd|CapEff|CapPrm):' /proc/self/status";

    [ContainerFact]
    public void Defaults_ProcStatus_ShowsNoNewPrivsSeccompAndTheDocumentedCapabilities()
    {
        var (result, output, error) = fixture.Shell(StatusScript);
        Assert.True(result.ExitCode == 0, error);
        var status = Fields(output);
        string mask = Capabilities.DefaultMask.ToString("x16", CultureInfo.InvariantCulture);
        Assert.Equal("1", status["NoNewPrivs"]);
        Assert.Equal("2", status["Seccomp"]);               // SECCOMP_MODE_FILTER
        Assert.Equal(mask, status["CapBnd"]);
        Assert.Equal(mask, status["CapEff"]);
        Assert.Equal(mask, status["CapPrm"]);
    }

    [ContainerFact]
    public void Control_WithoutTheLayers_ProcStatusShowsThemMissing()
    {
        var (_, output, _) = fixture.Shell(StatusScript, s => s with { NoNewPrivileges = false, Seccomp = false, Capabilities = null });
        var status = Fields(output);
        Assert.Equal("0", status["NoNewPrivs"]);
        Assert.Equal("0", status["Seccomp"]);
        Assert.NotEqual(Capabilities.DefaultMask.ToString("x16", CultureInfo.InvariantCulture), status["CapBnd"]);
    }

    [ContainerFact]
    public void Capabilities_WithoutSeccomp_StillDenyTheList()
    {
        // The capability drop alone (seccomp filter off): mount, reboot, device nodes and the host name need
        // capabilities the default set does not have. Calls an unprivileged process may make (unshare of a user
        // namespace, ptrace of itself) are the filter's job and are not asked here; nor are module loading and
        // kexec, which this machine's kernel answers with ENOSYS before any permission check.
        var (_, output, _) = fixture.Shell("probe sys mount umount reboot mknod-char sethostname", s => s with { Seccomp = false });
        var answers = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(5, answers.Count);
        Assert.All(answers, a => Assert.True(a.Value == "EPERM", $"{a.Key} was allowed ({a.Value})"));
    }

    [ContainerFact]
    public void Rlimits_Given_AreInForceInside()
    {
        var (_, limited, _) = fixture.Shell("ulimit -n; ulimit -Hn", s => s with { Rlimits = [new ResourceLimit(7, 77, 88)] });
        var (_, control, _) = fixture.Shell("ulimit -n", s => s with { Rlimits = [] });
        Assert.Equal("77\n88\n", limited);
        Assert.NotEqual("77\n", control);
    }

    private static Dictionary<string, string> Fields(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim());
}
