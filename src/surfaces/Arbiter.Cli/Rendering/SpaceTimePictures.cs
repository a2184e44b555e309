using System.Globalization;
using Arbiter.Core.Distributed.Clocks;
using Arbiter.Distributed.Simulation;

namespace Arbiter.Cli.Rendering;

/// <summary>Builds <see cref="SpaceTimePicture"/>s from a logical timeline (<c>sim clocks</c>) or a simulator run.</summary>
internal static class SpaceTimePictures
{
    /// <summary>Most messages drawn from a run; a longer run is drawn up to there, with a note.</summary>
    public const int MaxRunMessages = 300;

    /// <summary>The timeline in logical order (one column per event), each event labelled with its stamps.</summary>
    public static SpaceTimePicture FromTimeline(LogicalTimeline timeline, string title)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var marks = timeline.Events.Select(e => new SpaceTimeMark(e.Process - 1, e.Index, SpaceTimeMarkKind.Event,
            FormattableString.Invariant($"{e.Name} L={e.Lamport} {e.Vector}"))).ToList();
        var arrows = timeline.Events.Where(e => e.Kind == TimelineEventKind.Send).Select(send =>
        {
            TimelineEvent receive = timeline.Events.First(r => r.Kind == TimelineEventKind.Receive && r.Message == send.Message);
            return new SpaceTimeArrow(send.Process - 1, send.Index, receive.Process - 1, receive.Index, send.Label ?? $"m{send.Message}", false);
        }).ToList();
        string[] processes = [.. Enumerable.Range(1, timeline.Processes).Select(p => $"P{p}")];
        return new SpaceTimePicture(title, "event order", processes, marks, arrows,
            ["Each event: name, Lamport timestamp, vector timestamp. a → b exactly when V(a) < V(b)."]);
    }

    /// <summary>
    /// A simulator run in true time (ms): sends, receives, timers, observations, crashes and restarts; dropped
    /// messages cut short. Needs a run with <see cref="SimulationOptions{TMessage, TRecord}.RecordTrace"/> on.
    /// </summary>
    public static SpaceTimePicture FromRun(SimulationResult result, string title)
    {
        ArgumentNullException.ThrowIfNull(result);
        var row = result.Members.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var sends = new Dictionary<long, TraceEvent>();
        var marks = new List<SpaceTimeMark>();
        var arrows = new List<SpaceTimeArrow>();
        int messages = 0;
        double cutoff = double.MaxValue;
        foreach (TraceEvent e in result.Trace)
        {
            double x = e.Time.Ticks / 1e4;
            if (x > cutoff)
            {
                break;
            }

            switch (e.Kind)
            {
                case TraceKind.Send:
                    sends[e.MessageId] = e;
                    if (++messages == MaxRunMessages)
                    {
                        cutoff = x;
                    }

                    marks.Add(new SpaceTimeMark(row[e.Node], x, SpaceTimeMarkKind.Event, null));
                    break;
                case TraceKind.Receive when sends.TryGetValue(e.MessageId, out TraceEvent? send):
                    arrows.Add(new SpaceTimeArrow(row[send.Node], send.Time.Ticks / 1e4, row[e.Node], x, Kind(e.Payload), false));
                    marks.Add(new SpaceTimeMark(row[e.Node], x, SpaceTimeMarkKind.Event, null));
                    break;
                case TraceKind.Drop when e.Node != 0 && sends.TryGetValue(e.MessageId, out TraceEvent? lost):
                    double arrive = Math.Max(x, lost.Time.Ticks / 1e4 + 0.5);
                    arrows.Add(new SpaceTimeArrow(row[lost.Node], lost.Time.Ticks / 1e4, row[e.Peer], arrive, $"{Kind(e.Payload)} ({e.Detail})", true));
                    break;
                case TraceKind.Input:
                    marks.Add(new SpaceTimeMark(row[e.Node], x, SpaceTimeMarkKind.Event, $"in: {Kind(e.Payload)}"));
                    break;
                case TraceKind.Output:
                    marks.Add(new SpaceTimeMark(row[e.Node], x, SpaceTimeMarkKind.Event, $"out: {Kind(e.Payload)}"));
                    break;
                case TraceKind.Timer:
                    marks.Add(new SpaceTimeMark(row[e.Node], x, SpaceTimeMarkKind.Timer, null));
                    break;
                case TraceKind.Observe:
                    marks.Add(new SpaceTimeMark(row[e.Node], x, SpaceTimeMarkKind.Observe, Kind(e.Payload)));
                    break;
                case TraceKind.Crash:
                    marks.Add(new SpaceTimeMark(row[e.Node], x, SpaceTimeMarkKind.Crash, "crash"));
                    break;
                case TraceKind.Start when e.Incarnation > 0:
                    marks.Add(new SpaceTimeMark(row[e.Node], x, SpaceTimeMarkKind.Restart, "restart"));
                    break;
            }
        }

        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"seed {result.Seed}: {result.Counters.Sent} sent, {result.Counters.Delivered} delivered, {result.Counters.Dropped} dropped; dot = send/receive, square = timer, diamond = observation, red cross = crash or drop"),
        };
        if (cutoff < double.MaxValue)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"drawn up to {cutoff:0.###} ms (the first {MaxRunMessages} messages) of {result.EndTime.TotalMilliseconds:0.###} ms"));
        }

        return new SpaceTimePicture(title, "true time (ms)", [.. result.Members.Select(m => $"P{m}")], marks, arrows, notes);
    }

    private static string? Kind(object? payload) => payload switch
    {
        null => null,
        string s => s,
        _ => payload.GetType().Name,
    };
}
