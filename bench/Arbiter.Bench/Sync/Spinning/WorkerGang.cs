namespace Arbiter.Bench.Sync.Spinning;

/// <summary>
/// N OS threads started once and reused by every benchmark invocation, so that thread creation (tens to hundreds
/// of microseconds each) is not part of what is measured. <see cref="Run"/> releases all of them at a barrier,
/// each runs the work with its index, and it returns when all have finished.
/// </summary>
internal sealed class WorkerGang : IDisposable
{
    private readonly Thread[] _threads;
    private readonly Barrier _start;
    private readonly Barrier _end;
    private Action<int>? _work;
    private volatile bool _stopping;

    public WorkerGang(int threads)
    {
        _start = new Barrier(threads + 1);
        _end = new Barrier(threads + 1);
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
        Volatile.Write(ref _work, work); // published to the workers by the barrier below
        _start.SignalAndWait();
        _end.SignalAndWait();
    }

    public void Dispose()
    {
        _stopping = true;
        _start.SignalAndWait();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _start.Dispose();
        _end.Dispose();
    }

    private void Loop(int index)
    {
        while (true)
        {
            _start.SignalAndWait();
            if (_stopping)
            {
                return;
            }

            Volatile.Read(ref _work)!(index);
            _end.SignalAndWait();
        }
    }
}
