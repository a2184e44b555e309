using System.Diagnostics;
using Arbiter.Core.Scheduling.Policies;
using Arbiter.Core.Scheduling.Workload;

namespace Arbiter.Core.Scheduling.Simulation;

/// <summary>
/// The event-driven CPU scheduling engine shared by every policy (OSTEP ch. 7–9 simulators, but jumping from event to
/// event instead of ticking). Time is an integer tick; the clock jumps to the next event: an arrival, an I/O
/// completion, a running job reaching the end of its slice, its work or its next I/O, or a policy timer (MLFQ boost,
/// priority aging). At one instant, in this order: jobs leaving CPUs are accounted (finished, blocked, slice ended);
/// arrivals are queued in the order given, then I/O completions in the order the I/O was issued, then jobs whose
/// slice ended (so an arrival is queued ahead of a job preempted at the same moment); a due timer fires (for MLFQ,
/// after the running jobs are stopped); idle CPUs take jobs in CPU order; then a preemptive policy may displace the
/// running job it ranks worst, repeatedly. The engine owns work, I/O and metrics; <see cref="ISchedulingPolicy"/> owns
/// the queues. Cost: O(events · (cpus + policy decision)); events ≈ arrivals + I/Os + slices, independent of how many
/// ticks pass.
/// </summary>
public static class Simulator
{
    /// <summary>Runs <paramref name="jobs"/> under <paramref name="policy"/> (a fresh instance) to completion.</summary>
    public static SimulationResult Run(JobList jobs, ISchedulingPolicy policy, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(policy);
        options ??= new SimulationOptions();
        if (options.Cpus is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"cpus must be between 1 and 1024 (got {options.Cpus})");
        }

