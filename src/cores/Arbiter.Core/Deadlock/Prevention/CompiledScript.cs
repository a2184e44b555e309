namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>
/// A validated <see cref="AcquisitionScript"/> in index form: every step as a per-resource amount vector. Shared by
/// the static checks and the simulation so that they agree on what a script means.
/// </summary>
internal sealed class CompiledScript
{
    private CompiledScript(string[] resources, int[] instances, string[] processes, int[][][] steps, StepKind[][] kinds)
    {
        Resources = resources;
        Instances = instances;
        Processes = processes;
        Steps = steps;
        Kinds = kinds;
    }

    public string[] Resources { get; }

    public int[] Instances { get; }

    public string[] Processes { get; }

    /// <summary>Steps[p][s][r] = instances of resource r that step s of process p acquires or releases.</summary>
    public int[][][] Steps { get; }

    public StepKind[][] Kinds { get; }

    public int ResourceCount => Resources.Length;

    /// <summary>Names, one per instance, of a vector (for messages and reports).</summary>
    public string[] Names(ReadOnlySpan<int> amount)
    {
        var names = new List<string>();
        for (int r = 0; r < amount.Length; r++)
        {
            for (int k = 0; k < amount[r]; k++)
            {
                names.Add(Resources[r]);
            }
        }

        return [.. names];
    }

    /// <summary>
    /// Validates the script: names known and unique, instance counts positive, releases only of what is held, and no
    /// process ever holding more instances than exist (such a step could never be granted, whatever the policy).
    /// </summary>
    public static CompiledScript Compile(AcquisitionScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        string[] resources = [.. script.Resources];
        int m = resources.Length;
        if (m == 0)
        {
            throw new AcquisitionScriptException("resources", "at least one resource is required");
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < m; r++)
        {
            if (string.IsNullOrWhiteSpace(resources[r]))
            {
                throw new AcquisitionScriptException($"resources[{r}]", "resource name is empty");
            }

            if (!index.TryAdd(resources[r], r))
            {
                throw new AcquisitionScriptException($"resources[{r}]", $"resource '{resources[r]}' is listed twice");
            }
        }

        CheckKeys(script.Instances, index, "instances");
        CheckKeys(script.Levels, index, "levels");
        var instances = new int[m];
        for (int r = 0; r < m; r++)
        {
            instances[r] = script.InstancesOf(resources[r]);
            if (instances[r] < 1)
            {
                throw new AcquisitionScriptException($"instances.{resources[r]}", $"resource '{resources[r]}' must have at least one instance, not {instances[r]}");
            }
        }

        int n = script.Processes.Count;
        var names = new string[n];
        var steps = new int[n][][];
        var kinds = new StepKind[n][];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int p = 0; p < n; p++)
        {
            ScriptProcess process = script.Processes[p];
            if (string.IsNullOrWhiteSpace(process.Name))
            {
                throw new AcquisitionScriptException($"processes[{p}].name", "process name is empty");
            }

            if (!seen.Add(process.Name))
            {
                throw new AcquisitionScriptException($"processes[{p}].name", $"process '{process.Name}' is listed twice");
            }

            names[p] = process.Name;
            steps[p] = new int[process.Steps.Count][];
            kinds[p] = new StepKind[process.Steps.Count];
            var held = new int[m];
            for (int s = 0; s < process.Steps.Count; s++)
            {
                ScriptStep step = process.Steps[s];
                string at = $"processes[{p}].steps[{s}]";
                if (step.Resources.Count == 0)
                {
                    throw new AcquisitionScriptException(at, $"{process.Name}: step {s} names no resource");
                }

                var amount = new int[m];
                foreach (string name in step.Resources)
                {
                    if (!index.TryGetValue(name, out int r))
                    {
                        throw new AcquisitionScriptException(at, $"{process.Name}: step {s} names unknown resource '{name}'");
                    }

                    amount[r]++;
                }

                for (int r = 0; r < m; r++)
                {
                    if (step.Kind == StepKind.Acquire)
                    {
                        held[r] += amount[r];
                        if (held[r] > instances[r])
                        {
                            throw new AcquisitionScriptException(at,
                                $"{process.Name}: step {s} would hold {held[r]} of {resources[r]}, but only {instances[r]} exist");
                        }
                    }
                    else
                    {
                        held[r] -= amount[r];
                        if (held[r] < 0)
                        {
                            throw new AcquisitionScriptException(at,
                                $"{process.Name}: step {s} releases {resources[r]}, which it does not hold");
                        }
                    }
                }

                steps[p][s] = amount;
                kinds[p][s] = step.Kind;
            }
        }

        return new CompiledScript(resources, instances, names, steps, kinds);
    }

    /// <summary>
    /// Walks every process's steps on its own (what a process holds depends only on its own script) and calls
    /// <paramref name="onAcquire"/> with the process, step, what is held before the step and what the step takes.
    /// </summary>
    public void ForEachAcquisition(Action<int, int, int[], int[]> onAcquire)
    {
        int m = ResourceCount;
        for (int p = 0; p < Processes.Length; p++)
        {
            var held = new int[m];
            for (int s = 0; s < Steps[p].Length; s++)
            {
                int[] amount = Steps[p][s];
                if (Kinds[p][s] == StepKind.Acquire)
                {
                    onAcquire(p, s, held, amount);
                }

                int sign = Kinds[p][s] == StepKind.Acquire ? 1 : -1;
                for (int r = 0; r < m; r++)
                {
                    held[r] += sign * amount[r];
                }
            }
        }
    }

    private static void CheckKeys(IReadOnlyDictionary<string, int>? map, Dictionary<string, int> index, string field)
    {
        if (map is null)
        {
            return;
        }

        foreach (string key in map.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(key))
            {
                throw new AcquisitionScriptException($"{field}.{key}", $"{field} names unknown resource '{key}'");
            }
        }
    }
}
