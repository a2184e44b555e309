using Arbiter.Core.Distributed.Linearizability;

namespace Arbiter.Cli.Commands.Check;

/// <summary>The <c>--json</c> document of <c>arbiter check linearizability</c> (snake_case keys; operations named by their line).</summary>
internal static class LinearizabilityDocument
{
    public static object Build(string path, LinearizabilityResult result, long maxSteps) => new
    {
        file = path,
        verdict = LinearizabilityCommand.Name(result.Verdict),
        operations = result.History.Count,
        checked_operations = result.Keys.Sum(k => k.Operations.Count),
        dropped_failed = result.DroppedFailed,
        dropped_unknown_reads = result.DroppedUnknownReads,
        steps = result.Steps,
        max_steps_per_key = maxSteps,
        keys = result.Keys.Select(k => new
        {
            key = k.Key,
            verdict = LinearizabilityCommand.Name(k.Verdict),
            operations = k.Operations.Count,
            steps = k.Steps,
            linearization = k.Verdict == LinearizabilityVerdict.Linearizable ? k.Linearization.Select(i => result.History[i].Line) : null,
            violation = k.Violation is { } v ? new
            {
                longest_prefix = v.LongestPrefix.Select(i => Operation(result.History[i])),
                value_after_prefix = v.ValueAfterPrefix,
                cannot_come_next = v.Stuck.Select(s => new { operation = Operation(result.History[s.Index]), reason = s.Reason }),
            } : null,
        }),
    };

    private static object Operation(HistoryOperation op) => new
    {
        line = op.Line,
        client = op.Client,
        op = HistoryOperation.Name(op.Op),
        key = op.Key,
        value = op.Value,
        expected = op.Expected,
        call = op.Call,
        @return = op.Status == OperationStatus.Unknown ? null : op.Return,
        output = op.Op == KvOperationKind.Cas ? (object?)op.Succeeded : op.Output,
        status = op.Status.ToString().ToLowerInvariant(),
    };
}
