namespace Arbiter.Ipc.Tests;

public class PeerLaunchersTests
{
    [Fact]
    public void ForProgram_RunningUnderAnotherHost_StartsTheAssemblyWithDotnet()
    {
        // The test host is not "arbiter", so the peer is `dotnet …/arbiter.dll lab ipc peer <args>`.
        var info = PeerLaunchers.ForProgram("/opt/x/arbiter.dll", "lab", "ipc", "peer")(["--transport", "pipe"]);

        Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(info.FileName));
        Assert.Equal(["/opt/x/arbiter.dll", "lab", "ipc", "peer", "--transport", "pipe"], info.ArgumentList);
    }

    [Fact]
    public void ForProgram_RunningAsThatProgram_StartsItsOwnExecutable()
    {
        string self = Environment.ProcessPath!;
        var info = PeerLaunchers.ForProgram(Path.Combine("/somewhere", Path.GetFileNameWithoutExtension(self) + ".dll"), "peer")(["-x"]);

        Assert.Equal(self, info.FileName);
        Assert.Equal(["peer", "-x"], info.ArgumentList);
    }
}
