using System.Diagnostics;

namespace Arbiter.Core.Resources;

/// <summary>
/// The resource ledger: resource types with instance counts and, per process, its allocation, maximum claim and
/// outstanding request (Silberschatz's Available / Allocation / Max / Request, with Need = Max − Allocation).
/// This one model is shared by the Banker's algorithm, the detection algorithm, the resource-allocation graph and
/// recovery; later the lock validator and the admission controller drive it.
/// </summary>
/// <remarks>
/// Matrices are stored flat and row-major (process × resource) so that the algorithms can scan them without
/// indirection or allocation. The ledger is mutable: <see cref="Grant"/>, <see cref="Release"/> and
/// <see cref="SetRequest"/> keep <c>available + Σ allocation = total</c> at every step (asserted in debug builds).
/// </remarks>
public sealed class ResourceLedger
{
    private readonly string[] _resources;
    private readonly int[] _total;
    private readonly int[] _available;
    private readonly int[] _allocation;
    private readonly int[] _max;
    private readonly int[] _request;
    private readonly bool[] _hasMax;
    private readonly ProcessInfo[] _processes;
    private readonly int[] _checkpoint;
    private readonly Dictionary<string, int> _processIndex;
    private readonly Dictionary<string, int> _resourceIndex;

    private ResourceLedger(
        string[] resources, int[] total, int[] available, int[] allocation, int[] max, int[] request,
        bool[] hasMax, ProcessInfo[] processes, int[] checkpoint)
    {
        _resources = resources;
        _total = total;
        _available = available;
        _allocation = allocation;
        _max = max;
        _request = request;
        _hasMax = hasMax;
        _processes = processes;
        _checkpoint = checkpoint;
        _processIndex = new Dictionary<string, int>(processes.Length, StringComparer.Ordinal);
        for (int p = 0; p < processes.Length; p++)
        {
            _processIndex[processes[p].Name] = p;
        }

        _resourceIndex = new Dictionary<string, int>(resources.Length, StringComparer.Ordinal);
        for (int r = 0; r < resources.Length; r++)
        {
            _resourceIndex[resources[r]] = r;
        }
    }

    /// <summary>Number of resource types (m).</summary>
    public int ResourceCount => _resources.Length;

    /// <summary>Number of processes (n).</summary>
    public int ProcessCount => _processes.Length;

    /// <summary>Resource type names in column order.</summary>
    public IReadOnlyList<string> ResourceNames => _resources;

    /// <summary>Instances of each type.</summary>
    public ReadOnlySpan<int> Total => _total;

    /// <summary>Free instances of each type.</summary>
    public ReadOnlySpan<int> Available => _available;

    /// <summary>The allocation matrix, row-major n × m.</summary>
    public ReadOnlySpan<int> AllocationMatrix => _allocation;

    /// <summary>The maximum-claim matrix, row-major n × m.</summary>
    public ReadOnlySpan<int> MaxMatrix => _max;

    /// <summary>The outstanding-request matrix, row-major n × m.</summary>
    public ReadOnlySpan<int> RequestMatrix => _request;

    /// <summary>True when every resource type has exactly one instance (a cycle then means deadlock).</summary>
    public bool IsSingleInstance => Array.TrueForAll(_total, t => t == 1);

    /// <summary>True when every process declared a maximum claim, as the Banker's algorithm requires.</summary>
    public bool AllClaimsDeclared => Array.TrueForAll(_hasMax, h => h);

    /// <summary>The scalar attributes of process <paramref name="p"/>.</summary>
    public ProcessInfo Process(int p) => _processes[p];

    /// <summary>Name of process <paramref name="p"/>.</summary>
    public string ProcessName(int p) => _processes[p].Name;

    /// <summary>Whether process <paramref name="p"/> declared a maximum claim.</summary>
    public bool HasDeclaredMax(int p) => _hasMax[p];

