namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>What the client learnt about an operation (the <c>"status"</c> field).</summary>
public enum OperationStatus
{
    /// <summary>Completed with the recorded output, between call and return.</summary>
    Ok,

    /// <summary>Definitely had no effect (e.g. rejected before it reached the log): dropped from the check.</summary>
    Fail,

    /// <summary>
    /// May or may not have taken effect, at any time after its call (a timeout, a lost connection): its return is
    /// taken as +infinity and its output is not known.
    /// </summary>
    Unknown,
}
