namespace Arbiter.Sync.Primitives;

/// <summary>
/// A <see cref="CyclicBarrier"/> generation was broken: a participant timed out or was cancelled (or the barrier
/// was reset) before everyone arrived, so the others can never be released normally.
/// </summary>
public sealed class BarrierBrokenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BarrierBrokenException() : base("The barrier is broken.") { }

    /// <summary>Creates the exception with a message.</summary>
    public BarrierBrokenException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public BarrierBrokenException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a broken generation.</summary>
    public BarrierBrokenException(long generation)
        : base($"Barrier generation {generation} is broken: a participant timed out or was cancelled, or the barrier was reset.") =>
        Generation = generation;

    /// <summary>The generation that broke.</summary>
    public long Generation { get; }
}
