namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>
/// One operation as the checking engine sees it: input, output and its interval on one clock.
/// <paramref name="Return"/> is <see cref="long.MaxValue"/> when the operation may take effect at any later time
/// (an unknown outcome).
/// </summary>
public readonly record struct ModelOperation<TInput, TOutput>(TInput Input, TOutput Output, long Call, long Return);
