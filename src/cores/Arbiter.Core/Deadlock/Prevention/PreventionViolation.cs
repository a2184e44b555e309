namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>One acquisition that breaks a prevention policy.</summary>
/// <param name="Process">Name of the process.</param>
/// <param name="ProcessIndex">Index of the process in the script.</param>
/// <param name="StepIndex">Index of the offending step in the process's steps (0-based).</param>
/// <param name="Resource">The resource whose acquisition breaks the rule.</param>
/// <param name="Held">What the process held just before the step, one name per instance, in resource order.</param>
/// <param name="Explanation">One line a learner understands: what happened and which rule it breaks.</param>
public sealed record PreventionViolation(
    string Process,
    int ProcessIndex,
    int StepIndex,
    string Resource,
    IReadOnlyList<string> Held,
    string Explanation);