    /// <summary>Index of the named process, or −1.</summary>
    public int IndexOfProcess(string name) => _processIndex.TryGetValue(name, out int p) ? p : -1;

    /// <summary>Index of the named resource type, or −1.</summary>
    public int IndexOfResource(string name) => _resourceIndex.TryGetValue(name, out int r) ? r : -1;

    /// <summary>Row of the allocation matrix for process <paramref name="p"/>.</summary>
    public ReadOnlySpan<int> Allocation(int p) => _allocation.AsSpan(p * _resources.Length, _resources.Length);

    /// <summary>Row of the maximum-claim matrix for process <paramref name="p"/>.</summary>
    public ReadOnlySpan<int> Max(int p) => _max.AsSpan(p * _resources.Length, _resources.Length);

    /// <summary>Row of the request matrix for process <paramref name="p"/>.</summary>
    public ReadOnlySpan<int> Request(int p) => _request.AsSpan(p * _resources.Length, _resources.Length);

    /// <summary>Allocation at the last checkpoint of process <paramref name="p"/> (what a rollback keeps).</summary>
    public ReadOnlySpan<int> Checkpoint(int p) => _checkpoint.AsSpan(p * _resources.Length, _resources.Length);

    /// <summary>Need = Max − Allocation for process <paramref name="p"/> and resource <paramref name="r"/>.</summary>
    public int Need(int p, int r) => _max[(p * _resources.Length) + r] - _allocation[(p * _resources.Length) + r];

    /// <summary>Need = Max − Allocation for process <paramref name="p"/>, written into <paramref name="destination"/>.</summary>
    public void Need(int p, Span<int> destination)
    {
        int m = _resources.Length;
        for (int r = 0; r < m; r++)
        {
            destination[r] = _max[(p * m) + r] - _allocation[(p * m) + r];
        }
    }

    /// <summary>The whole need matrix (Max − Allocation), row-major n × m, as a new array.</summary>
    public int[] NeedMatrix()
    {
        var need = new int[_allocation.Length];
        for (int i = 0; i < need.Length; i++)
        {
            need[i] = _max[i] - _allocation[i];
        }

        return need;
    }

    /// <summary>
    /// Moves <paramref name="amount"/> from available to process <paramref name="p"/>'s allocation and takes it off
    /// its outstanding request (down to zero). The caller has checked that it is available; a claim, if declared,
    /// grows to cover the allocation only if the caller allows it through <paramref name="allowBeyondClaim"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not enough is available, or the grant exceeds the declared claim.</exception>
    public void Grant(int p, ReadOnlySpan<int> amount, bool allowBeyondClaim = false)
    {
        int m = _resources.Length;
        CheckLength(amount);
        for (int r = 0; r < m; r++)
        {
            if (amount[r] < 0 || amount[r] > _available[r])
            {
                throw new InvalidOperationException($"cannot grant {amount[r]} of {_resources[r]} to {ProcessName(p)}: {_available[r]} available");
            }

            if (!allowBeyondClaim && _hasMax[p] && _allocation[(p * m) + r] + amount[r] > _max[(p * m) + r])
            {
                throw new InvalidOperationException($"cannot grant {amount[r]} of {_resources[r]} to {ProcessName(p)}: exceeds its declared claim");
            }
        }

        for (int r = 0; r < m; r++)
        {
            int i = (p * m) + r;
            _available[r] -= amount[r];
            _allocation[i] += amount[r];
            _request[i] = Math.Max(0, _request[i] - amount[r]);
            if (_allocation[i] > _max[i])
            {
                _max[i] = _allocation[i];
            }
        }

        AssertConserved();
    }

