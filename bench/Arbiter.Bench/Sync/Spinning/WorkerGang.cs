namespace Arbiter.Bench.Sync.Spinning;

/// <summary>
/// N OS threads started once and reused by every benchmark invocation, so that thread creation (tens to hundreds
/// of microseconds each) is not part of what is measured. <see cref="Run"/> wakes all of them, each runs the work
/// with its index, and it returns when all have finished.
/// </summary>
/// <remarks>
/// The calling thread waits with <see cref="Monitor.Wait(object)"/>, which blocks without spinning. A caller that
/// spins (as <see cref="Barrier"/> and <see cref="CountdownEvent"/> do at first) holds one of this machine's two cores,
/// and two workers then share the other one and run one after the other: the locks would be measured uncontended.
/// </remarks>
internal sealed class WorkerGang : IDisposable
{
    private readonly Thread[] _threads;
    private readonly object _gate = new();
    private Action<int>? _work;
    private long _generation;
    private int _running;
    private bool _stopping;

    public WorkerGang(int threads)
    {
        _threads = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            _threads[t] = new Thread(() => Loop(index)) { IsBackground = true, Name = $"bench-{index}" };
            _threads[t].Start();
        }
    }

    public int Size => _threads.Length;

    public void Run(Action<int> work)
    {
        lock (_gate)
        {
            _work = work;
            _running = _threads.Length;
            _generation++;
            Monitor.PulseAll(_gate);
            while (_running > 0)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    private void Loop(int index)
    {
        long seen = 0;
        while (true)
        {
            Action<int> work;
            lock (_gate)
            {
                while (_generation == seen && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                if (_stopping)
                {
                    return;
                }

                seen = _generation;
                work = _work!;
            }

            work(index);
            lock (_gate)
            {
                if (--_running == 0)
                {
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }
}
