using System.Diagnostics;
using Arbiter.Core.Deadlock.Reduction;
using Arbiter.Core.Resources;

namespace Arbiter.Core.Deadlock.Prevention;

/// <summary>
/// A deterministic tick simulation of an <see cref="AcquisitionScript"/> with optional timeout-based locking
/// (seed week 4, "timeout-based locking"; the retry/backoff idea of Ethernet's and lock managers' backoff).
/// </summary>
/// <remarks>
/// <para>State is a <see cref="ResourceLedger"/>: a granted step is <see cref="ResourceLedger.Grant"/>, a release is
/// <see cref="ResourceLedger.Release"/>, a blocked acquisition is the process's outstanding request
/// (<see cref="ResourceLedger.SetRequest"/>). At the end of every tick the engine's detection
/// (<see cref="GraphReduction.ReduceByRequest"/>) reports any deadlock.</para>
/// <para>Each tick every process takes at most one step, in process order (or as <see cref="TimeoutRetryOptions.Schedule"/>
/// says). An acquisition is all-or-nothing: granted if every instance is free, else the process waits. A process
/// blocked since tick b gives up at tick t ≥ b + timeout if the acquisition still fails: it releases everything,
/// restarts its script from step 0 and, after its k-th timeout, sits out BackoffBase·(i+1)·k ticks (i its index).
/// Backoff proportional to index and attempt desynchronises symmetric processes deterministically.</para>
/// <para>The run ends when every process has finished; without the policy, when a tick in which every
/// unfinished process had its turn changed nothing (all are blocked for good); or at MaxTicks. Cost per tick:
/// O(n·m) for the steps plus one detection, O(m·n²) with the textbook reducer.</para>
/// </remarks>
public sealed class TimeoutRetrySimulation
{
    private readonly CompiledScript _script;
    private readonly TimeoutRetryOptions _options;
    private readonly ResourceLedger _ledger;
    private readonly int[] _step;
    private readonly bool[] _finished;
    private readonly int[] _blockedSince;
    private readonly int[] _backoffUntil;
    private readonly int[] _retries;
    private readonly List<SimulationEvent> _events = [];
    private int[] _currentlyDeadlocked = [];
    private int? _deadlockTick;
    private string[] _deadlocked = [];
    private bool _over;

    /// <summary>Prepares a run; no tick has happened yet.</summary>
    /// <exception cref="AcquisitionScriptException">The script is invalid.</exception>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public TimeoutRetrySimulation(AcquisitionScript script, TimeoutRetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _script = CompiledScript.Compile(script);
        _options = options;
        int n = _script.Processes.Length;
        if (options.Timeout is < 0)
        {
            throw new ArgumentException($"timeout must not be negative, got {options.Timeout}", nameof(options));
        }

        if (options.MaxTicks < 1 || options.BackoffBase < 0)
        {
            throw new ArgumentException("max ticks must be at least 1 and the backoff base not negative", nameof(options));
        }

        if (options.Schedule is not null)
        {
            for (int t = 0; t < options.Schedule.Count; t++)
            {
                IReadOnlyList<int> turn = options.Schedule[t];
                if (turn.Any(p => p < 0 || p >= n) || turn.Distinct().Count() != turn.Count)
                {
                    throw new ArgumentException($"schedule[{t}] must list distinct process indices below {n}", nameof(options));
                }
            }
        }

        _ledger = ResourceLedger.FromSpec(new LedgerSpec(
            _script.Resources, _script.Instances, null, [.. _script.Processes.Select(p => new ProcessSpec(p))]));
        _step = new int[n];
        _finished = new bool[n];
        _blockedSince = new int[n];
        _backoffUntil = new int[n];
        _retries = new int[n];
        Array.Fill(_blockedSince, -1);
        for (int p = 0; p < n; p++)
        {
            _finished[p] = _script.Steps[p].Length == 0;
        }

