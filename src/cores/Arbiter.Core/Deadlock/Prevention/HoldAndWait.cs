namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>
/// Prevention by denying hold-and-wait (Havender 1968; Silberschatz, <i>Operating System Concepts</i>, §8.5.2):
/// a process may request resources only while it holds none, so it asks for everything it needs at once (one
/// atomic step) and releases all before asking again. A process that waits then holds nothing anybody else waits
/// for. Cost O(S·m) for S steps and m resources.
/// </summary>
public static class HoldAndWait
{
    /// <summary>The policy name used in reports.</summary>
    public const string PolicyName = "hold-and-wait";

    /// <summary>Checks every acquisition of the script; reports all violations.</summary>
    /// <exception cref="AcquisitionScriptException">The script itself is invalid.</exception>
    public static PreventionReport Check(AcquisitionScript script)
    {
        CompiledScript compiled = CompiledScript.Compile(script);
        var violations = new List<PreventionViolation>();
        compiled.ForEachAcquisition((p, s, held, amount) =>
        {
            if (Array.TrueForAll(held, h => h == 0))
            {
                return;
            }

            string[] heldNames = compiled.Names(held);
            string holding = string.Join(", ", heldNames.Distinct());
            for (int r = 0; r < amount.Length; r++)
            {
                if (amount[r] > 0)
                {
                    violations.Add(new PreventionViolation(compiled.Processes[p], p, s, compiled.Resources[r], heldNames,
                        $"{compiled.Processes[p]} acquires {compiled.Resources[r]} while holding {holding}: without hold-and-wait a process must hold nothing when it asks, and ask for everything it needs at once"));
                }
            }
        });
        return new PreventionReport(PolicyName, violations);
    }
}