    /// <summary>Returns <paramref name="amount"/> of process <paramref name="p"/>'s allocation to available.</summary>
    /// <exception cref="InvalidOperationException">The process does not hold that much.</exception>
    public void Release(int p, ReadOnlySpan<int> amount)
    {
        int m = _resources.Length;
        CheckLength(amount);
        for (int r = 0; r < m; r++)
        {
            if (amount[r] < 0 || amount[r] > _allocation[(p * m) + r])
            {
                throw new InvalidOperationException($"{ProcessName(p)} cannot release {amount[r]} of {_resources[r]}: it holds {_allocation[(p * m) + r]}");
            }
        }

        for (int r = 0; r < m; r++)
        {
            _available[r] += amount[r];
            _allocation[(p * m) + r] -= amount[r];
        }

        AssertConserved();
    }

    /// <summary>Releases everything process <paramref name="p"/> holds and clears its request; returns what it held.</summary>
    public int[] ReleaseAll(int p)
    {
        int[] held = Allocation(p).ToArray();
        Release(p, held);
        _request.AsSpan(p * _resources.Length, _resources.Length).Clear();
        return held;
    }

    /// <summary>Sets the outstanding request of process <paramref name="p"/>.</summary>
    public void SetRequest(int p, ReadOnlySpan<int> request)
    {
        CheckLength(request);
        for (int r = 0; r < request.Length; r++)
        {
            if (request[r] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(request), $"negative request for {_resources[r]}");
            }
        }

