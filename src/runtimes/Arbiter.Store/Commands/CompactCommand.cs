using Arbiter.Store.Mvcc;

namespace Arbiter.Store.Commands;

/// <summary>The command for a compaction.</summary>
/// <param name="Request">The request as the API received it.</param>
public sealed record CompactCommand(CompactionRequest Request) : StoreCommand;
