namespace Arbiter.Cli.Tests.Commands.Deadlock;

/// <summary>An unknown choice is one line naming the option, the value and the choices, exit 2, nothing on stdout.</summary>
public class DeadlockChoiceOptionTests
{
    [Fact]
    public void Recover_UnknownStrategy_OneLineErrorExit2()
    {
        var (code, output, error) = CliRunner.Run("deadlock", "recover", CliRunner.Example("deadlock/deadlocked.yaml"), "--strategy", "kill-all");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("arbiter: --strategy: 'kill-all' is not one of terminate-all, terminate-one, preempt", error.TrimEnd());
    }

    [Fact]
    public void Prevent_UnknownPolicy_OneLineErrorExit2()
    {
        var (code, output, error) = CliRunner.Run("deadlock", "prevent", CliRunner.Example("prevention/two-locks.yaml"), "--policy", "banker");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("arbiter: --policy: 'banker' is not one of ordering, hold-and-wait, hierarchy, timeout, all", error.TrimEnd());
    }

    [Fact]
    public void Recover_KnownStrategy_StillRuns()
    {
        var (code, _, error) = CliRunner.Run("deadlock", "recover", CliRunner.Example("deadlock/deadlocked.yaml"), "--strategy", "preempt", "--json");

        Assert.True(code == 0, error);
    }
}
