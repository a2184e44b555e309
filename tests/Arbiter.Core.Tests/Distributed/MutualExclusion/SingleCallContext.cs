using Arbiter.Core.Distributed;

namespace Arbiter.Core.Tests.Distributed;

/// <summary>A context for calling a node by hand: it records what the node asked for and applies nothing.</summary>
internal sealed class SingleCallContext<TMessage, TRecord>(int self, IReadOnlyList<int> members, IReadOnlyList<TRecord>? recovered = null) : INodeContext<TMessage, TRecord>
{
    public List<(int To, TMessage Message)> Sent { get; } = [];

    public Dictionary<string, TimeSpan> Timers { get; } = [];

    public List<TRecord> Persisted { get; } = [];

    public List<object> Observed { get; } = [];

    public int Self => self;

    public IReadOnlyList<int> Members => members;

    public TimeSpan Now { get; set; }

    public Random Random { get; } = new(self);

    public IReadOnlyList<TRecord> Recovered => recovered ?? [];

    public bool RecoveredTruncated { get; set; }

    /// <summary>The records a <see cref="Compact"/> call replaced storage with (null if none).</summary>
    public List<TRecord>? Compacted { get; private set; }

    public void Send(int destination, TMessage message) => Sent.Add((destination, message));

    public void SetTimer(string name, TimeSpan delay) => Timers[name] = delay;

    public void CancelTimer(string name) => Timers.Remove(name);

    public void Persist(TRecord record) => Persisted.Add(record);

    public void Compact(IReadOnlyList<TRecord> records)
    {
        Persisted.Clear();
        Compacted = [.. records];
    }

    public void Observe(object observation) => Observed.Add(observation);
}
