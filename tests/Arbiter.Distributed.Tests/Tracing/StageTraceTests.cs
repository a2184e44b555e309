using Arbiter.Distributed.Tracing;

namespace Arbiter.Distributed.Tests.Tracing;

/// <summary>The trace is off unless its variable was set at start (the test run does not set it): marks cost nothing.</summary>
public class StageTraceTests
{
    [Fact]
    public void Mark_VariableNotSet_RecordsNothingAndTheDumpIsItsHeaderAlone()
    {
        Assert.Null(Environment.GetEnvironmentVariable(StageTrace.Variable));
        for (int i = 0; i < 1000; i++)
        {
            StageTrace.Mark(TraceStage.BatchStart);
        }

        string path = Path.GetTempFileName();
        try
        {
            StageTrace.Write(path);

            Assert.False(StageTrace.Enabled);
            Assert.Equal(0, StageTrace.Count);
            Assert.Matches(@"^# stage-trace pid \d+ frequency \d+ dropped 0$", Assert.Single(File.ReadAllLines(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
