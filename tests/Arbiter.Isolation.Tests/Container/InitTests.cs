using Arbiter.Isolation.Container;

namespace Arbiter.Isolation.Tests.Container;

/// <summary>pid 1 and signals: the kernel shields a namespace's init from signals it has no handler for.</summary>
[Collection(ContainerGroup.Name)]
public sealed class InitTests(ContainerFixture fixture)
{
    [ContainerFact]
    public void WithoutInit_TermToAPidOneSleep_IsIgnored()
    {
        // The control for the test below: sleep as pid 1 has no TERM handler, so TERM does nothing.
        using var container = ContainerRuntime.Start(ContainerSpec.Create(fixture.Rootfs, ["sleep", "30"]));
        container.Signal(15);
        Assert.Throws<TimeoutException>(() => container.Wait(TimeSpan.FromMilliseconds(300)));
    }

    [ContainerFact]
    public void WithInit_TermFromTheHost_IsForwardedAndReportedAsTheWorkloadsSignal()
    {
        using var container = ContainerRuntime.Start(ContainerSpec.Create(fixture.Rootfs, ["sleep", "30"]) with { Init = true });
        Thread.Sleep(50);
        container.Signal(15);
        var result = container.Wait(TimeSpan.FromSeconds(10));
        Assert.Equal(15, result.Signal);
        Assert.Equal(143, result.Status);
    }

    [ContainerFact]
    public void WithInit_TheWorkloadIsPidTwoAndItsExitCodeComesThrough()
    {
        var (result, output, _) = fixture.Shell("echo $$; tr '\\0' ' ' < /proc/1/cmdline; echo; exit 9", s => s with { Init = true });
        Assert.Equal(9, result.ExitCode);
        Assert.Equal("2\narbiter-init \n", output);
    }

    [ContainerFact]
    public void WithInit_OrphansAreReaped()
    {
        // Ten background children are orphaned when their shell exits; the init reaps them, none stays a zombie.
        var (result, output, _) = fixture.Shell("sh -c 'for i in 1 2 3 4 5 6 7 8 9 10; do true & done'; sleep 0.2; grep -l '^State:.*Z' /proc/[0-9]*/status | wc -l", s => s with { Init = true });
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("0", output.Trim());
    }

    [ContainerFact]
    public void WithInit_MissingCommand_IsStillAnExecError()
    {
        var e = Assert.Throws<ContainerException>(() => ContainerRuntime.Run(ContainerSpec.Create(fixture.Rootfs, ["no-such-command"]) with { Init = true }));
        Assert.Equal("exec no-such-command: No such file or directory", e.Message);
        Assert.Empty(LimitTests.OurCgroups());
    }
}
