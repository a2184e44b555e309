namespace Arbiter.Store.Mvcc;

/// <summary>What a <see cref="Compare"/> looks at (etcd's <c>Compare.CompareTarget</c>, same numbers).</summary>
public enum CompareTarget
{
    /// <summary>The key's version.</summary>
    Version = 0,

    /// <summary>The key's create revision.</summary>
    Create = 1,

    /// <summary>The key's mod revision.</summary>
    Mod = 2,

    /// <summary>The key's value (bytewise).</summary>
    Value = 3,

    /// <summary>The key's lease id.</summary>
    Lease = 4,
}
