using System.Text.Json;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Sched;

namespace Arbiter.Cli.Tests.Commands.Sched;

public class SchedCommandTests
{
    private static JsonElement Json(params string[] args)
    {
        var (code, output, error) = CliRunner.Run(args);
        Assert.True(code == 0, error);
        Assert.Equal("", error);
        return JsonDocument.Parse(output).RootElement;
    }

    [Fact]
    public void Sched_FifoThreeJobsJson_IssueShapeWithHandComputedFigures()
    {
        var root = Json("sched", "--policy", "fifo", "--jobs", "10,10,10", "--json");

        var jobs = root.GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal(["A", "B", "C"], jobs.Select(j => j.GetProperty("id").GetString()));
        Assert.Equal([10, 20, 30], jobs.Select(j => j.GetProperty("turnaround").GetInt32()));
        Assert.Equal([0, 10, 20], jobs.Select(j => j.GetProperty("response").GetInt32()));
        Assert.Equal([0, 10, 20], jobs.Select(j => j.GetProperty("wait").GetInt32()));
        Assert.All(jobs, j => Assert.Equal(10, j.GetProperty("length").GetInt32()));
        Assert.Equal(20, root.GetProperty("average").GetProperty("turnaround").GetDouble());
        Assert.Equal(10, root.GetProperty("average").GetProperty("response").GetDouble());
        var timeline = root.GetProperty("timeline").EnumerateArray()
            .Select(s => (s.GetProperty("job").GetString(), s.GetProperty("cpu").GetInt32(), s.GetProperty("start").GetInt64(), s.GetProperty("end").GetInt64()));
        Assert.Equal([("A", 0, 0L, 10L), ("B", 0, 10L, 20L), ("C", 0, 20L, 30L)], timeline);
        Assert.Equal(2, root.GetProperty("run").GetProperty("context_switches").GetInt32());
    }

    [Fact]
    public void Sched_RoundRobinQuantumOne_ResponseAverageOne()
    {
        var root = Json("sched", "-p", "rr", "-q", "1", "--jobs", "5,5,5", "--json");

        Assert.Equal(1, root.GetProperty("average").GetProperty("response").GetDouble());
        Assert.Equal(14, root.GetProperty("average").GetProperty("turnaround").GetDouble());
    }

    [Fact]
    public void Sched_HumanOutput_TableSummaryAndTextGantt()
    {
        var (code, output, _) = CliRunner.Run("sched", "-p", "stcf", "--jobs", "0:100,10:10,10:10");

        Assert.Equal(0, code);
        Assert.Contains("stcf, 1 CPU, 3 jobs", output, StringComparison.Ordinal);
        Assert.Matches(@"│ average\s+│\s+│\s+│\s+3\.33 │\s+50 │\s+10 │", output);
        Assert.Contains("context switches 3", output, StringComparison.Ordinal);
        Assert.Contains("B         #####", output, StringComparison.Ordinal); // arrives at 10, runs 10–20 (2 ticks a column)
    }

    [Fact]
    public void Sched_FileYamlAndJson_SameAsCommandLine()
    {
        var fromFile = Json("sched", "-p", "stcf", "--file", CliRunner.Example("sched/ostep-stcf.yaml"), "--json");
        var fromLine = Json("sched", "-p", "stcf", "--jobs", "0:100,10:10,10:10", "--json");

        Assert.Equal(fromLine.GetProperty("timeline").ToString(), fromFile.GetProperty("timeline").ToString());
        Assert.Equal(3, Json("sched", "-p", "priority", "--file", CliRunner.Example("sched/priority.json"), "--json").GetProperty("jobs").GetArrayLength());
    }

    [Fact]
    public void Sched_RandomSameSeed_SameRunDifferentSeedDifferent()
    {
        string Run(string seed) => Json("sched", "-p", "rr", "--random", "20", "--seed", seed, "--max-length", "30", "--json").GetProperty("jobs").ToString();

        Assert.Equal(Run("4"), Run("4"));
        Assert.NotEqual(Run("4"), Run("5"));
    }

    [Fact]
    public void Sched_MlfqOptions_BoostChangesWhenNewcomerRuns()
    {
        long FirstRunOfB(params string[] extra) =>
            Json(["sched", "-p", "mlfq", "--jobs", "0:100,55:10", "-q", "10", "--json", .. extra]).GetProperty("jobs")[1].GetProperty("first_run").GetInt64();

        Assert.Equal(55, FirstRunOfB());
        Assert.Equal(60, FirstRunOfB("--boost", "50"));
    }

    [Fact]
    public void Sched_Svg_WrittenDeterministicallyWithOneBarPerSegment()
    {
        using var dir = new TempDirectory();
        string a = Path.Combine(dir.Path, "a.svg"), b = Path.Combine(dir.Path, "b.svg");
        CliRunner.Run("sched", "-p", "rr", "-q", "2", "--jobs", "4,4:io=1/2", "--svg", a);
        CliRunner.Run("sched", "-p", "rr", "-q", "2", "--jobs", "4,4:io=1/2", "--svg", b);

        string svg = File.ReadAllText(a);
        Assert.Equal(svg, File.ReadAllText(b));
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        var json = Json("sched", "-p", "rr", "-q", "2", "--jobs", "4,4:io=1/2", "--json");
        Assert.Equal(json.GetProperty("timeline").GetArrayLength(), CountOf(svg, "class=\"run\""));
        Assert.Equal(json.GetProperty("io").GetArrayLength(), CountOf(svg, "class=\"io\""));
    }

