namespace Arbiter.Core.Distributed.Clocks;

/// <summary>
/// A space-time diagram given as a list of steps — the seeds' exercise "P1 sends to P2, then P2 sends to P3, then P3
/// sends to P1" — stamped with Lamport and vector timestamps, and able to tell happened-before between any pair.
/// </summary>
/// <remarks>
/// Stamps follow <see cref="LamportClock"/> (Lamport 1978, IR1–IR2) and <see cref="VectorClock"/> (Fidge 1988,
/// Mattern 1989). Happened-before is read from the vectors (a → b ⇔ V(a) &lt; V(b)). Cost: O(E·N) to build,
/// O(N) per pair.
/// </remarks>
public sealed class LogicalTimeline
{
    private LogicalTimeline(int processes, IReadOnlyList<TimelineEvent> events)
    {
        Processes = processes;
        Events = events;
    }

    /// <summary>How many processes (P1..Pn).</summary>
    public int Processes { get; }

    /// <summary>Every event, in the order the steps produced them.</summary>
    public IReadOnlyList<TimelineEvent> Events { get; }

    /// <summary>Stamps the events of <paramref name="steps"/> among <paramref name="processes"/> processes.</summary>
    public static LogicalTimeline Build(int processes, IEnumerable<TimelineStep> steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(processes);
        ArgumentNullException.ThrowIfNull(steps);
        var lamport = new LamportClock[processes];
        var vector = new VectorClock[processes];
        var counts = new int[processes];
        for (int p = 0; p < processes; p++)
        {
            lamport[p] = new LamportClock();
            vector[p] = new VectorClock(p, processes);
        }

        var events = new List<TimelineEvent>();
        int messages = 0;
        foreach (TimelineStep step in steps)
        {
            int from = Check(step.From, processes);
            if (step.To is not int toId)
            {
                events.Add(new TimelineEvent(events.Count, Name(from, ++counts[from]), step.From, TimelineEventKind.Local, 0, 0, step.Label,
                    lamport[from].Tick(), vector[from].Tick()));
                continue;
            }

            int to = Check(toId, processes);
            int message = ++messages;
            long sentL = lamport[from].Tick();
            VectorTimestamp sentV = vector[from].Tick();
            events.Add(new TimelineEvent(events.Count, Name(from, ++counts[from]), step.From, TimelineEventKind.Send, toId, message, step.Label, sentL, sentV));
            events.Add(new TimelineEvent(events.Count, Name(to, ++counts[to]), toId, TimelineEventKind.Receive, step.From, message, step.Label,
                lamport[to].Receive(sentL), vector[to].Receive(sentV)));
        }

        return new LogicalTimeline(processes, events);
    }

    /// <summary>How event <paramref name="a"/> relates to event <paramref name="b"/> (indexes into <see cref="Events"/>).</summary>
    public PartialOrder Relation(int a, int b) => Events[a].Vector.Compare(Events[b].Vector);

    private static string Name(int process, int number) => FormattableString.Invariant($"P{process + 1}.{number}");

    private static int Check(int process, int processes) =>
        process >= 1 && process <= processes ? process - 1 : throw new ArgumentOutOfRangeException(nameof(process), process, $"processes are P1..P{processes}");
}
