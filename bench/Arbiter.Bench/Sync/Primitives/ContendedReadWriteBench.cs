using System.Diagnostics;
using Arbiter.Sync.Primitives;
using BenchmarkDotNet.Attributes;

namespace Arbiter.Bench.Sync.Primitives;

/// <summary>
/// 8 readers and 1 writer on one lock: ReadWriteLock under each policy against ReaderWriterLockSlim (the baseline).
/// One invocation: every reader does <see cref="ReadsPerReader"/> short reads of a shared array, the writer
/// <see cref="Writes"/> writes with a pause between them; it ends when all nine threads are done. The mean is per
/// operation (reads + writes). The writer's longest wait per lock is printed at cleanup (see the log).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup].")]
public class ContendedReadWriteBench
{
    private const int Readers = 8;
    private const int ReadsPerReader = 20_000;
    private const int Writes = 2_000;
    private const int Operations = Readers * ReadsPerReader + Writes;

    private readonly int[] _data = new int[16];
    private readonly Dictionary<string, long> _writerMaxWaitTicks = [];
    private Thread[] _workers = [];
    private Barrier _barrier = null!;
    private Action<int>? _work;
    private volatile bool _stopping;
    private ReaderWriterLockSlim _slim = null!;
    private ReadWriteLock _readerPreferring = null!;
    private ReadWriteLock _writerPreferring = null!;
    private ReadWriteLock _phaseFair = null!;

    [GlobalSetup]
    public void Setup()
    {
        _slim = new ReaderWriterLockSlim();
        _readerPreferring = new ReadWriteLock(ReadWritePolicy.ReaderPreferring);
        _writerPreferring = new ReadWriteLock(ReadWritePolicy.WriterPreferring);
        _phaseFair = new ReadWriteLock(ReadWritePolicy.PhaseFair);
        _barrier = new Barrier(Readers + 2);
        _workers = Enumerable.Range(0, Readers + 1).Select(i => new Thread(() => Worker(i)) { IsBackground = true }).ToArray();
        foreach (var worker in _workers)
        {
            worker.Start();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stopping = true;
        _barrier.SignalAndWait();
        foreach (var worker in _workers)
        {
            worker.Join();
        }

        foreach (var (name, ticks) in _writerMaxWaitTicks)
        {
            Console.WriteLine($"// writer max wait [{name}]: {ticks * 1e6 / Stopwatch.Frequency:N0} µs");
        }

        _barrier.Dispose();
        _slim.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public void ReaderWriterLockSlim() => Round(new SlimAdapter(_slim), "ReaderWriterLockSlim");

    [Benchmark(OperationsPerInvoke = Operations)]
    public void ReaderPreferring() => Round(new ArbiterAdapter(_readerPreferring), "ReaderPreferring");

    [Benchmark(OperationsPerInvoke = Operations)]
    public void WriterPreferring() => Round(new ArbiterAdapter(_writerPreferring), "WriterPreferring");

    [Benchmark(OperationsPerInvoke = Operations)]
    public void PhaseFair() => Round(new ArbiterAdapter(_phaseFair), "PhaseFair");

    private void Round<T>(T adapter, string name) where T : IReadWrite
    {
        long maxWait = 0;
        _work = i =>
        {
            if (i < Readers)
            {
                ReadLoop(adapter);
            }
            else
            {
                long wait = WriteLoop(adapter);
                Interlocked.Exchange(ref maxWait, wait);
            }
        };
        _barrier.SignalAndWait(); // start
        _barrier.SignalAndWait(); // all done
        _writerMaxWaitTicks[name] = Math.Max(_writerMaxWaitTicks.GetValueOrDefault(name), maxWait);
    }

    private void Worker(int index)
    {
        while (true)
        {
            _barrier.SignalAndWait();
            if (_stopping)
            {
                return;
            }

            _work!(index);
            _barrier.SignalAndWait();
        }
    }

    private void ReadLoop<T>(T adapter) where T : IReadWrite
    {
        int sum = 0;
        for (int n = 0; n < ReadsPerReader; n++)
        {
            adapter.EnterRead();
            foreach (int v in _data)
            {
                sum += v;
            }

            adapter.ExitRead();
        }

        GC.KeepAlive(sum);
    }

    private long WriteLoop<T>(T adapter) where T : IReadWrite
    {
        long maxWait = 0;
        for (int n = 0; n < Writes; n++)
        {
            long start = Stopwatch.GetTimestamp();
            adapter.EnterWrite();
            maxWait = Math.Max(maxWait, Stopwatch.GetTimestamp() - start);
            for (int i = 0; i < _data.Length; i++)
            {
                _data[i]++;
            }

            adapter.ExitWrite();
            Thread.SpinWait(200);
        }

        return maxWait;
    }

    private interface IReadWrite
    {
        void EnterRead();

        void ExitRead();

        void EnterWrite();

        void ExitWrite();
    }

    private readonly struct SlimAdapter(ReaderWriterLockSlim l) : IReadWrite
    {
        public void EnterRead() => l.EnterReadLock();

        public void ExitRead() => l.ExitReadLock();

        public void EnterWrite() => l.EnterWriteLock();

        public void ExitWrite() => l.ExitWriteLock();
    }

    private readonly struct ArbiterAdapter(ReadWriteLock l) : IReadWrite
    {
        public void EnterRead() => l.EnterRead();

        public void ExitRead() => l.ExitRead();

        public void EnterWrite() => l.EnterWrite();

        public void ExitWrite() => l.ExitWrite();
    }
}