    [Fact]
    public void Compare_FivePolicies_OneRowEachAndOneSvg()
    {
        using var dir = new TempDirectory();
        string svg = Path.Combine(dir.Path, "c.svg");
        var root = Json("sched", "compare", "--jobs", "0:100,10:10,10:10", "--policies", "fifo,sjf,stcf,rr,mlfq,cfs", "--svg", svg, "--json");

        var policies = root.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal(["fifo", "sjf", "stcf", "rr", "mlfq", "cfs"], policies.Select(p => p.GetProperty("policy").GetString()));
        Assert.Equal(103.33, policies[0].GetProperty("average").GetProperty("turnaround").GetDouble(), 2);
        Assert.Equal(50, policies[2].GetProperty("average").GetProperty("turnaround").GetDouble());
        Assert.Equal(6, CountOf(File.ReadAllText(svg), "font-weight=\"bold\""));
    }

    [Fact]
    public void Compare_Human_BestMarkedPerColumn()
    {
        var (code, output, _) = CliRunner.Run("sched", "compare", "--jobs", "5,5,5", "--policies", "fifo,rr", "-q", "1");

        Assert.Equal(0, code);
        // Three jobs of 5: fifo wins turnaround (10 against 14), rr wins response (1 against 5) and fairness.
        Assert.Matches(@"│ fifo\s+│\s+5\s+│\s+10 \*\s+│", output);
        Assert.Matches(@"│ rr\s+│\s+1 \*\s+│\s+14\s+│", output);
    }

    [Theory]
    [InlineData(new[] { "-p", "rr", "--jobs", "0:" }, "arbiter: --jobs: job A ('0:'): empty field")]
    [InlineData(new[] { "-p", "rr", "--jobs", "10,io=4" }, "arbiter: --jobs: job B ('io=4'): io: expected EVERY/DURATION")]
    [InlineData(new[] { "-p", "rr", "--jobs", "10,-5" }, "arbiter: --jobs: job B ('-5'): length must be at least 1 (got -5)")]
    [InlineData(new[] { "-p", "round", "--jobs", "1" }, "arbiter: --policy: unknown policy 'round'")]
    [InlineData(new[] { "--jobs", "1" }, "arbiter: --policy: give a policy")]
    [InlineData(new[] { "-p", "rr" }, "arbiter: give the jobs")]
    [InlineData(new[] { "-p", "rr", "--jobs", "1", "--random", "3" }, "arbiter: give only one of --jobs, --file and --random")]
    [InlineData(new[] { "-p", "rr", "--jobs", "1", "-q", "0" }, "arbiter: --quantum: must be between 1 and")]
    [InlineData(new[] { "-p", "mlfq", "--jobs", "1", "--queues", "2", "--quanta", "1,2,3" }, "arbiter: --quanta: 3 value(s) for 2 queue(s)")]
    [InlineData(new[] { "-p", "mlfq", "--jobs", "1", "--allotments", "1,x,1" }, "arbiter: --allotments: 'x' is not a whole number")]
    [InlineData(new[] { "-p", "rr", "--random", "0" }, "arbiter: --random: must be between 1 and")]
    [InlineData(new[] { "-p", "rr", "--jobs", "1", "--cpus", "0" }, "arbiter: --cpus: must be between 1 and 1024")]
    [InlineData(new[] { "-p", "rr", "--file", "/nonexistent/w.yaml" }, "arbiter: /nonexistent/w.yaml: no such file")]
    [InlineData(new[] { "compare", "--jobs", "1", "--policies", "fifo,nope" }, "arbiter: --policies: unknown policy 'nope'")]
    [InlineData(new[] { "compare", "--jobs", "1", "--policies", "rr,rr" }, "arbiter: --policies: 'rr' is listed twice")]
    public void Sched_BadInput_OneLineErrorExitTwo(string[] args, string message)
    {
        var (code, output, error) = CliRunner.Run(["sched", .. args]);

        Assert.Equal(ArbiterApp.BadInput, code);
        Assert.Equal("", output);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Sched_BadInputWithSvg_NoFileWritten()
    {
        using var dir = new TempDirectory();
        var (code, _, _) = CliRunner.Run("sched", "-p", "rr", "--jobs", "5,x", "--svg", Path.Combine(dir.Path, "g.svg"));

        Assert.Equal(2, code);
        Assert.Empty(dir.Files());
    }

    [Theory]
    [InlineData("jobs: []", "w.yaml:1: jobs: the workload has no jobs")]
    [InlineData("jobs:\n  - {arrival: 1}", "w.yaml:2: jobs[0]: missing field 'length'")]
    [InlineData("jobs:\n  - {length: 5}\n  - {length: -2}", "w.yaml:3: jobs[1].length: must be at least 1 (got -2)")]
    [InlineData("jobs:\n  - {length: 5, io: 4}", "w.yaml:2: jobs[0].io: expected EVERY/DURATION")]
    [InlineData("jobs:\n  - {length: 5, tickts: 4}", "w.yaml:2: jobs[0].tickts: unknown field 'tickts' (did you mean 'tickets'?)")]
    [InlineData("jobs:\n  - {name: A, length: 5}\n  - {name: A, length: 5}", "w.yaml:3: jobs[1].name: job name 'A' is used twice")]
    public void WorkloadFile_Malformed_NamesFileLineAndField(string text, string message)
    {
        var e = Assert.Throws<InputException>(() => WorkloadFile.Parse("w.yaml", text));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_HasExamples()
    {
        var (code, output, _) = CliRunner.Run("sched", "--help");
        var (code2, output2, _) = CliRunner.Run("sched", "compare", "--help");

        Assert.Equal(0, code + code2);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
        Assert.Contains("Examples:", output2, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
