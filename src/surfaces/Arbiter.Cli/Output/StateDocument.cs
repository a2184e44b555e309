using Arbiter.Core.Resources;

namespace Arbiter.Cli.Output;

/// <summary>A ledger in the state-file schema, so that an output state (e.g. after recovery) can be saved and fed back.</summary>
internal static class StateDocument
{
    public static object From(ResourceLedger ledger)
    {
        var spec = ledger.ToSpec();
        return new
        {
            resources = spec.Resources,
            total = spec.Total,
            available = spec.Available,
            processes = spec.Processes.Select(p => new
            {
                name = p.Name,
                allocation = p.Allocation,
                max = p.Max,
                request = p.Request,
                priority = p.Priority,
                cpu_time = p.CpuTime,
                rollbacks = p.Rollbacks,
                checkpoint = p.Checkpoint,
            }),
        };
    }
}
