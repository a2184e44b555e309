namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>The answer for one partition (one key) or for a whole history.</summary>
public enum LinearizabilityVerdict
{
    /// <summary>Some order consistent with real time explains every output.</summary>
    Linearizable,

    /// <summary>No such order exists.</summary>
    NotLinearizable,

    /// <summary>The step budget ran out before the search finished.</summary>
    Undecided,
}
