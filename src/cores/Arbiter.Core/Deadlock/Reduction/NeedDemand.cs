namespace Arbiter.Core.Deadlock.Reduction;

/// <summary>Need = Max − Allocation, computed on access.</summary>
internal readonly ref struct NeedDemand(ReadOnlySpan<int> max, ReadOnlySpan<int> allocation) : IDemandMatrix
{
    private readonly ReadOnlySpan<int> _max = max;
    private readonly ReadOnlySpan<int> _allocation = allocation;

    /// <inheritdoc/>
    public int this[int index] => _max[index] - _allocation[index];

    /// <inheritdoc/>
    public int FirstShortfall(int row, ReadOnlySpan<long> work, int from)
    {
        ReadOnlySpan<int> max = _max.Slice(row, work.Length);
        ReadOnlySpan<int> held = _allocation.Slice(row, max.Length);
        for (int r = from; r < max.Length; r++)
        {
            if (max[r] - held[r] > work[r])
            {
                return r;
            }
        }

        return max.Length;
    }
}
