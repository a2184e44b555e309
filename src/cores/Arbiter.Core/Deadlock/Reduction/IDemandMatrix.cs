namespace Arbiter.Core.Deadlock.Reduction;

/// <summary>
/// A read-only n × m demand matrix (row-major index) as seen by <see cref="HoltReduction"/>. Implemented by ref
/// structs so that the reducer is specialised per kind of demand and Need = Max − Allocation is read in place
/// instead of being materialised (a 10,000 × 16 Need matrix would be a 640 KB large-object allocation per check).
/// </summary>
internal interface IDemandMatrix
{
    /// <summary>Demand at row-major <paramref name="index"/> (process · m + resource).</summary>
    int this[int index] { get; }

    /// <summary>
    /// The first resource r ≥ <paramref name="from"/> of the row starting at <paramref name="row"/> whose demand
    /// exceeds <paramref name="work"/>[r], or work.Length when the rest of the row fits. This is the hot loop of
    /// every reduction, written per implementation over row slices so the JIT drops the bounds checks.
    /// </summary>
    int FirstShortfall(int row, ReadOnlySpan<long> work, int from);
}
