using Arbiter.Core.Distributed.Clocks;

namespace Arbiter.Distributed.Simulation;

/// <summary>
/// The simulator's side of one node: its instance, clocks, timers and stable storage, and the context handed to
/// it during a call, which only buffers effects (the simulator applies them after the call returns).
/// </summary>
internal sealed class SimNode<TMessage, TRecord>(Simulation<TMessage, TRecord> simulation, int id, int index, NodeClock clock)
    : INodeContext<TMessage, TRecord>
{
    private List<TRecord> _recovered = [];
    private bool _truncated;

    public int Id { get; } = id;

    public int Index { get; } = index;

    public NodeClock Clock { get; } = clock;

    public INode<TMessage, TRecord>? Instance { get; set; }

    public bool Up { get; set; }

    public int Incarnation { get; set; }

    public bool InCall { get; set; }

    /// <summary>True once the node has started (a node crashed before its start is not restarted early).</summary>
    public bool Started { get; private set; }

    public long Lamport { get; set; }

    public VectorTimestamp? Vector { get; set; }

    public Dictionary<string, long> Timers { get; } = new(StringComparer.Ordinal);

    public List<TRecord> Stable { get; } = [];

    public List<(int To, TMessage Message)> Sends { get; } = [];

    public List<(int To, TMessage Message)> EarlySends { get; } = [];

    public List<TRecord> Persists { get; } = [];

    /// <summary>Writes under way, oldest first (only with a disk latency; see <c>Simulation.Disk.cs</c>).</summary>
    public Queue<PendingWrite<TMessage, TRecord>> Writes { get; } = new();

    /// <summary>When the last write queued completes (true time, ticks): writes complete in order.</summary>
    public long LastWriteDone { get; set; }

    /// <summary>What a <c>Compact</c> call of the current step replaces stable storage with; null if none.</summary>
    public List<TRecord>? Compaction { get; set; }

    /// <summary>Set by a corrupt-tail fault; the next incarnation is told its storage was cut.</summary>
    public bool TailCut { get; set; }

    public List<(string Name, long Delay)> TimerOps { get; } = [];

    public List<object> Observed { get; } = [];

    public Random NodeRandom { get; set; } = null!;

    int INodeContext<TMessage, TRecord>.Self => Id;

    IReadOnlyList<int> INodeContext<TMessage, TRecord>.Members => simulation.Members;

    TimeSpan INodeContext<TMessage, TRecord>.Now => Clock.LocalAt(simulation.Now);

    Random INodeContext<TMessage, TRecord>.Random => NodeRandom;

    IReadOnlyList<TRecord> INodeContext<TMessage, TRecord>.Recovered => _recovered;

    bool INodeContext<TMessage, TRecord>.RecoveredTruncated => _truncated;

    /// <summary>A fresh incarnation: it recovers exactly what was persisted before the crash.</summary>
    public void Reset(INode<TMessage, TRecord> instance, Random random)
    {
        Instance = instance;
        NodeRandom = random;
        _recovered = [.. Stable];
        _truncated = TailCut;
        TailCut = false;
        Timers.Clear();
        ClearBuffers();
        Up = true;
        Started = true;
    }

    public void ClearBuffers()
    {
        Sends.Clear();
        EarlySends.Clear();
        Persists.Clear();
        Compaction = null;
        TimerOps.Clear();
        Observed.Clear();
    }

    void INodeContext<TMessage, TRecord>.Send(int destination, TMessage message)
    {
        RequireSendable(destination);
        Sends.Add((destination, message));
    }

    void INodeContext<TMessage, TRecord>.SendEarly(int destination, TMessage message)
    {
        RequireSendable(destination);
        EarlySends.Add((destination, message));
    }

    /// <summary>Both sends' checks: inside a call, to the client or a member of the simulation.</summary>
    private void RequireSendable(int destination)
    {
        RequireCall();
        if (destination != Simulation<TMessage, TRecord>.Client && !simulation.IsMember(destination))
        {
            throw new ArgumentOutOfRangeException(nameof(destination), destination, $"node {Id} sent to {destination}, which is not a member");
        }
    }

    void INodeContext<TMessage, TRecord>.SetTimer(string name, TimeSpan delay)
    {
        RequireCall();
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        TimerOps.Add((name, delay.Ticks));
    }

    void INodeContext<TMessage, TRecord>.CancelTimer(string name)
    {
        RequireCall();
        ArgumentNullException.ThrowIfNull(name);
        TimerOps.Add((name, -1));
    }

    void INodeContext<TMessage, TRecord>.Persist(TRecord record)
    {
        RequireCall();
        Persists.Add(record);
    }

    void INodeContext<TMessage, TRecord>.Compact(IReadOnlyList<TRecord> records)
    {
        RequireCall();
        ArgumentNullException.ThrowIfNull(records);
        Persists.Clear(); // replaced too: the contract says compaction covers this call's earlier records
        Compaction = [.. records];
    }

    void INodeContext<TMessage, TRecord>.Observe(object observation)
    {
        RequireCall();
        ArgumentNullException.ThrowIfNull(observation);
        Observed.Add(observation);
    }

    private void RequireCall()
    {
        if (!InCall)
        {
            // A node that kept its context and uses it later would act outside the runtime's order of effects.
            throw new InvalidOperationException($"node {Id} used its context outside a call (contexts are valid only during Start, Receive and Fire)");
        }
    }
}
