using Arbiter.Sync.Primitives;

namespace Arbiter.Sync.Labs;

/// <summary>One primitive under one policy: a row of the fairness table.</summary>
/// <param name="Primitive">Which primitive.</param>
/// <param name="FifoHandoff">FIFO hand-off (<see cref="LockOptions.FifoHandoff"/>) instead of barging.</param>
/// <param name="Policy">For the reader-writer lock: its policy.</param>
public sealed record FairnessCase(FairnessPrimitive Primitive, bool FifoHandoff = false, ReadWritePolicy Policy = ReadWritePolicy.PhaseFair)
{
    /// <summary>Every primitive under every policy, as the fairness lab shows them by default.</summary>
    public static IReadOnlyList<FairnessCase> All { get; } =
    [
        new(FairnessPrimitive.Mutex),
        new(FairnessPrimitive.Mutex, FifoHandoff: true),
        new(FairnessPrimitive.Semaphore),
        new(FairnessPrimitive.Semaphore, FifoHandoff: true),
        new(FairnessPrimitive.ReadWriteLock, Policy: ReadWritePolicy.ReaderPreferring),
        new(FairnessPrimitive.ReadWriteLock, Policy: ReadWritePolicy.WriterPreferring),
        new(FairnessPrimitive.ReadWriteLock, Policy: ReadWritePolicy.PhaseFair),
    ];

    /// <summary>"mutex", "semaphore" or "rwlock".</summary>
    public string PrimitiveName => Primitive switch
    {
        FairnessPrimitive.Mutex => "mutex",
        FairnessPrimitive.Semaphore => "semaphore",
        _ => "rwlock",
    };

    /// <summary>The policy in words: "barging", "fifo hand-off", "reader-preferring", …</summary>
    public string PolicyName => Primitive == FairnessPrimitive.ReadWriteLock
        ? PolicyWord(Policy) + (FifoHandoff ? " (fifo writers)" : "")
        : FifoHandoff ? "fifo hand-off" : "barging";

    /// <summary>The command-line word of a reader-writer policy.</summary>
    public static string PolicyWord(ReadWritePolicy policy) => policy switch
    {
        ReadWritePolicy.ReaderPreferring => "reader-preferring",
        ReadWritePolicy.WriterPreferring => "writer-preferring",
        _ => "phase-fair",
    };
}
