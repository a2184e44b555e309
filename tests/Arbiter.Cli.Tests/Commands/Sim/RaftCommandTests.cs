using System.Text.Json;
using Arbiter.Core.Distributed.Linearizability;

namespace Arbiter.Cli.Tests.Commands.Sim;

public sealed class RaftCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("arbiter-sim-raft-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Raft_RandomFaultsWithHistory_FileReadsBackAndJsonAgrees()
    {
        string file = Path.Combine(_dir, "run.jsonl");

        var (code, output, error) = CliRunner.Run("sim", "raft", "--nodes", "3", "--clients", "2", "--ops", "80", "--faults", "random", "--seed", "4", "--history", file, "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        IReadOnlyList<HistoryOperation> history = HistoryReader.Read(new StreamReader(file), file);
        Assert.Equal(80, history.Count);
        Assert.Equal(root.GetProperty("ok").GetInt32(), history.Count(o => o.Status == OperationStatus.Ok));
        Assert.Equal(root.GetProperty("unknown").GetInt32(), history.Count(o => o.Status == OperationStatus.Unknown));
        Assert.True(root.GetProperty("raft_invariants_held").GetBoolean());
        Assert.Equal("linearizable", root.GetProperty("linearizability").GetProperty("verdict").GetString());
        // The file, checked on its own, gives the same verdict.
        Assert.Equal(LinearizabilityVerdict.Linearizable, LinearizabilityChecker.Check(history).Verdict);
    }

    [Fact]
    public void Raft_SerializableReadsOnTheTeachingSeed_StaleReadShownWithEvidence()
    {
        var (code, output, error) = CliRunner.Run("sim", "raft", "--faults", "random", "--seed", "4", "--read-mode", "serializable");

        Assert.True(code == 0, error);
        Assert.Contains("linearizability: not_linearizable", output, StringComparison.Ordinal);
        Assert.Contains("none of these can come next:", output, StringComparison.Ordinal);
        Assert.Contains("raft invariants: held", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Raft_NoSessionsOnTheDuplicateSeed_NotLinearizable_WithSessionsLinearizable()
    {
        var (code, without, error) = CliRunner.Run("sim", "raft", "--faults", "random", "--seed", "25", "--no-sessions", "--json");
        var (_, with, _) = CliRunner.Run("sim", "raft", "--faults", "random", "--seed", "25", "--json");

        Assert.True(code == 0, error);
        using var bad = JsonDocument.Parse(without);
        using var good = JsonDocument.Parse(with);
        Assert.Equal("not_linearizable", bad.RootElement.GetProperty("linearizability").GetProperty("verdict").GetString());
        Assert.Equal("linearizable", good.RootElement.GetProperty("linearizability").GetProperty("verdict").GetString());
    }

    [Fact]
    public void Raft_ScriptedPartitionAndCrash_LinearizableAndConverged()
    {
        var (code, output, error) = CliRunner.Run("sim", "raft", "--nodes", "3", "--ops", "90",
            "--faults", "partition {1}|{2,3} at 300ms, heal at 1s, crash 2 at 1200ms, restart 2 at 2s");

        Assert.True(code == 0, error);
        Assert.Contains("linearizability: linearizable", output, StringComparison.Ordinal);
        Assert.Contains("replicas: converged, store snapshots byte-equal", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Raft_Sweep_ZeroViolations()
    {
        var (code, output, error) = CliRunner.Run("sim", "raft", "--nodes", "3", "--clients", "2", "--ops", "60", "--seeds", "1..30", "--faults", "random", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(0, doc.RootElement.GetProperty("violations").GetInt32());
        Assert.Equal(30, doc.RootElement.GetProperty("runs").GetInt32());
    }

    [Fact]
    public void Raft_SweepLeadersWritingInParallelOnASlowDisk_ZeroViolationsAndCrashesInsideWrites()
    {
        var (code, output, error) = CliRunner.Run("sim", "raft", "--nodes", "3", "--clients", "2", "--ops", "60", "--seeds", "1..30",
            "--faults", "random", "--parallel-write", "--disk-latency", "5ms");

        Assert.True(code == 0, error);
        Assert.Contains("linearizable reads, leaders write in parallel, disk 5 ms", output, StringComparison.Ordinal);
        Assert.Contains("violations: 0 (", output, StringComparison.Ordinal);
        int lost = int.Parse(output.Split("writes lost in crashes ")[1].Split('\n')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(lost > 0, output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Raft_JsonOneRunAndSweep_CarryParallelWriteAndDiskLatency(bool sweep)
    {
        string[] runs = sweep ? ["--seeds", "1..3"] : ["--seed", "3"];
        var (code, plain, error) = CliRunner.Run(["sim", "raft", "--nodes", "3", "--clients", "2", "--ops", "30", .. runs, "--json"]);
        var (code2, disk, error2) = CliRunner.Run(["sim", "raft", "--nodes", "3", "--clients", "2", "--ops", "30", .. runs, "--parallel-write", "--disk-latency", "2500us", "--json"]);

        Assert.True(code == 0 && code2 == 0, error + error2);
        using var without = JsonDocument.Parse(plain);
        using var with = JsonDocument.Parse(disk);
        Assert.Equal((false, 0.0), (without.RootElement.GetProperty("parallel_write").GetBoolean(), without.RootElement.GetProperty("disk_latency_ms").GetDouble()));
        Assert.Equal((true, 2.5), (with.RootElement.GetProperty("parallel_write").GetBoolean(), with.RootElement.GetProperty("disk_latency_ms").GetDouble()));
        Assert.Equal(sweep, with.RootElement.TryGetProperty("writes_lost_in_crashes", out _));
    }

    [Theory]
    [InlineData(new[] { "--disk-latency", "-5ms" }, "--disk-latency")]
    [InlineData(new[] { "--disk-latency", "2s" }, "--disk-latency")]
    [InlineData(new[] { "--nodes", "0" }, "--nodes")]
    [InlineData(new[] { "--clients", "17" }, "--clients")]
    [InlineData(new[] { "--ops", "0" }, "--ops")]
    [InlineData(new[] { "--read-mode", "eventual" }, "--read-mode")]
    [InlineData(new[] { "--faults", "crash 9 at 1s" }, "--faults")]
    [InlineData(new[] { "--faults", "crash 6 at 1s" }, "node 6 is a client")]
    [InlineData(new[] { "--faults", "partition {1 at 1s" }, "--faults")]
    [InlineData(new[] { "--seeds", "9..1" }, "--seeds")]
    [InlineData(new[] { "--seeds", "1..3", "--history", "HISTORY" }, "--history")]
    [InlineData(new[] { "--history", "MISSING/run.jsonl" }, "directory does not exist")]
    public void Raft_BadInput_OneLineExit2NoFile(string[] options, string message)
    {
        string history = Path.Combine(_dir, "h.jsonl");
        string[] args = [.. options.Select(o => o.Replace("HISTORY", history, StringComparison.Ordinal).Replace("MISSING", Path.Combine(_dir, "missing"), StringComparison.Ordinal))];

        var (code, output, error) = CliRunner.Run(["sim", "raft", "--ops", "10", .. args]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Raft_Svg_SpaceTimeDiagramWithServersAndClients()
    {
        string file = Path.Combine(_dir, "run.svg");

        var (code, _, error) = CliRunner.Run("sim", "raft", "--nodes", "3", "--clients", "1", "--ops", "5", "--svg", file);

        Assert.True(code == 0, error);
        string svg = File.ReadAllText(file);
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("raft store: 3 servers, 1 clients, seed 1", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Raft_Help_HasExamples() =>
        Assert.Contains("arbiter sim raft --faults random --seed 4 --read-mode serializable", CliRunner.Run("sim", "raft", "--help").Out, StringComparison.Ordinal);
}
