namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>
/// Prevention by a lock hierarchy (the "hierarchical locking" of real kernels; a resource ordering by levels,
/// Silberschatz §8.5.4): every resource has a level and a process may acquire a resource only if its level is
/// strictly lower than the level of everything it holds — "always acquire a higher-level lock before a lower-level
/// one". Two resources of the same level are never held together. Cost O(S·m) for S steps and m resources.
/// </summary>
public static class LockHierarchy
{
    /// <summary>The policy name used in reports.</summary>
    public const string PolicyName = "lock-hierarchy";

    /// <summary>Checks every acquisition of the script against <see cref="AcquisitionScript.Levels"/>.</summary>
    /// <exception cref="AcquisitionScriptException">The script is invalid, or some resources have no level (all are named).</exception>
    public static PreventionReport Check(AcquisitionScript script)
    {
        CompiledScript compiled = CompiledScript.Compile(script);
        string[] missing = [.. compiled.Resources.Where(r => script.Levels is null || !script.Levels.ContainsKey(r))];
        if (missing.Length > 0)
        {
            throw new AcquisitionScriptException("levels", $"no hierarchy level for {string.Join(", ", missing)}");
        }

        int[] level = [.. compiled.Resources.Select(r => script.Levels![r])];
        var violations = new List<PreventionViolation>();
        compiled.ForEachAcquisition((p, s, held, amount) =>
        {
            // The binding constraint is the lowest level held (first in resource order on ties).
            int lowest = -1;
            for (int r = 0; r < held.Length; r++)
            {
                if (held[r] > 0 && (lowest < 0 || level[r] < level[lowest]))
                {
                    lowest = r;
                }
            }

            if (lowest < 0)
            {
                return;
            }

            for (int r = 0; r < amount.Length; r++)
            {
                if (amount[r] == 0 || level[r] < level[lowest])
                {
                    continue;
                }

                string resource = compiled.Resources[r];
                string low = compiled.Resources[lowest];
                string explanation = level[r] == level[lowest]
                    ? $"{compiled.Processes[p]} acquires {resource} (level {level[r]}) while holding {low} of the same level: locks of one level may not be held together"
                    : $"{compiled.Processes[p]} acquires {resource} (level {level[r]}) while holding {low} (level {level[lowest]}): acquire the higher-level lock {resource} before the lower-level {low}";
                violations.Add(new PreventionViolation(compiled.Processes[p], p, s, resource, compiled.Names(held), explanation));
            }
        });
        return new PreventionReport(PolicyName, violations);
    }
}
