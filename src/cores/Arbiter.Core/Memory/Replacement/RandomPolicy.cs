namespace Arbiter.Core.Memory.Replacement;

/// <summary>
/// Random replacement (OSTEP ch. 22): when memory is full, evict the page in a uniformly random frame, drawn from a
/// seeded <see cref="SplitMix64"/> (one draw per eviction, frame = draw in [0, capacity)), so a seed reproduces the
/// run. Cost: O(1) per reference.
/// </summary>
public sealed class RandomPolicy : ReplacementPolicy
{
    private SplitMix64 _random;

    /// <summary>Creates the policy over <paramref name="capacity"/> frames with victims drawn from <paramref name="seed"/>.</summary>
    public RandomPolicy(int capacity, ulong seed) : base(capacity) => _random = new SplitMix64(seed);

    /// <inheritdoc/>
    public override string Name => "random";

    /// <inheritdoc/>
    protected override void OnHit(int frame)
    {
    }

    /// <inheritdoc/>
    protected override int ChooseVictim() => _random.NextInt(Capacity);

    /// <inheritdoc/>
    protected override void OnLoad(int frame, long page)
    {
    }

    /// <inheritdoc/>
    protected override void OnRemove(int frame)
    {
    }
}
