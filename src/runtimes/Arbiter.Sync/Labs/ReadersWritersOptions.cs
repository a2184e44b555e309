using Arbiter.Sync.Primitives;

namespace Arbiter.Sync.Labs;

/// <summary>Settings of the readers-writers experiment.</summary>
public sealed record ReadersWritersOptions
{
    /// <summary>Who goes first. Default phase-fair.</summary>
    public ReadWritePolicy Policy { get; init; } = ReadWritePolicy.PhaseFair;

    /// <summary>Reader threads. Default 4.</summary>
    public int Readers { get; init; } = 4;

    /// <summary>Writer threads. Default 2.</summary>
    public int Writers { get; init; } = 2;

    /// <summary>How long to run. Default 2 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Work inside a read section, in spin iterations. Default 200: longer than the gap between reads, so readers overlap.</summary>
    public int ReadWork { get; init; } = 200;

    /// <summary>Work inside a write section, in spin iterations. Default 50.</summary>
    public int WriteWork { get; init; } = 50;

    /// <summary>Work between two requests, in spin iterations. Default 50.</summary>
    public int OutsideWork { get; init; } = 50;

    /// <summary>
    /// A role is reported starved when one of its requests waited at least this fraction of the run (default
    /// 0.25): far beyond what any number of fair phases of these short sections explains.
    /// </summary>
    public double StarvationFraction { get; init; } = 0.25;
}
