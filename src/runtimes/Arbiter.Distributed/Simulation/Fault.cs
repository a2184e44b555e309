using System.Globalization;

namespace Arbiter.Distributed.Simulation;

/// <summary>One step of a <see cref="FaultSchedule"/>.</summary>
/// <param name="At">True time at which it happens.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Node">The node crashed, restarted or corrupted; 0 otherwise.</param>
/// <param name="Groups">The groups of a partition (nodes named in no group form one more group); null otherwise.</param>
/// <param name="Rate">The probability set by <see cref="FaultKind.Loss"/> or <see cref="FaultKind.Duplicate"/>.</param>
public sealed record Fault(TimeSpan At, FaultKind Kind, int Node = 0, IReadOnlyList<IReadOnlyList<int>>? Groups = null, double Rate = 0)
{
    /// <summary>The fault in the schedule grammar: <c>partition {1,2}|{3,4,5} at 2s</c>.</summary>
    public override string ToString()
    {
        string at = FaultSchedule.FormatTime(At);
        return Kind switch
        {
            FaultKind.Partition => $"partition {string.Join('|', (Groups ?? []).Select(g => "{" + string.Join(',', g) + "}"))} at {at}",
            FaultKind.Heal => $"heal at {at}",
            FaultKind.Crash => $"crash {Node} at {at}",
            FaultKind.Restart => $"restart {Node} at {at}",
            FaultKind.CorruptTail => $"corrupt {Node} at {at}",
            FaultKind.Loss => string.Create(CultureInfo.InvariantCulture, $"loss {Rate} at {at}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"duplicate {Rate} at {at}"),
        };
    }
}
