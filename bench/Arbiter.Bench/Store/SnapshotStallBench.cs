using System.Diagnostics.CodeAnalysis;
using System.Text;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Distributed.Raft;
using Arbiter.Distributed.Tcp;
using Arbiter.Store.Commands;
using Arbiter.Store.Mvcc;
using Arbiter.Store.Replication;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Arbiter.Bench.Store;

/// <summary>
/// What one self-initiated snapshot costs a member's event loop, on a store of 40,000 revisions (1,000 keys × 40
/// versions of 256-byte values: the history <c>arbiter bench store</c> leaves after 40,000 puts), with a real
/// fsync'd record file. Category "stall", baseline: the old synchronous path (the state machine's Snapshot as it was
/// encoded before — a 64 KiB writer grown by doubling, then copied into the replica's — then FileRecordStore.Rewrite
/// of the image: encode, write, fsync, rename, directory fsync, all on the loop); against it the same with today's
/// encoder, and the pieces the loop still does with the background path: the Snapshot plus BeginRewrite, and later
/// the switch (CompleteRewrite of a finished rewrite with a one-batch tail). Category "encoder": the state machine's
/// Snapshot, old against new, and the record codec's encoding of the result (now on the background thread).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[SuppressMessage("Design", "CA1001", Justification = "the record file is disposed in [GlobalCleanup]")]
public class SnapshotStallBench
{
    private const int Keys = 1_000;
    private const int Revisions = 40_000;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "arbiter-snapbench-" + Guid.NewGuid().ToString("N"));
    private StoreReplica _replica = null!;
    private FileRecordStore<RaftRecord> _file = null!;
    private RaftRecord[] _batch = [];
    private byte[] _snapshot = [];

    [GlobalSetup]
    public void Setup()
    {
        _replica = new StoreReplica();
        var value = new byte[256];
        for (int i = 0; i < Revisions; i++)
        {
            value[0] = (byte)i;
            var put = new PutRequest { Key = Encoding.ASCII.GetBytes($"bench/{i % Keys:D8}"), Value = value };
            _replica.Apply(i + 1, StoreCommandCodec.Encode(new PutCommand(put)));
        }

        _snapshot = _replica.Snapshot();
        if (!OldSnapshot().AsSpan().SequenceEqual(_snapshot))
        {
            throw new InvalidOperationException("the old encoder's bytes differ from the new one's");
        }
        Directory.CreateDirectory(_dir);
        _file = new FileRecordStore<RaftRecord>(Path.Combine(_dir, "node-1.records"), RaftRecordCodec.Instance);
        _batch = [new RaftRecord.EntriesRecord([new RaftEntry(2, Revisions + 1, StoreCommandCodec.Encode(new PutCommand(new PutRequest { Key = "k"u8.ToArray(), Value = value })))])];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _file.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [IterationCleanup(Targets = [nameof(LoopShareBackground)])]
    public void FinishBackground()
    {
        SpinWait.SpinUntil(() => _file.RewriteReady);
        _file.CompleteRewrite();
    }

    [IterationSetup(Target = nameof(Switch))]
    public void StartBackground()
    {
        _file.BeginRewrite(Image(_snapshot));
        _file.Append(_batch);
        SpinWait.SpinUntil(() => _file.RewriteReady);
    }

    /// <summary>The old stall: snapshot the state machine (old encoder), then rewrite the file synchronously.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("stall")]
    public void OldLoopShareSynchronous() => _file.Rewrite(Image(OldSnapshot()));

    /// <summary>The synchronous path with today's encoder (what an InstallSnapshot still costs a follower).</summary>
    [Benchmark]
    [BenchmarkCategory("stall")]
    public void LoopShareSynchronous() => _file.Rewrite(Image(_replica.Snapshot()));

    /// <summary>The new loop share at the snapshot: snapshot the state machine, hand the image to the background.</summary>
    [Benchmark]
    [BenchmarkCategory("stall")]
    public void LoopShareBackground() => _file.BeginRewrite(Image(_replica.Snapshot()));

    /// <summary>The new loop share at the switch, later: the tail, an fsync, a rename, a directory fsync.</summary>
    [Benchmark]
    [BenchmarkCategory("stall")]
    public bool Switch() => _file.CompleteRewrite();

    /// <summary>The state machine's Snapshot as it was encoded before this change.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("encoder")]
    public int OldStateMachineSnapshot() => OldSnapshot().Length;

    /// <summary>The state machine's Snapshot alone (MVCC history, leases, coordination, sessions).</summary>
    [Benchmark]
    [BenchmarkCategory("encoder")]
    public int StateMachineSnapshot() => _replica.Snapshot().Length;

    /// <summary>Encoding the snapshot record alone (the record codec), without the file.</summary>
    [Benchmark]
    [BenchmarkCategory("encoder")]
    public int EncodeSnapshotRecord() => RaftRecordCodec.Instance.Encode(Image(_snapshot)[0]).Length;

    /// <summary>The replica's snapshot exactly as encoded before (no sessions here): the machine into a 64 KiB writer
    /// grown by doubling and copied out, then copied into a second writer and copied out again.</summary>
    private byte[] OldSnapshot()
    {
        var inner = new CommandWriter(1 << 16);
        _replica.Machine.WriteSnapshot(inner);
        byte[] machine = inner.ToArray();
        var w = new CommandWriter(machine.Length + 16);
        foreach (byte b in "ARSR"u8)
        {
            w.WriteByte(b);
        }

        w.WriteVarUInt(0);
        w.WriteBytes(machine);
        return w.ToArray();
    }

    private static RaftRecord[] Image(byte[] snapshot) =>
        [new RaftRecord.SnapshotRecord(new RaftSnapshot(Revisions, 2, snapshot)), new RaftRecord.HardStateRecord(new HardState(2, 1, Revisions, false))];
}
