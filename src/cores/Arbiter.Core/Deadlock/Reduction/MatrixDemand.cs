namespace Arbiter.Core.Deadlock.Reduction;

/// <summary>An explicit demand matrix (Request for detection, or a precomputed Need).</summary>
internal readonly ref struct MatrixDemand(ReadOnlySpan<int> demand) : IDemandMatrix
{
    private readonly ReadOnlySpan<int> _demand = demand;

    /// <inheritdoc/>
    public int this[int index] => _demand[index];

    /// <inheritdoc/>
    public int FirstShortfall(int row, ReadOnlySpan<long> work, int from)
    {
        ReadOnlySpan<int> d = _demand.Slice(row, work.Length);
        for (int r = from; r < d.Length; r++)
        {
            if (d[r] > work[r])
            {
                return r;
            }
        }

        return d.Length;
    }
}
