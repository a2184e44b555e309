using System.Globalization;

namespace Arbiter.Distributed.Simulation;

/// <summary>
/// A scripted list of faults in time order, in the spirit of Jepsen's nemesis schedules:
/// <c>partition {1,2}|{3,4,5} at 2s, heal at 5s, crash 3 at 6s, restart 3 at 8s</c>.
/// </summary>
/// <remarks>
/// Grammar (spaces are free between tokens; times are a number and a unit, us, ms, s or m):
/// <code>
/// schedule := "" | item ("," item)*
/// item     := "partition" group ("|" group)* "at" time
///           | "heal" "at" time
///           | ("crash" | "restart" | "corrupt") node "at" time
///           | ("loss" | "duplicate") probability "at" time
/// group    := "{" node ("," node)* "}"
/// </code>
/// Nodes named in no group of a partition form one more group together, so <c>partition {1} at 1s</c> isolates node 1.
/// </remarks>
public sealed class FaultSchedule
{
    /// <summary>Creates a schedule; the faults are kept in time order (stable for equal times).</summary>
    public FaultSchedule(IEnumerable<Fault> faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        Faults = [.. faults.OrderBy(f => f.At)];
    }

    /// <summary>No faults.</summary>
    public static FaultSchedule None { get; } = new([]);

    /// <summary>The faults, in time order.</summary>
    public IReadOnlyList<Fault> Faults { get; }

    /// <summary>Parses a schedule; throws <see cref="FaultScheduleException"/> with a one-line message naming the column.</summary>
    public static FaultSchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new FaultScheduleParser(text).Parse();
    }

    /// <summary>Throws <see cref="FaultScheduleException"/> when the schedule names a node outside <paramref name="members"/>.</summary>
    public void Validate(IReadOnlyCollection<int> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        foreach (Fault fault in Faults)
        {
            IEnumerable<int> named = fault.Groups?.SelectMany(g => g) ?? (fault.Node != 0 ? [fault.Node] : []);
            foreach (int node in named)
            {
                if (!members.Contains(node))
                {
                    throw new FaultScheduleException($"fault schedule: '{fault}': there is no node {node} (nodes are {string.Join(',', members)})");
                }
            }
        }
    }

    /// <summary>The schedule in its grammar (parses back to the same schedule).</summary>
    public override string ToString() => string.Join(", ", Faults);

    internal static string FormatTime(TimeSpan time) =>
        time.Ticks % TimeSpan.TicksPerSecond == 0 ? string.Create(CultureInfo.InvariantCulture, $"{time.Ticks / TimeSpan.TicksPerSecond}s")
        : time.Ticks % TimeSpan.TicksPerMillisecond == 0 ? string.Create(CultureInfo.InvariantCulture, $"{time.Ticks / TimeSpan.TicksPerMillisecond}ms")
        : string.Create(CultureInfo.InvariantCulture, $"{time.Ticks / 10.0}us");
}
