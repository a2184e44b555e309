namespace Arbiter.Store.Coordination;

/// <summary>The typed answer to one coordination operation, for the client that issued it.</summary>
public abstract record CoordinationResult
{
    /// <summary>True for <see cref="CoordinationError"/>.</summary>
    public virtual bool IsError => false;
}
