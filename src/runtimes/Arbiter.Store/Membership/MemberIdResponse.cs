using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Membership;

/// <summary>What a <see cref="MemberIdCommand"/> did.</summary>
public sealed class MemberIdResponse : StoreResponse
{
    /// <summary>The id handed out or claimed (the removed id for a removal); 0 when a claim was refused.</summary>
    public int Id { get; init; }

    /// <summary>The highest id ever used, after the command.</summary>
    public int Highest { get; init; }
}
