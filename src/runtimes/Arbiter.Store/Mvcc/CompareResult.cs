namespace Arbiter.Store.Mvcc;

/// <summary>The relation a <see cref="Compare"/> asks for (etcd's <c>Compare.CompareResult</c>, same numbers).</summary>
public enum CompareResult
{
    /// <summary>Key's field == the operand.</summary>
    Equal = 0,

    /// <summary>Key's field &gt; the operand.</summary>
    Greater = 1,

    /// <summary>Key's field &lt; the operand.</summary>
    Less = 2,

    /// <summary>Key's field != the operand.</summary>
    NotEqual = 3,
}
