using System.Diagnostics;

namespace Arbiter.Sync.Labs;

/// <summary>The running part of the fairness experiment: threads, shared counters, the stop signal and the logs.</summary>
internal sealed class FairnessRun : IDisposable
{
    private readonly FairnessContender[] _contenders;
    private readonly FairnessOptions _options;
    private readonly ManualResetEventSlim _go = new();
    private readonly CancellationTokenSource _stop = new();
    private long _requests;
    private long _grants;
    private long _violations;
    private int _inside;
    private int _readersInside;
    private int _writersInside;
    private volatile bool _finished;
    private volatile bool _truncated;

    public FairnessRun(FairnessContender[] contenders, FairnessOptions options)
    {
        _contenders = contenders;
        _options = options;
        int capacity = Math.Max(1, options.MaxRecords / contenders.Length);
        Logs = contenders.Select(c => new FairnessThreadLog(capacity, c.Name)).ToArray();
    }

    public FairnessThreadLog[] Logs { get; }

    public TimeSpan Elapsed { get; private set; }

    public bool Truncated => _truncated;

    public long Violations => Interlocked.Read(ref _violations);

    public void Execute()
    {
        var threads = Enumerable.Range(0, _contenders.Length)
            .Select(i => new Thread(() => Contend(i)) { IsBackground = true, Name = $"fairness-{i}" })
            .ToList();
        threads.ForEach(t => t.Start());
        long start = Stopwatch.GetTimestamp();
        _go.Set();

        // Sleep until the duration is over (or a full log ends the run early), then cancel the waiters.
        _stop.Token.WaitHandle.WaitOne(_options.Duration);
        _finished = true;
        Elapsed = Stopwatch.GetElapsedTime(start);
        _stop.Cancel();
        threads.ForEach(t => t.Join());
    }

    public void Dispose()
    {
        _stop.Dispose();
        _go.Dispose();
    }

    private void Contend(int index)
    {
        var me = _contenders[index];
        var log = Logs[index];
        var token = _stop.Token;
        _go.Wait();
        while (!_finished)
        {
            long request = Interlocked.Increment(ref _requests);
            long start = Stopwatch.GetTimestamp();
            try
            {
                me.Acquire(token);
            }
            catch (OperationCanceledException)
            {
                log.Add(request, FairnessThreadLog.Unserved, Stopwatch.GetTimestamp() - start);
                return;
            }

            long grant = Interlocked.Increment(ref _grants);
            long waited = Stopwatch.GetTimestamp() - start;
            Inside(me);
            me.Release();
            if (!log.Add(request, grant, waited))
            {
                _truncated = true;
                _finished = true;
                _stop.Cancel(); // wakes the main thread early; the waiters are cancelled with it
                return;
            }

            Thread.SpinWait(_options.OutsideWork);
        }
    }

    /// <summary>The critical section: check the primitive's safety, work, leave.</summary>
    private void Inside(FairnessContender me)
    {
        switch (me.Role)
        {
            case FairnessRole.Writer:
                if (Interlocked.Increment(ref _writersInside) != 1 || Volatile.Read(ref _readersInside) != 0)
                {
                    Interlocked.Increment(ref _violations);
                }

                Thread.SpinWait(_options.CriticalWork);
                Interlocked.Decrement(ref _writersInside);
                break;
            case FairnessRole.Reader:
                Interlocked.Increment(ref _readersInside);
                if (Volatile.Read(ref _writersInside) != 0)
                {
                    Interlocked.Increment(ref _violations);
                }

                Thread.SpinWait(_options.ReadWork);
                Interlocked.Decrement(ref _readersInside);
                break;
            default:
                if (Interlocked.Increment(ref _inside) > me.Limit)
                {
                    Interlocked.Increment(ref _violations);
                }

                Thread.SpinWait(_options.CriticalWork);
                Interlocked.Decrement(ref _inside);
                break;
        }
    }
}
