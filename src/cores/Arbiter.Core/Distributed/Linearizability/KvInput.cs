namespace Arbiter.Core.Distributed.Linearizability;

/// <summary>What a key-value operation asked for: its kind, the value it writes and, for cas, the value it expects.</summary>
public readonly record struct KvInput(KvOperationKind Kind, string? Value, string? Expected);
