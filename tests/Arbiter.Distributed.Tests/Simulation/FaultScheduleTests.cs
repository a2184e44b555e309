using Arbiter.Distributed.Simulation;

namespace Arbiter.Distributed.Tests.Simulation;

public class FaultScheduleTests
{
    [Fact]
    public void Parse_IssueExample_PartitionHealCrashRestart()
    {
        var schedule = FaultSchedule.Parse("partition {1,2}|{3,4,5} at 2s, heal at 5s, crash 3 at 6s, restart 3 at 8s");

        Assert.Equal(4, schedule.Faults.Count);
        Assert.Equal(FaultKind.Partition, schedule.Faults[0].Kind);
        Assert.Equal([[1, 2], [3, 4, 5]], schedule.Faults[0].Groups!.Select(g => g.ToArray()));
        Assert.Equal(TimeSpan.FromSeconds(2), schedule.Faults[0].At);
        Assert.Equal((FaultKind.Crash, 3, TimeSpan.FromSeconds(6)), (schedule.Faults[2].Kind, schedule.Faults[2].Node, schedule.Faults[2].At));
        Assert.Equal("partition {1,2}|{3,4,5} at 2s, heal at 5s, crash 3 at 6s, restart 3 at 8s", schedule.ToString());
    }

    [Fact]
    public void Parse_UnitsRatesAndOrder_SortedByTime()
    {
        var schedule = FaultSchedule.Parse(" loss 0.25 at 1.5s,duplicate 0.1 at 300ms ,crash 2 at 750us");

        Assert.Equal([TimeSpan.FromMicroseconds(750), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(1500)], schedule.Faults.Select(f => f.At));
        Assert.Equal(0.25, schedule.Faults[2].Rate);
        Assert.Empty(FaultSchedule.Parse("  ").Faults);
    }

    [Theory]
    [InlineData("partition {1,2} 2s", "fault schedule: at column 17: expected 'at', found '2'")]
    [InlineData("crash at 2s", "fault schedule: at column 7: expected a node id, found 'a'")]
    [InlineData("crash 3 at 2", "fault schedule: at column 13: expected a time unit (us, ms, s or m), found end of input")]
    [InlineData("explode 3 at 2s", "fault schedule: at column 1: unknown fault 'explode' (expected partition, heal, crash, restart, corrupt, loss or duplicate), found 'e'")]
    [InlineData("heal at 5s crash 3 at 6s", "fault schedule: at column 12: expected ',' or the end, found 'c'")]
    [InlineData("partition {1,2|{3} at 1s", "fault schedule: at column 15: expected ',' or '}', found '|'")]
    [InlineData("partition {1,2}|{2,3} at 1s", "fault schedule: at column 1: node 2 is in two groups of the partition, found 'p'")]
    [InlineData("loss 1.5 at 1s", "fault schedule: at column 6: expected a probability between 0 and 1, found '1'")]
    [InlineData("crash 0 at 1s", "fault schedule: at column 7: node id must be between 1 and 1000000, found '0'")]
    [InlineData("heal at 1s,", "fault schedule: at column 12: expected partition, heal, crash, restart, corrupt, loss or duplicate, found end of input")]
    public void Parse_Malformed_OneLineErrorNamingTheColumn(string text, string expected)
    {
        var error = Assert.Throws<FaultScheduleException>(() => FaultSchedule.Parse(text));

        Assert.Equal(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Validate_UnknownNode_NamesIt()
    {
        var error = Assert.Throws<FaultScheduleException>(() => FaultSchedule.Parse("crash 7 at 1s").Validate([1, 2, 3]));

        Assert.Equal("fault schedule: 'crash 7 at 1s': there is no node 7 (nodes are 1,2,3)", error.Message);
    }

    [Fact]
    public void Nemesis_SameSeed_SameScheduleThatParsesBack()
    {
        var a = Nemesis.Generate(NemesisOptions.Default, NodeIds.Range(5), 11);
        var b = Nemesis.Generate(NemesisOptions.Default, NodeIds.Range(5), 11);
        var c = Nemesis.Generate(NemesisOptions.Default, NodeIds.Range(5), 12);

        Assert.Equal(a.ToString(), b.ToString());
        Assert.NotEqual(a.ToString(), c.ToString());
        Assert.Equal(a.ToString(), FaultSchedule.Parse(a.ToString()).ToString());
    }

    [Fact]
    public void Nemesis_AnySeed_MinorityDownAndEverythingHealedByTheEnd()
    {
        var options = NemesisOptions.Default with { CrashRate = 5, PartitionRate = 2 };
        for (int seed = 1; seed <= 200; seed++)
        {
            var schedule = Nemesis.Generate(options, NodeIds.Range(5), seed);
            var down = new HashSet<int>();
            bool partitioned = false;
            foreach (Fault fault in schedule.Faults)
            {
                Assert.True(fault.At <= options.Until);
                switch (fault.Kind)
                {
                    case FaultKind.Crash: Assert.True(down.Add(fault.Node)); break;
                    case FaultKind.Restart: Assert.True(down.Remove(fault.Node)); break;
                    case FaultKind.Partition: Assert.False(partitioned); partitioned = true; break;
                    case FaultKind.Heal: partitioned = false; break;
                }

                Assert.True(down.Count <= 2);
            }

            Assert.Empty(down);
            Assert.False(partitioned);
        }
    }
}
