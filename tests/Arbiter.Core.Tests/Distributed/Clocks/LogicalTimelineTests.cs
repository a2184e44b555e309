using Arbiter.Core.Distributed.Clocks;

namespace Arbiter.Core.Tests.Distributed.Clocks;

public class LogicalTimelineTests
{
    /// <summary>
    /// The seed's exercise (week 9, Exercise ②): P1 sends to P2, then P2 to P3, then P3 to P1. By hand, with IR1/IR2:
    /// P1 send 1; P2 receive max(0,1)+1 = 2, send 3; P3 receive max(0,3)+1 = 4, send 5; P1 receive max(1,5)+1 = 6.
    /// Vectors: [1,0,0] [1,1,0] [1,2,0] [1,2,1] [1,2,2] [2,2,2].
    /// </summary>
    [Fact]
    public void Build_SeedExerciseRing_HandComputedTimestamps()
    {
        var timeline = LogicalTimeline.Build(3, [new(1, 2), new(2, 3), new(3, 1)]);

        Assert.Equal(["P1.1", "P2.1", "P2.2", "P3.1", "P3.2", "P1.2"], timeline.Events.Select(e => e.Name));
        Assert.Equal([1L, 2, 3, 4, 5, 6], timeline.Events.Select(e => e.Lamport));
        Assert.Equal(["[1,0,0]", "[1,1,0]", "[1,2,0]", "[1,2,1]", "[1,2,2]", "[2,2,2]"], timeline.Events.Select(e => e.Vector.ToString()));
        Assert.Equal(PartialOrder.Before, timeline.Relation(0, 5));
    }

    [Fact]
    public void Build_IndependentLocalEvents_ConcurrentButLamportOrdered()
    {
        // P1.a and P2.b share no message: concurrent, although Lamport gives them 1 and 1 (and would order P1.a < P2.2).
        var timeline = LogicalTimeline.Build(2, [new(1, Label: "a"), new(2, Label: "b"), new(2)]);

        Assert.Equal(PartialOrder.Concurrent, timeline.Relation(0, 1));
        Assert.Equal(PartialOrder.Concurrent, timeline.Relation(0, 2));
        Assert.Equal(PartialOrder.Before, timeline.Relation(1, 2));
        Assert.Equal(1, timeline.Events[0].Lamport);
        Assert.Equal(2, timeline.Events[2].Lamport);
    }

    [Fact]
    public void Build_ReceiveOfOldMessage_TakesMaxPlusOne()
    {
        // P2 has ticked three times before P1's message (stamp 1) arrives: max(3, 1) + 1 = 4.
        var timeline = LogicalTimeline.Build(2, [new(2), new(2), new(2), new(1, 2)]);

        Assert.Equal(4, timeline.Events[^1].Lamport);
        Assert.Equal("[1,4]", timeline.Events[^1].Vector.ToString());
    }

    [Fact]
    public void Build_ProcessOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LogicalTimeline.Build(2, [new(1, 3)]));
    }
}
