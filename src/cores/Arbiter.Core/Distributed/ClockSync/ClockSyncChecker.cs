using System.Globalization;

namespace Arbiter.Core.Distributed.ClockSync;

/// <summary>
/// Checks clock synchronisation against true time, which only the simulator knows: whenever a node corrects its
/// clock claiming an error bound, the corrected clock (local clock + offset) must be within that bound of the
/// reference (true time: the server's clock is perfect in these runs), give or take <see cref="Tolerance"/> for the
/// drift since the sample was taken.
/// </summary>
/// <param name="tolerance">Slack added to every claimed bound.</param>
public sealed class ClockSyncChecker(TimeSpan tolerance)
{
    private readonly List<string> violations = [];

    /// <summary>Violations found so far.</summary>
    public IReadOnlyList<string> Violations => violations;

    /// <summary>Slack added to every claimed bound (drift during and since the measurement).</summary>
    public TimeSpan Tolerance => tolerance;

    /// <summary>Corrections seen.</summary>
    public int Corrections { get; private set; }

    /// <summary>The largest |corrected − true| seen at a correction.</summary>
    public TimeSpan WorstError { get; private set; }

    /// <summary>Feeds one observation made at true time <paramref name="at"/> when the node's local clock read <paramref name="local"/>.</summary>
    public void Observe(TimeSpan at, TimeSpan local, object observation)
    {
        if (observation is not ClockCorrected corrected)
        {
            return;
        }

        Corrections++;
        TimeSpan error = (local + corrected.Offset - at).Duration();
        if (error > WorstError)
        {
            WorstError = error;
        }

        if (corrected.ErrorBound is { } bound && error > bound + tolerance)
        {
            violations.Add(string.Create(CultureInfo.InvariantCulture,
                $"at {at.TotalMilliseconds:0.###} ms node {corrected.Node}'s corrected clock is {error.TotalMilliseconds:0.###} ms off true time, beyond its bound of {bound.TotalMilliseconds:0.###} ms"));
        }
    }
}
