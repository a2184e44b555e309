namespace Arbiter.Core.Scheduling.Policies;

/// <summary>
/// Everything a policy may be configured with; each policy reads the settings it uses and ignores the rest.
/// </summary>
/// <param name="Quantum">Time slice of rr, lottery and stride (and every MLFQ level unless <paramref name="Mlfq"/> says otherwise).</param>
/// <param name="Aging">Priority scheduling: ticks of waiting per priority step (0: no aging).</param>
/// <param name="Seed">Seed of the lottery's random source.</param>
/// <param name="Mlfq">MLFQ settings; null: 3 queues with <paramref name="Quantum"/> each and an allotment of one quantum.</param>
/// <param name="Cfs">CFS settings; null: the defaults.</param>
public sealed record PolicySettings(long Quantum = 4, long Aging = 10, int Seed = 1, MlfqOptions? Mlfq = null, CfsOptions? Cfs = null);
