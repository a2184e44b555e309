namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>An operation that could come next in real time after the longest prefix, and why the model refuses it.</summary>
/// <param name="Index">Its index in the history.</param>
/// <param name="Reason">Why it cannot be placed there, e.g. <c>get returned "1" but the value is "2"</c>.</param>
public sealed record StuckOperation(int Index, string Reason);
