namespace Arbiter.Core.Distributed;

/// <summary>The record type of a node that persists nothing: it loses all its state when it crashes.</summary>
public readonly record struct NoRecord;
