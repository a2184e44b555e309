namespace Arbiter.Ipc.Tests;

/// <summary>Tests that start peer processes run one at a time.</summary>
[CollectionDefinition(nameof(TwoProcesses), DisableParallelization = true)]
public sealed class TwoProcesses;
