using Arbiter.Core.Scheduling.Policies;
using Arbiter.Core.Scheduling.Simulation;
using Arbiter.Core.Scheduling.Workload;

namespace Arbiter.Core.Scheduling.Reference;

/// <summary>
/// The slow, straightforward oracle for the event-driven engine: the textbook loop that advances one tick at a time
/// (as OSTEP's <c>scheduler.py</c> and <c>mlfq.py</c> do), with plain lists for queues and a linear scan for every
/// choice. It implements FIFO, SJF, STCF, round robin and MLFQ on any number of CPUs, with I/O, following the rules
/// written in docs/concepts/scheduling.md independently of <see cref="Simulator"/> and the policy classes; tests run
/// both on thousands of random workloads and require identical timelines. Cost O(ticks · (cpus + n)).
/// Also the baseline of the scheduling benchmarks.
/// </summary>
public static class TickSimulator
{
    /// <summary>The policies this reference knows.</summary>
    public static IReadOnlyList<string> Policies { get; } = ["fifo", "sjf", "stcf", "rr", "mlfq"];

    /// <summary>Runs the workload tick by tick. <paramref name="mlfq"/> is used for "mlfq" (default: 3 queues of <paramref name="quantum"/>).</summary>
    public static TickRun Run(JobList jobs, string policy, int cpus = 1, long quantum = 4, MlfqOptions? mlfq = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (!Policies.Contains(policy))
        {
            throw new ArgumentException($"the tick reference does not implement '{policy}'", nameof(policy));
        }

        return new State(jobs, policy, cpus, quantum, mlfq ?? MlfqOptions.Uniform(3, quantum)).Run();
    }

    private sealed class State(JobList jobs, string policy, int cpus, long quantum, MlfqOptions mlfq)
    {
        private readonly int _n = jobs.Count;
        private readonly long[] _left = jobs.Jobs.Select(j => j.Length).ToArray();
        private readonly long[] _cpuSinceIo = new long[jobs.Count];
        private readonly long[] _firstRun = Enumerable.Repeat(-1L, jobs.Count).ToArray();
        private readonly long[] _completion = Enumerable.Repeat(-1L, jobs.Count).ToArray();
        private readonly List<int> _ready = [];                                         // fifo, rr, sjf, stcf
        private readonly List<int>[] _levels = Enumerable.Range(0, mlfq.Levels).Select(_ => new List<int>()).ToArray();
        private readonly int[] _level = new int[jobs.Count];
        private readonly long[] _usedInQuantum = new long[jobs.Count];
        private readonly long[] _usedAtLevel = new long[jobs.Count];
        private readonly List<(int Job, long Until)> _blocked = [];                    // in the order the I/O was issued
        private readonly int[] _onCpu = Enumerable.Repeat(-1, cpus).ToArray();
        private readonly long[] _sliceUsed = new long[cpus];                           // rr: ticks since dispatch
        private readonly int[] _previous = Enumerable.Repeat(-1, cpus).ToArray();
        private readonly List<RunSegment> _timeline = [];
        private readonly int[] _openSegment = Enumerable.Repeat(-1, cpus).ToArray();
        private long _switches;