        return new Engine(jobs, policy, options).Run();
    }

    private sealed class Engine : IJobProgress
    {
        private readonly JobList _jobs;
        private readonly ISchedulingPolicy _policy;
        private readonly SimulationOptions _options;
        private readonly int _n, _cpus;
        private readonly long[] _remaining, _sinceIo, _firstRun, _completion, _blocked, _ioStart;
        private readonly double[] _windowCpu;
        private readonly int[] _running, _lastJob, _segment;
        private readonly long[] _dispatchAt, _settled, _stopAt;
        private readonly PriorityQueue<int, (long Time, long Sequence)> _io = new();
        private readonly List<RunSegment> _timeline = [];
        private readonly List<IoSegment> _ioSegments = [];
        private readonly long _windowStart;
        private long _windowEnd = -1;
        private long _now, _ioSequence, _busy, _switches, _events;

        public Engine(JobList jobs, ISchedulingPolicy policy, SimulationOptions options)
        {
            (_jobs, _policy, _options) = (jobs, policy, options);
            _n = jobs.Count;
            _cpus = options.Cpus;
            _remaining = new long[_n];
            _sinceIo = new long[_n];
            _firstRun = new long[_n];
            _completion = new long[_n];
            _blocked = new long[_n];
            _ioStart = new long[_n];
            _windowCpu = new double[_n];
            for (int j = 0; j < _n; j++)
            {
                _remaining[j] = jobs[j].Length;
                _firstRun[j] = -1;
            }

            _running = Enumerable.Repeat(-1, _cpus).ToArray();
            _lastJob = Enumerable.Repeat(-1, _cpus).ToArray();
            _segment = Enumerable.Repeat(-1, _cpus).ToArray();
            _dispatchAt = new long[_cpus];
            _settled = new long[_cpus];
            _stopAt = new long[_cpus];
            _windowStart = jobs.Jobs.Max(j => j.Arrival);
        }

        public long Remaining(int job) => _remaining[job];

        public SimulationResult Run()
        {
            _policy.Start(new SchedulingContext(_jobs, _cpus, this));
            int[] order = ArrivalOrder();
            int position = 0, done = 0, active = 0;
            var expired = new List<int>(_cpus);
            _now = _jobs[order[0]].Arrival;
            while (done < _n)
            {
                long t = NextEvent(order, position, active);
                Debug.Assert(t >= _now, "time never runs backwards");
                _now = t;
                Settle();

                // 1. Jobs leaving their CPUs at this instant.
                expired.Clear();
                bool finished = false;
                for (int c = 0; c < _cpus; c++)
                {
                    int j = _running[c];
                    if (j < 0 || _stopAt[c] != _now)
                    {
                        continue;
                    }

                    _events++;
                    if (_remaining[j] == 0)
                    {
                        Stop(c, StopReason.Finished);
                        _completion[j] = _now;
                        done++;
                        active--;
                        finished = true;
                    }
                    else if (_jobs[j].Io is { } pattern && _sinceIo[j] == pattern.Every)
                    {
                        Stop(c, StopReason.Blocked);
                        _sinceIo[j] = 0;
                        _ioStart[j] = _now;
                        _io.Enqueue(j, (_now + pattern.Duration, _ioSequence++));
                    }
                    else
                    {
                        Stop(c, StopReason.SliceExpired);
                        expired.Add(j);
                    }
                }

                if (finished && _windowEnd < 0)
                {
                    CloseFairnessWindow();
                }

                // 2. Arrivals in the order given, 3. I/O completions, 4. jobs whose slice ended.
                while (position < _n && _jobs[order[position]].Arrival == _now)
                {
                    _events++;
                    active++;
                    _policy.Enqueue(order[position++], _now, ReadyReason.Arrived);
                }

                while (_io.TryPeek(out int j, out var key) && key.Time == _now)
                {
                    _io.Dequeue();
                    _events++;
                    _blocked[j] += _now - _ioStart[j];
                    if (_options.RecordTimeline)
                    {
                        _ioSegments.Add(new IoSegment(j, _ioStart[j], _now));
                    }

                    _policy.Enqueue(j, _now, ReadyReason.IoDone);
                }

                foreach (int j in expired)
                {
                    _policy.Enqueue(j, _now, ReadyReason.SliceExpired);
                }

                // 5. A due policy timer (boost, aging step).
                if (active > 0 && _policy.NextTimer(_now) == _now)
                {
                    _events++;
                    if (_policy.TimerStopsRunning)
                    {
                        // In reverse CPU order, so that jobs put back at the front of their queues keep CPU order.
                        for (int c = _cpus - 1; c >= 0; c--)
                        {
                            if (_running[c] >= 0)
                            {
                                int j = _running[c];
                                Stop(c, StopReason.Preempted);
                                _policy.Enqueue(j, _now, ReadyReason.Preempted);
                            }
                        }
                    }

                    _policy.OnTimer(_now);
                }

                // 6. Idle CPUs take work; 7. preemption.
                for (int c = 0; c < _cpus; c++)
                {
                    if (_running[c] < 0)
                    {
                        Dispatch(c);
                    }
                }

                if (_policy.IsPreemptive)
                {
                    Preempt();
                }
            }

            return Result();
        }

        private int[] ArrivalOrder()
        {
            var order = new int[_n];
            var arrivals = new long[_n];
            for (int j = 0; j < _n; j++)
            {
                order[j] = j;
                arrivals[j] = _jobs[j].Arrival;
            }

            // Stable: equal arrivals keep the order given (the index breaks the tie).
            Array.Sort(order, (a, b) => arrivals[a] != arrivals[b] ? arrivals[a].CompareTo(arrivals[b]) : a.CompareTo(b));
            return order;
        }

        private long NextEvent(int[] order, int position, int active)
        {
            long t = position < _n ? _jobs[order[position]].Arrival : long.MaxValue;
            if (_io.TryPeek(out _, out var key))
            {
                t = Math.Min(t, key.Time);
            }

            for (int c = 0; c < _cpus; c++)
            {
                if (_running[c] >= 0)
                {
                    t = Math.Min(t, _stopAt[c]);
                }
            }

            if (active > 0)
            {
                t = Math.Min(t, _policy.NextTimer(_now));
            }

            return t != long.MaxValue
                ? t
                : throw new InvalidOperationException($"the {_policy.Name} policy left ready jobs unscheduled with no event pending at tick {_now}");
        }

        /// <summary>Brings every running job's remaining work up to now, so the policy reads current figures.</summary>
        private void Settle()
        {
            for (int c = 0; c < _cpus; c++)
            {
                int j = _running[c];
                if (j >= 0)
                {
                    long ran = _now - _settled[c];
                    _remaining[j] -= ran;
                    _sinceIo[j] += ran;
                    _settled[c] = _now;
                    Debug.Assert(_remaining[j] >= 0, "a job never runs past its work");
                }
            }
        }

        private void Dispatch(int c)
        {
            int j = _policy.Dequeue(c, _now);
            if (j < 0)
            {
                return;
            }

            long slice = _policy.Slice(j, _now);
            Debug.Assert(slice >= 1, "a slice is at least one tick");
            long run = Math.Min(slice, _remaining[j]);
            if (_jobs[j].Io is { } pattern)
            {
                run = Math.Min(run, pattern.Every - _sinceIo[j]);
            }

            Debug.Assert(run >= 1, "a dispatched job runs at least one tick");
            _running[c] = j;
            _dispatchAt[c] = _settled[c] = _now;
            _stopAt[c] = _now + run;
            if (_firstRun[j] < 0)
            {
                _firstRun[j] = _now;
            }

            if (_lastJob[c] >= 0 && _lastJob[c] != j)
            {
                _switches++;
            }

            _lastJob[c] = j;
            if (_options.RecordTimeline)
            {
                int s = _segment[c];
                if (s < 0 || _timeline[s].Job != j || _timeline[s].End != _now)
                {
                    _segment[c] = _timeline.Count;
                    _timeline.Add(new RunSegment(j, c, _now, _now));
                }
            }
        }

        private void Stop(int c, StopReason reason)
        {
            int j = _running[c];
            long ran = _now - _dispatchAt[c];
            _busy += ran;
            if (_windowEnd < 0)
            {
                _windowCpu[j] += Math.Max(0, _now - Math.Max(_dispatchAt[c], _windowStart));
            }

            if (_options.RecordTimeline)
            {
                int s = _segment[c];
                _timeline[s] = _timeline[s] with { End = _now };
            }

            _running[c] = -1;
            _policy.Ran(j, ran, _now, reason);
        }

        private void Preempt()
        {
            while (true)
            {
                int victim = -1;
                long worst = 0;
                for (int c = 0; c < _cpus; c++)
                {
                    if (_running[c] >= 0)
                    {
                        long rank = _policy.Rank(_running[c], _now);
                        if (victim < 0 || rank > worst)
                        {
                            (victim, worst) = (c, rank);
                        }
                    }
                }

                if (victim < 0 || !_policy.ShouldPreempt(_running[victim], _now))
                {
                    return;
                }

                int j = _running[victim];
                _events++;
                Stop(victim, StopReason.Preempted);
                _policy.Enqueue(j, _now, ReadyReason.Preempted);
                Dispatch(victim);
                Debug.Assert(_running[victim] != j, "preemption hands the CPU to another job");
            }
        }

        /// <summary>The first completion ends the window in which every job competes; credit the jobs still running.</summary>
        private void CloseFairnessWindow()
        {
            for (int c = 0; c < _cpus; c++)
            {
                if (_running[c] >= 0)
                {
                    _windowCpu[_running[c]] += Math.Max(0, _now - Math.Max(_dispatchAt[c], _windowStart));
                }
            }

            _windowEnd = _now;
        }

        private SimulationResult Result()
        {
            var metrics = new JobMetrics[_n];
            double response = 0, turnaround = 0, wait = 0;
            long start = long.MaxValue, end = 0;
            for (int j = 0; j < _n; j++)
            {
                Job job = _jobs[j];
                var m = new JobMetrics(j, job.Name, job.Arrival, job.Length, _firstRun[j], _completion[j], _blocked[j]);
                Debug.Assert(m.Wait >= 0, "wait is never negative");
                metrics[j] = m;
                response += m.Response;
                turnaround += m.Turnaround;
                wait += m.Wait;
                start = Math.Min(start, job.Arrival);
                end = Math.Max(end, m.Completion);
            }

            double? fairness = null;
            if (_windowEnd > _windowStart)
            {
                var shares = new double[_n];
                for (int j = 0; j < _n; j++)
                {
                    shares[j] = _windowCpu[j] / Fairness.Entitlement(_policy.Name, _jobs[j]);
                }

                fairness = Fairness.Jain(shares);
            }

            var run = new RunMetrics(response / _n, turnaround / _n, wait / _n, start, end, _busy, _switches,
                fairness, _windowStart, Math.Max(_windowEnd, _windowStart), _events);
            return new SimulationResult(_policy.Name, _cpus, metrics, run, _timeline, _ioSegments);
        }
    }
}
