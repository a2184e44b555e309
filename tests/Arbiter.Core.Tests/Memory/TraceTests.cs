using Arbiter.Core.Memory.Traces;

namespace Arbiter.Core.Tests.Memory;

public class TraceTests
{
    [Theory]
    [InlineData("1,2,3", new long[] { 1, 2, 3 })]
    [InlineData(" 7, 0 ,1 ", new long[] { 7, 0, 1 })]
    [InlineData("1 2\n3,4 # comment\n\n5", new long[] { 1, 2, 3, 4, 5 })]
    public void Parse_WellFormed_Pages(string text, long[] pages)
    {
        Assert.Equal(pages, TraceParser.Parse(text));
    }

    [Theory]
    [InlineData("1,,2", "item 2 is empty")]
    [InlineData("1,x", "item 2: 'x' is not a page number")]
    [InlineData("1,2,", "item 3 is empty")]
    [InlineData("1,-3", "item 2: '-3'")]
    [InlineData("1\n2 y", "line 2, item 3: 'y'")]
    [InlineData(" ", "empty")]
    public void Parse_Malformed_NamesTheBadItem(string text, string message)
    {
        var e = Assert.Throws<TraceFormatException>(() => TraceParser.Parse(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uniform_SameSeed_SameTraceWithinRange()
    {
        Assert.Equal(TraceGenerator.Uniform(100, 7, 3), TraceGenerator.Uniform(100, 7, 3));
        Assert.NotEqual(TraceGenerator.Uniform(100, 7, 3), TraceGenerator.Uniform(100, 7, 4));
        Assert.All(TraceGenerator.Uniform(1000, 7, 3), p => Assert.InRange(p, 0, 6));
    }

    [Fact]
    public void WorkingSet_FullLocality_LoopsOverTheWorkingSet()
    {
        Assert.Equal(new long[] { 0, 1, 2, 0, 1, 2, 0 }, TraceGenerator.WorkingSet(7, 3, 10, 1.0, 1));
    }
}
