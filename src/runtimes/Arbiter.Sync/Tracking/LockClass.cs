namespace Arbiter.Sync.Tracking;

/// <summary>
/// A lock class: the unit lockdep orders. All locks created with the same name (or, unnamed, at the same source
/// line) are one class, so an order seen on one pair of instances is checked against every other pair.
/// </summary>
public sealed class LockClass
{
    private int _instances;

    internal LockClass(int id, string name, int? level)
    {
        Id = id;
        Name = name;
        Level = level;
    }

    /// <summary>Dense id of the class inside its tracker (a node of the validator's graph).</summary>
    public int Id { get; }

    /// <summary>The class name: the lock's name or its creation site.</summary>
    public string Name { get; }

    /// <summary>The hierarchical level of the class, if it has one.</summary>
    public int? Level { get; }

    /// <summary>Instances created so far.</summary>
    public int Instances => Volatile.Read(ref _instances);

    internal string NextInstanceName()
    {
        int n = Interlocked.Increment(ref _instances);
        return n == 1 ? Name : $"{Name}#{n}";
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
