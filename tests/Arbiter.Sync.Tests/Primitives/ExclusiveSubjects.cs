using Arbiter.Sync.Primitives;

namespace Arbiter.Sync.Tests.Primitives;

/// <summary>Every implementation of mutual exclusion in Arbiter.Sync.Primitives, under every option that changes how it hands over.</summary>
public static class ExclusiveSubjects
{
    private static readonly LockOptions Fifo = new() { FifoHandoff = true };

    public static TheoryData<string> Names => new(Factories.Keys);

    private static readonly Dictionary<string, Func<Exclusive>> Factories = new()
    {
        ["mutex"] = () => Mutex(new MutexLock()),
        ["mutex fifo"] = () => Mutex(new MutexLock(Fifo)),
        ["binary semaphore"] = () => Semaphore(new BinarySemaphore()),
        ["binary semaphore fifo"] = () => Semaphore(new BinarySemaphore(true, Fifo)),
        ["rwlock writers reader-preferring"] = () => Writers(new ReadWriteLock(ReadWritePolicy.ReaderPreferring)),
        ["rwlock writers writer-preferring"] = () => Writers(new ReadWriteLock(ReadWritePolicy.WriterPreferring)),
        ["rwlock writers phase-fair"] = () => Writers(new ReadWriteLock(ReadWritePolicy.PhaseFair)),
        ["rwlock writers phase-fair fifo"] = () => Writers(new ReadWriteLock(ReadWritePolicy.PhaseFair, Fifo)),
        ["monitor"] = () => Monitor(new MesaMonitor()),
        ["monitor fifo"] = () => Monitor(new MesaMonitor(Fifo)),
    };

    public static Exclusive Create(string name) => Factories[name]();

    private static Exclusive Mutex(MutexLock m) => new("mutex", m.Enter, m.Exit, m.TryEnter,
        async ct => { var held = await m.LockAsync(ct); return held.Dispose; });

    private static Exclusive Semaphore(BinarySemaphore s) => new("binary semaphore", s.Wait, () => s.Release(), s.TryWait,
        async ct => { await s.WaitAsync(ct); return () => s.Release(); });

    private static Exclusive Writers(ReadWriteLock l) => new("rwlock", l.EnterWrite, l.ExitWrite, l.TryEnterWrite,
        async ct => { var held = await l.WriteLockAsync(ct); return held.Dispose; });

    private static Exclusive Monitor(MesaMonitor m) => new("monitor", m.Enter, m.Exit, m.TryEnter,
        async ct => { var held = await m.EnterAsync(ct); return held.Dispose; });
}
