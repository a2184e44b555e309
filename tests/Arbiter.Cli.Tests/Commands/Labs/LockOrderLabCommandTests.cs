using System.Text.Json;

namespace Arbiter.Cli.Tests.Commands.Labs;

public class LockOrderLabCommandTests
{
    [Fact]
    public void LockOrder_Json_ReportsTheInversionAndNoDeadlock()
    {
        var (code, output, _) = LabAssert.Run("lab", "lock-order", "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.False(doc.RootElement.GetProperty("deadlocked").GetBoolean());
        var report = Assert.Single(doc.RootElement.GetProperty("reports").EnumerateArray());
        Assert.Equal("inversion", report.GetProperty("problem").GetString());
        Assert.Equal(["accounts", "audit-log", "accounts"], report.GetProperty("cycle").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["transfer", "audit"], report.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("thread").GetString()));
    }

    [Fact]
    public void LockOrder_Stacks_ShowsWhereEachOrderWasFirstTaken()
    {
        var (code, output, _) = LabAssert.Run("lab", "lock-order", "--stacks");

        Assert.Equal(0, code);
        Assert.Contains("lock-order inversion: accounts → audit-log → accounts", output, StringComparison.Ordinal);
        Assert.Contains("LockOrderExperiment.Transfer", output, StringComparison.Ordinal);
        Assert.Contains("LockOrderExperiment.Audit", output, StringComparison.Ordinal);
    }

    [Fact]
    public void LockOrder_Help_HasExamples() => LabAssert.HelpWithExample("lock-order", "arbiter lab lock-order --stacks");
}
