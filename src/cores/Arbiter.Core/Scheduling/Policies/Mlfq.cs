using System.Diagnostics;

namespace Arbiter.Core.Scheduling.Policies;

/// <summary>
/// Multi-level feedback queue (MLFQ), OSTEP ch. 8 (rules 1–5). Rule 1–2: the highest non-empty queue runs, round robin
/// within it at quantum boundaries. Rule 3: a new job enters the top queue. Rule 4: each level has a quantum and an
/// allotment (counted in quanta); once a job has used its allotment at a level it moves down one (the bottom level
/// keeps it). Time used is counted however it is spread, unless <see cref="MlfqOptions.IoResetsAllotment"/>.
/// Rule 5: every boost period all jobs move to the top with fresh allotments.
/// <para>
/// Details that the rules leave open, fixed here: a job preempted by a job of a higher queue, or stopped by a boost,
/// keeps the unused part of its quantum and goes to the front of its queue; a job whose quantum ends goes to the tail
/// (of the level below, if its allotment is used up); at a boost the new top queue holds the old queues from top to
/// bottom, each in order, with the jobs that were running at the front of theirs, in CPU order.
/// </para>
/// Cost: O(levels) per decision, O(1) per boost (queues are intrusive linked lists, concatenated; a job's level is
/// reset lazily by comparing its boost epoch).
/// </summary>
public sealed class Mlfq : SchedulingPolicy
{
    private readonly MlfqOptions _options;
    private readonly long[] _allotment;
    private readonly int[] _head, _tail;
    private int[] _next = [], _previous = [], _level = [];
    private long[] _quantumUsed = [], _levelUsed = [];
    private int[] _epoch = [];
    private int _currentEpoch;
    private long _nextBoost;

    /// <summary>Creates the policy; throws <see cref="ArgumentException"/> for options out of range.</summary>
    public Mlfq(MlfqOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _allotment = options.Quanta.Zip(options.Allotments, (q, a) => checked(q * a)).ToArray();
        _head = Enumerable.Repeat(-1, options.Levels).ToArray();
        _tail = Enumerable.Repeat(-1, options.Levels).ToArray();
        _nextBoost = options.BoostPeriod;
    }

    /// <inheritdoc/>
    public override string Name => "mlfq";

    /// <inheritdoc/>
    public override bool IsPreemptive => true;

    /// <inheritdoc/>
    public override bool TimerStopsRunning => true;

    /// <inheritdoc/>
    public override void Start(SchedulingContext context)
    {
        base.Start(context);
        int n = context.Jobs.Count;
        _next = new int[n];
        _previous = new int[n];
        _level = new int[n];
        _quantumUsed = new long[n];
        _levelUsed = new long[n];
        _epoch = new int[n];
    }

    /// <summary>The job's current level (0 is the top).</summary>
    public int Level(int job)
    {
        Refresh(job);
        return _level[job];
    }

    /// <inheritdoc/>
    public override void Enqueue(int job, long now, ReadyReason reason)
    {
        Refresh(job);
        bool front = reason == ReadyReason.Preempted || (reason == ReadyReason.IoDone && _options.IoToFront);
        int level = _level[job];
        if (front)
        {
            _next[job] = _head[level];
            _previous[job] = -1;
            if (_head[level] >= 0)
            {
                _previous[_head[level]] = job;
            }
            else
            {
                _tail[level] = job;
            }

            _head[level] = job;
        }
        else
        {
            _previous[job] = _tail[level];
            _next[job] = -1;
            if (_tail[level] >= 0)
            {
                _next[_tail[level]] = job;
            }
            else
            {
                _head[level] = job;
            }

            _tail[level] = job;
        }
    }

    /// <inheritdoc/>
    public override int Dequeue(int cpu, long now)
    {
        int level = HighestReady();
        if (level < 0)
        {
            return -1;
        }

        int job = _head[level];
        _head[level] = _next[job];
        if (_head[level] >= 0)
        {
            _previous[_head[level]] = -1;
        }
        else
        {
            _tail[level] = -1;
        }

        return job;
    }

    /// <inheritdoc/>
    public override long Slice(int job, long now)
    {
        Refresh(job);
        long left = _options.Quanta[_level[job]] - _quantumUsed[job];
        Debug.Assert(left > 0, "a queued job has part of its quantum left");
        return left;
    }

    /// <inheritdoc/>
    public override void Ran(int job, long ran, long now, StopReason reason)
    {
        Refresh(job);
        int level = _level[job];
        _quantumUsed[job] += ran;
        _levelUsed[job] += ran;
        if (_quantumUsed[job] >= _options.Quanta[level])
        {
            _quantumUsed[job] = 0;
            if (_levelUsed[job] >= _allotment[level])
            {
                _level[job] = Math.Min(level + 1, _options.Levels - 1);
                _levelUsed[job] = 0;
            }
        }

        if (reason == StopReason.Blocked && _options.IoResetsAllotment)
        {
            _quantumUsed[job] = 0;
            _levelUsed[job] = 0;
        }
    }

    /// <inheritdoc/>
    public override long Rank(int running, long now) => Level(running);

    /// <inheritdoc/>
    public override bool ShouldPreempt(int running, long now)
    {
        int ready = HighestReady();
        return ready >= 0 && ready < Level(running);
    }

    /// <inheritdoc/>
    public override long NextTimer(long now)
    {
        if (_options.BoostPeriod == 0)
        {
            return long.MaxValue;
        }

        // Boosts fall on the multiples of the period; one that passed while no job was in the system changed nothing.
        long due = (now + _options.BoostPeriod - 1) / _options.BoostPeriod * _options.BoostPeriod;
        return Math.Max(_nextBoost, due);
    }

    /// <inheritdoc/>
    public override void OnTimer(long now)
    {
        // Concatenate the queues top to bottom into the top one; every job's level resets when next touched.
        for (int level = 1; level < _options.Levels; level++)
        {
            if (_head[level] < 0)
            {
                continue;
            }

            if (_tail[0] >= 0)
            {
                _next[_tail[0]] = _head[level];
                _previous[_head[level]] = _tail[0];
            }
            else
            {
                _head[0] = _head[level];
            }

            _tail[0] = _tail[level];
            _head[level] = _tail[level] = -1;
        }

        _currentEpoch++;
        _nextBoost = ((now / _options.BoostPeriod) + 1) * _options.BoostPeriod;
    }

    private int HighestReady()
    {
        for (int level = 0; level < _head.Length; level++)
        {
            if (_head[level] >= 0)
            {
                return level;
            }
        }

        return -1;
    }

    private void Refresh(int job)
    {
        if (_epoch[job] != _currentEpoch)
        {
            _epoch[job] = _currentEpoch;
            _level[job] = 0;
            _quantumUsed[job] = 0;
            _levelUsed[job] = 0;
        }
    }
}
