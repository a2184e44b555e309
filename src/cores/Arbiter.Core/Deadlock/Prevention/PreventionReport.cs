namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>The outcome of checking an <see cref="AcquisitionScript"/> against one prevention policy.</summary>
/// <param name="Policy">The policy checked, e.g. "resource-ordering".</param>
/// <param name="Violations">Every violation, ordered by process, then step, then resource order.</param>
public sealed record PreventionReport(string Policy, IReadOnlyList<PreventionViolation> Violations)
{
    /// <summary>True when the script obeys the policy.</summary>
    public bool Ok => Violations.Count == 0;

    /// <summary>The first violation (lowest process, then step), or null when <see cref="Ok"/>.</summary>
    public PreventionViolation? First => Violations.Count == 0 ? null : Violations[0];
}