        _over = Array.TrueForAll(_finished, f => f);
    }

    /// <summary>Ticks simulated so far.</summary>
    public int Tick { get; private set; }

    /// <summary>True once the run has ended (see the remarks for when).</summary>
    public bool IsOver => _over;

    /// <summary>A copy of the current resource state (allocation = held, request = blocked acquisitions).</summary>
    public ResourceLedger LedgerSnapshot() => _ledger.Clone();

    /// <summary>Simulates one tick; returns false (and does nothing) once the run is over.</summary>
    public bool Step()
    {
        if (_over)
        {
            return false;
        }

        Tick++;
        int n = _script.Processes.Length;
        IReadOnlyList<int> turn = _options.Schedule is not null && Tick <= _options.Schedule.Count
            ? _options.Schedule[Tick - 1]
            : Enumerable.Range(0, n).ToArray();
        bool progress = false;
        foreach (int p in turn)
        {
            if (!_finished[p] && Tick > _backoffUntil[p])
            {
                progress |= Act(p);
            }
        }

        Detect();
        bool everyoneHadATurn = Enumerable.Range(0, n).All(p => _finished[p] || turn.Contains(p));
        if (Array.TrueForAll(_finished, f => f)
            || (_options.Timeout is null && everyoneHadATurn && !progress)
            || Tick >= _options.MaxTicks)
        {
            _over = true;
        }

        return true;
    }

    /// <summary>The report of the run so far (complete once <see cref="IsOver"/>).</summary>
    public TimeoutRetryReport Report()
    {
        bool completed = Array.TrueForAll(_finished, f => f);
        return new TimeoutRetryReport(
            _options.Timeout,
            completed,
            Tick,
            _script.Processes,
            [.. _retries],
            _deadlockTick,
            _deadlocked,
            _over && !completed && _options.Timeout is not null,
            [.. _events]);
    }

    /// <summary>Process <paramref name="p"/> takes its turn; true if the state changed.</summary>
    private bool Act(int p)
    {
        int[] amount = _script.Steps[p][_step[p]];
        string what = string.Join(", ", _script.Names(amount));
        if (_script.Kinds[p][_step[p]] == StepKind.Release)
        {
            _ledger.Release(p, amount);
            Log(p, SimulationEventKind.Release, $"releases {what}");
            Advance(p);
            return true;
        }

        if (Fits(amount))
        {
            _ledger.Grant(p, amount);
            Debug.Assert(_ledger.Request(p).IndexOfAnyExcept(0) < 0, "a granted step leaves no outstanding request");
            _blockedSince[p] = -1;
            Log(p, SimulationEventKind.Acquire, $"acquires {what}");
            Advance(p);
            return true;
        }

        if (_blockedSince[p] < 0)
        {
            _blockedSince[p] = Tick;
            _ledger.SetRequest(p, amount);
            Log(p, SimulationEventKind.Wait, $"waits for {Missing(p, amount)}");
        }

        if (_options.Timeout is int timeout && Tick - _blockedSince[p] >= timeout)
        {
            int waited = Tick - _blockedSince[p];
            int[] held = _ledger.ReleaseAll(p); // also clears the request: it no longer waits
            _retries[p]++;
            int backoff = _options.BackoffBase * (p + 1) * _retries[p];
            _backoffUntil[p] = Tick + backoff;
            _blockedSince[p] = -1;
            _step[p] = 0;
            string released = held.Any(h => h > 0) ? $"releases {string.Join(", ", _script.Names(held))}" : "holds nothing";
            Log(p, SimulationEventKind.Timeout,
                $"gives up on {what} after waiting {waited} tick(s): {released}, backs off {backoff} tick(s) and restarts (retry {_retries[p]})");
            return true;
        }

        return false;
    }

    private void Advance(int p)
    {
        _step[p]++;
        if (_step[p] < _script.Steps[p].Length)
        {
            return;
        }

        int[] held = _ledger.ReleaseAll(p);
        _finished[p] = true;
        Log(p, SimulationEventKind.Finish,
            held.Any(h => h > 0) ? $"finishes and releases {string.Join(", ", _script.Names(held))}" : "finishes");
    }

    private void Detect()
    {
        ReductionResult result = GraphReduction.ReduceByRequest(_ledger);
        int[] deadlocked = [.. result.Unfinished];
        if (deadlocked.AsSpan().SequenceEqual(_currentlyDeadlocked))
        {
            return;
        }

        _currentlyDeadlocked = deadlocked;
        if (deadlocked.Length == 0)
        {
            return;
        }

        if (_deadlockTick is null)
        {
            _deadlockTick = Tick;
            _deadlocked = [.. deadlocked.Select(p => _script.Processes[p])];
        }

        foreach (int p in deadlocked)
        {
            Log(p, SimulationEventKind.Deadlock, $"deadlocked: waits for {Missing(p, _ledger.Request(p).ToArray())}");
        }
    }

    private bool Fits(int[] amount)
    {
        ReadOnlySpan<int> available = _ledger.Available;
        for (int r = 0; r < amount.Length; r++)
        {
            if (amount[r] > available[r])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"B (held by P2)" for every resource of <paramref name="amount"/> that is short.</summary>
    private string Missing(int p, int[] amount)
    {
        var parts = new List<string>();
        for (int r = 0; r < amount.Length; r++)
        {
            if (amount[r] == 0 || amount[r] <= _ledger.Available[r])
            {
                continue;
            }

            string[] holders = [.. Enumerable.Range(0, _ledger.ProcessCount)
                .Where(q => q != p && _ledger.Allocation(q)[r] > 0).Select(q => _script.Processes[q])];
            parts.Add($"{_script.Resources[r]} (held by {string.Join(", ", holders)})");
        }

        return string.Join(", ", parts);
    }

    private void Log(int p, SimulationEventKind kind, string detail) =>
        _events.Add(new SimulationEvent(Tick, _script.Processes[p], kind, detail));
}
