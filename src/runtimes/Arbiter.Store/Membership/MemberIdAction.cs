namespace Arbiter.Store.Membership;

/// <summary>What a <see cref="MemberIdCommand"/> asks of the <see cref="MemberRegistry"/>.</summary>
public enum MemberIdAction : byte
{
    /// <summary>Hand out the next id: one more than every id ever used or known.</summary>
    Next = 1,

    /// <summary>Take the id the request names, if it is above every id ever used or known.</summary>
    Claim = 2,

    /// <summary>The member is about to be removed: remember its id as used, and as removed.</summary>
    Remove = 3,
}
