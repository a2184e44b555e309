namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>
/// Prevention by resource ordering (Havender 1968; Silberschatz, <i>Operating System Concepts</i>, §8.5.4
/// "Circular Wait"): impose a total order on resources (here: the order of <see cref="AcquisitionScript.Resources"/>)
/// and let a process acquire a resource only if it ranks strictly above everything it already holds. Every wait
/// then points to a higher-ranked resource, so a cycle of waits cannot close. Several resources acquired in one
/// (atomic) step are checked only against what was held before the step. Cost O(S·m) for S steps and m resources.
/// </summary>
public static class ResourceOrdering
{
    /// <summary>The policy name used in reports.</summary>
    public const string PolicyName = "resource-ordering";

    /// <summary>Checks every acquisition of the script; reports all violations.</summary>
    /// <exception cref="AcquisitionScriptException">The script itself is invalid.</exception>
    public static PreventionReport Check(AcquisitionScript script)
    {
        CompiledScript compiled = CompiledScript.Compile(script);
        var violations = new List<PreventionViolation>();
        compiled.ForEachAcquisition((p, s, held, amount) =>
        {
            int highest = Array.FindLastIndex(held, h => h > 0);
            for (int r = 0; r <= highest && r < amount.Length; r++)
            {
                if (amount[r] == 0)
                {
                    continue;
                }

                // A second instance of a resource already held is not "ranked above" it either: two processes
                // each holding one of two instances and waiting for the other would deadlock.
                string resource = compiled.Resources[r];
                string top = compiled.Resources[highest];
                string explanation = r == highest
                    ? $"{compiled.Processes[p]} acquires more {resource} while already holding {resource}: every instance of a resource must be requested in one step, and only above everything held, or a circular wait can form"
                    : $"{compiled.Processes[p]} acquires {resource} while holding {top}, but {resource} comes before {top} in the global order: acquire in increasing order ({resource} first) so that no circular wait can form";
                violations.Add(new PreventionViolation(compiled.Processes[p], p, s, resource, compiled.Names(held), explanation));
            }
        });
        return new PreventionReport(PolicyName, violations);
    }
}