        public TickRun Run()
        {
            long t = 0;
            int finished = 0;
            while (finished < _n)
            {
                // 1. Whoever ran the previous tick: finished, blocked, or at the end of its slice.
                var expired = new List<int>();
                for (int c = 0; c < cpus; c++)
                {
                    int j = _onCpu[c];
                    if (j < 0)
                    {
                        continue;
                    }

                    bool quantumOver = policy == "rr" ? _sliceUsed[c] == quantum
                        : policy == "mlfq" && _usedInQuantum[j] == mlfq.Quanta[_level[j]];
                    if (policy == "mlfq" && quantumOver)
                    {
                        _usedInQuantum[j] = 0;
                        if (_usedAtLevel[j] >= mlfq.Quanta[_level[j]] * mlfq.Allotments[_level[j]])
                        {
                            _level[j] = Math.Min(_level[j] + 1, mlfq.Levels - 1);
                            _usedAtLevel[j] = 0;
                        }
                    }

                    if (_left[j] == 0)
                    {
                        _completion[j] = t;
                        finished++;
                        _onCpu[c] = -1;
                    }
                    else if (jobs[j].Io is { } io && _cpuSinceIo[j] == io.Every)
                    {
                        _cpuSinceIo[j] = 0;
                        if (policy == "mlfq" && mlfq.IoResetsAllotment)
                        {
                            _usedInQuantum[j] = 0;
                            _usedAtLevel[j] = 0;
                        }

                        _blocked.Add((j, t + io.Duration));
                        _onCpu[c] = -1;
                    }
                    else if (quantumOver)
                    {
                        expired.Add(j);
                        _onCpu[c] = -1;
                    }
                }

                // 2. Arrivals, in the order given. 3. I/O completions, in issue order. 4. Expired slices.
                for (int j = 0; j < _n; j++)
                {
                    if (jobs[j].Arrival == t)
                    {
                        _level[j] = 0;
                        MakeReady(j, front: false);
                    }
                }

                for (int i = 0; i < _blocked.Count; i++)
                {
                    if (_blocked[i].Until == t)
                    {
                        MakeReady(_blocked[i].Job, front: policy == "mlfq" && mlfq.IoToFront);
                        _blocked.RemoveAt(i--);
                    }
                }

                foreach (int j in expired)
                {
                    MakeReady(j, front: false);
                }

                // 5. MLFQ boost: running jobs back to the front of their queues, then everything to the top.
                bool anyoneHere = Enumerable.Range(0, _n).Any(j => jobs[j].Arrival <= t && _completion[j] < 0);
                if (policy == "mlfq" && mlfq.BoostPeriod > 0 && t > 0 && t % mlfq.BoostPeriod == 0 && anyoneHere)
                {
                    for (int c = cpus - 1; c >= 0; c--)
                    {
                        if (_onCpu[c] >= 0)
                        {
                            _levels[_level[_onCpu[c]]].Insert(0, _onCpu[c]);
                            _onCpu[c] = -1;
                        }
                    }

                    var all = _levels.SelectMany(q => q).ToList();
                    foreach (var q in _levels)
                    {
                        q.Clear();
                    }

                    _levels[0].AddRange(all);
                    for (int j = 0; j < _n; j++)
                    {
                        _level[j] = 0;
                        _usedInQuantum[j] = 0;
                        _usedAtLevel[j] = 0;
                    }
                }

                // 6. Idle CPUs take the next job. 7. Preemption (stcf, mlfq).
                for (int c = 0; c < cpus; c++)
                {
                    if (_onCpu[c] < 0)
                    {
                        Put(c, t);
                    }
                }

                while (policy is "stcf" or "mlfq")
                {
                    int victim = -1;
                    for (int c = 0; c < cpus; c++)
                    {
                        if (_onCpu[c] >= 0 && (victim < 0 || Worse(_onCpu[c], _onCpu[victim])))
                        {
                            victim = c;
                        }
                    }

                    int best = PeekBest();
                    if (victim < 0 || best < 0 || !Worse(_onCpu[victim], best))
                    {
                        break;
                    }

                    int j = _onCpu[victim];
                    _onCpu[victim] = -1;
                    MakeReady(j, front: true);
                    Put(victim, t);
                }

                // 8. One tick of work on every busy CPU.
                for (int c = 0; c < cpus; c++)
                {
                    int j = _onCpu[c];
                    if (j < 0)
                    {
                        continue;
                    }

                    _left[j]--;
                    _cpuSinceIo[j]++;
                    _sliceUsed[c]++;
                    _usedInQuantum[j]++;
                    _usedAtLevel[j]++;
                    int s = _openSegment[c];
                    if (s >= 0 && _timeline[s].Job == j && _timeline[s].End == t)
                    {
                        _timeline[s] = _timeline[s] with { End = t + 1 };
                    }
                    else
                    {
                        _openSegment[c] = _timeline.Count;
                        _timeline.Add(new RunSegment(j, c, t, t + 1));
                    }
                }

                t++;
            }

            var ordered = _timeline.OrderBy(s => s.Start).ThenBy(s => s.Cpu).ToList();
            return new TickRun(_firstRun, _completion, ordered, _switches, t);
        }

        /// <summary>Strictly less deserving of a CPU than <paramref name="other"/> (stcf: more work left; mlfq: lower queue).</summary>
        private bool Worse(int job, int other) => policy == "stcf" ? _left[job] > _left[other] : _level[job] > _level[other];

        private void MakeReady(int j, bool front)
        {
            if (policy == "mlfq")
            {
                _levels[_level[j]].Insert(front ? 0 : _levels[_level[j]].Count, j);
            }
            else
            {
                _ready.Add(j);
            }
        }

        private int PeekBest()
        {
            if (policy == "mlfq")
            {
                return _levels.FirstOrDefault(q => q.Count > 0)?[0] ?? -1;
            }

            if (_ready.Count == 0)
            {
                return -1;
            }

            if (policy is "fifo" or "rr")
            {
                return _ready[0];
            }

            int best = _ready[0];
            foreach (int j in _ready)
            {
                if (_left[j] < _left[best] || (_left[j] == _left[best] && j < best))
                {
                    best = j;
                }
            }

            return best;
        }

        private void Put(int c, long t)
        {
            int j = PeekBest();
            if (j < 0)
            {
                return;
            }

            if (policy == "mlfq")
            {
                _levels[_level[j]].Remove(j);
            }
            else
            {
                _ready.Remove(j);
            }

            _onCpu[c] = j;
            _sliceUsed[c] = 0;
            if (_firstRun[j] < 0)
            {
                _firstRun[j] = t;
            }

            if (_previous[c] >= 0 && _previous[c] != j)
            {
                _switches++;
            }

            _previous[c] = j;
        }
    }
}
