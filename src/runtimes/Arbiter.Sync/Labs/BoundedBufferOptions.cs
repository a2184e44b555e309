namespace Arbiter.Sync.Labs;

/// <summary>Settings of the bounded-buffer experiment.</summary>
public sealed record BoundedBufferOptions
{
    /// <summary>Producer threads. Default 2.</summary>
    public int Producers { get; init; } = 2;

    /// <summary>Consumer threads. Default 2.</summary>
    public int Consumers { get; init; } = 2;

    /// <summary>Slots (N). Default 8.</summary>
    public int Capacity { get; init; } = 8;

    /// <summary>Items to pass through, numbered 0 … Items−1 and shared out among the producers. Default 100,000.</summary>
    public int Items { get; init; } = 100_000;

    /// <summary>Work per item produced, in spin iterations. Default 0.</summary>
    public int ProduceWork { get; init; }

    /// <summary>Work per item consumed, in spin iterations (a slow consumer makes producers block). Default 0.</summary>
    public int ConsumeWork { get; init; }

    /// <summary>FIFO hand-off in the buffer's mutex and semaphores. Default false.</summary>
    public bool FifoHandoff { get; init; }
}