        request.CopyTo(_request.AsSpan(p * _resources.Length, _resources.Length));
    }

    /// <summary>Replaces the scalar attributes of process <paramref name="p"/> (its name must stay the same).</summary>
    public void SetProcessInfo(int p, ProcessInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Name != _processes[p].Name)
        {
            throw new ArgumentException("a process cannot be renamed", nameof(info));
        }

        _processes[p] = info;
    }

    /// <summary>A deep copy that can be changed independently.</summary>
    public ResourceLedger Clone() => new(
        _resources, (int[])_total.Clone(), (int[])_available.Clone(), (int[])_allocation.Clone(), (int[])_max.Clone(),
        (int[])_request.Clone(), (bool[])_hasMax.Clone(), (ProcessInfo[])_processes.Clone(), (int[])_checkpoint.Clone());

    /// <summary>
    /// A new ledger without the given processes; what they held is returned to available (they were terminated).
    /// </summary>
    public ResourceLedger Without(IEnumerable<int> processes)
    {
        var gone = new HashSet<int>(processes);
        int m = _resources.Length;
        var keep = Enumerable.Range(0, ProcessCount).Where(p => !gone.Contains(p)).ToArray();
        var available = (int[])_available.Clone();
        foreach (int p in gone)
        {
            for (int r = 0; r < m; r++)
            {
                available[r] += _allocation[(p * m) + r];
            }
        }

        int[] Rows(int[] source)
        {
            var rows = new int[keep.Length * m];
            for (int i = 0; i < keep.Length; i++)
            {
                Array.Copy(source, keep[i] * m, rows, i * m, m);
            }

            return rows;
        }

        return new ResourceLedger(
            _resources, (int[])_total.Clone(), available, Rows(_allocation), Rows(_max), Rows(_request),
            keep.Select(p => _hasMax[p]).ToArray(), keep.Select(p => _processes[p]).ToArray(), Rows(_checkpoint));
    }

    /// <summary>The ledger as a spec (for writing the state back out, e.g. after recovery).</summary>
    public LedgerSpec ToSpec() => new(
        _resources,
        _total.ToArray(),
        _available.ToArray(),
        Enumerable.Range(0, ProcessCount).Select(p => new ProcessSpec(
            _processes[p].Name,
            Allocation(p).ToArray(),
            _hasMax[p] ? Max(p).ToArray() : null,
            Request(p).ToArray(),
            _processes[p].Priority,
            _processes[p].CpuTime,
            _processes[p].Rollbacks,
            Checkpoint(p).ToArray())).ToArray());

    /// <summary>
    /// Validates <paramref name="spec"/> and builds the ledger. Every inconsistency is reported with the field path
    /// and the process it concerns: unknown or duplicate names, vectors of the wrong length, negative numbers,
    /// allocation above total, max below allocation, total and available that disagree.
    /// </summary>
    /// <exception cref="LedgerValidationException">The spec does not add up.</exception>
    public static ResourceLedger FromSpec(LedgerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string[] resources = [.. spec.Resources];
        int m = resources.Length;
        if (m == 0)
        {
            throw new LedgerValidationException("resources", null, "at least one resource type is required");
        }

        var seenResources = new HashSet<string>(StringComparer.Ordinal);
        for (int r = 0; r < m; r++)
        {
            if (string.IsNullOrWhiteSpace(resources[r]))
            {
                throw new LedgerValidationException($"resources[{r}]", null, "resource name is empty");
            }

            if (!seenResources.Add(resources[r]))
            {
                throw new LedgerValidationException($"resources[{r}]", null, $"resource '{resources[r]}' is listed twice");
            }
        }

        int n = spec.Processes.Count;
        var allocation = new int[n * m];
        var max = new int[n * m];
        var request = new int[n * m];
        var checkpoint = new int[n * m];
        var hasMax = new bool[n];
        var infos = new ProcessInfo[n];
        var seenProcesses = new HashSet<string>(StringComparer.Ordinal);
        var allocated = new long[m];

        for (int p = 0; p < n; p++)
        {
            ProcessSpec ps = spec.Processes[p];
            string at = $"processes[{p}]";
            if (string.IsNullOrWhiteSpace(ps.Name))
            {
                throw new LedgerValidationException($"{at}.name", null, "process name is empty");
            }

            if (!seenProcesses.Add(ps.Name))
            {
                throw new LedgerValidationException($"{at}.name", ps.Name, $"process '{ps.Name}' is listed twice");
            }

            if (ps.Priority < 0 || ps.CpuTime < 0 || double.IsNaN(ps.CpuTime) || ps.Rollbacks < 0)
            {
                string field = ps.Priority < 0 ? "priority" : ps.Rollbacks < 0 ? "rollbacks" : "cpu_time";
                throw new LedgerValidationException($"{at}.{field}", ps.Name, $"{field} must not be negative");
            }

            infos[p] = new ProcessInfo(ps.Name, ps.Priority, ps.CpuTime, ps.Rollbacks);
            CopyRow(ps.Allocation, allocation, p, m, $"{at}.allocation", ps.Name, resources);
            CopyRow(ps.Request, request, p, m, $"{at}.request", ps.Name, resources);
            CopyRow(ps.Checkpoint, checkpoint, p, m, $"{at}.checkpoint", ps.Name, resources);
            hasMax[p] = ps.Max is not null;
            if (ps.Max is not null)
            {
                CopyRow(ps.Max, max, p, m, $"{at}.max", ps.Name, resources);
            }

            for (int r = 0; r < m; r++)
            {
                int i = (p * m) + r;
                allocated[r] += allocation[i];
                if (ps.Max is null)
                {
                    max[i] = allocation[i];
                }
                else if (max[i] < allocation[i])
                {
                    throw new LedgerValidationException($"{at}.max", ps.Name,
                        $"max {max[i]} of {resources[r]} is below its allocation {allocation[i]}");
                }

                if (checkpoint[i] > allocation[i])
                {
                    throw new LedgerValidationException($"{at}.checkpoint", ps.Name,
                        $"checkpoint {checkpoint[i]} of {resources[r]} is above its allocation {allocation[i]}");
                }
            }
        }

        int[] total = new int[m];
        int[] available = new int[m];
        if (spec.Total is null && spec.Available is null)
        {
            throw new LedgerValidationException("total", null, "give total or available (or both)");
        }

        if (spec.Total is not null)
        {
            CopyVector(spec.Total, total, "total", resources);
        }

        if (spec.Available is not null)
        {
            CopyVector(spec.Available, available, "available", resources);
        }

        for (int r = 0; r < m; r++)
        {
            if (spec.Total is not null && allocated[r] > total[r])
            {
                string who = string.Join(", ", Enumerable.Range(0, n).Where(p => allocation[(p * m) + r] > 0)
                    .Select(p => $"{infos[p].Name}={allocation[(p * m) + r]}"));
                throw new LedgerValidationException("total", null,
                    $"allocation of {resources[r]} adds up to {allocated[r]} ({who}), above total {total[r]}");
            }

            if (spec.Total is not null && spec.Available is not null && allocated[r] + available[r] != total[r])
            {
                throw new LedgerValidationException("available", null,
                    $"available {available[r]} of {resources[r]} disagrees with total {total[r]} minus allocated {allocated[r]} (= {total[r] - allocated[r]})");
            }

            if (spec.Total is null)
            {
                long sum = allocated[r] + available[r];
                if (sum > int.MaxValue)
                {
                    throw new LedgerValidationException("available", null, $"{resources[r]}: more than {int.MaxValue} instances");
                }

                total[r] = (int)sum;
            }
            else if (spec.Available is null)
            {
                available[r] = total[r] - (int)allocated[r];
            }
        }

        for (int p = 0; p < n; p++)
        {
            for (int r = 0; r < m; r++)
            {
                if (hasMax[p] && max[(p * m) + r] > total[r])
                {
                    throw new LedgerValidationException($"processes[{p}].max", infos[p].Name,
                        $"max {max[(p * m) + r]} of {resources[r]} exceeds the total {total[r]}");
                }

                if (allocation[(p * m) + r] + request[(p * m) + r] > total[r])
                {
                    throw new LedgerValidationException($"processes[{p}].request", infos[p].Name,
                        $"request {request[(p * m) + r]} of {resources[r]} plus allocation {allocation[(p * m) + r]} exceeds the total {total[r]}");
                }
            }
        }

        var ledger = new ResourceLedger(resources, total, available, allocation, max, request, hasMax, infos, checkpoint);
        ledger.AssertConserved();
        return ledger;
    }

    private static void CopyRow(IReadOnlyList<int>? row, int[] matrix, int p, int m, string field, string process, string[] resources)
    {
        if (row is null)
        {
            return;
        }

        if (row.Count != m)
        {
            throw new LedgerValidationException(field, process,
                $"expected {m} numbers ({string.Join(", ", resources)}), got {row.Count}");
        }

        for (int r = 0; r < m; r++)
        {
            if (row[r] < 0)
            {
                throw new LedgerValidationException(field, process, $"{resources[r]} is negative ({row[r]})");
            }

            matrix[(p * m) + r] = row[r];
        }
    }

    private static void CopyVector(IReadOnlyList<int> vector, int[] target, string field, string[] resources)
    {
        if (vector.Count != resources.Length)
        {
            throw new LedgerValidationException(field, null,
                $"expected {resources.Length} numbers ({string.Join(", ", resources)}), got {vector.Count}");
        }

        for (int r = 0; r < vector.Count; r++)
        {
            if (vector[r] < 0)
            {
                throw new LedgerValidationException(field, null, $"{resources[r]} is negative ({vector[r]})");
            }

            target[r] = vector[r];
        }
    }

    private void CheckLength(ReadOnlySpan<int> vector)
    {
        if (vector.Length != _resources.Length)
        {
            throw new ArgumentException($"expected a vector of {_resources.Length} numbers, got {vector.Length}");
        }
    }

    [Conditional("DEBUG")]
    private void AssertConserved()
    {
        int m = _resources.Length;
        for (int r = 0; r < m; r++)
        {
            long sum = _available[r];
            for (int p = 0; p < _processes.Length; p++)
            {
                sum += _allocation[(p * m) + r];
            }

            Debug.Assert(sum == _total[r] && _available[r] >= 0, $"ledger not conserved for {_resources[r]}");
        }
    }
}
