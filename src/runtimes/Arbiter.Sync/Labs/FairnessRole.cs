namespace Arbiter.Sync.Labs;

/// <summary>How a contender holds the primitive, which decides the safety check made while inside.</summary>
internal enum FairnessRole
{
    /// <summary>A mutex or semaphore holder: at most the primitive's units inside at once.</summary>
    Exclusive,

    /// <summary>A reader: no writer inside at the same time.</summary>
    Reader,

    /// <summary>A writer: alone inside.</summary>
    Writer,
}
