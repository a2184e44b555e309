using Arbiter.Store.Commands;
using Arbiter.Store.Mvcc;
using Arbiter.Store.StateMachine;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Store.Tests.StateMachine;

/// <summary>The state machine against the linear-scan <see cref="ReferenceStore"/> on random command sequences.</summary>
public sealed class DifferentialTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(1500);

    [Fact]
    public void Apply_RandomCommands_SameResponsesEventsAndReadsAsReference()
    {
        var reads = Gen.ArrayOf(CommandGen.Range(), 4);
        Check.One(Config, Prop.ForAll(CommandGen.Commands(40).ToArbitrary(), reads.ToArbitrary(), (commands, queries) =>
        {
            var machine = new StoreStateMachine();
            var reference = new ReferenceStore();
            ulong index = 0;
            foreach (var command in commands)
            {
                index++;
                // Through the codec, as from the log.
                var got = machine.Apply(index, StoreCommandCodec.Encode(command));
                var want = reference.Apply(index, command);
                Assert.Equal(Canon.Of(want), Canon.Of(got));
                foreach (var q in queries)
                {
                    var error = machine.Range(q, out var response);
                    var (wantError, wantResponse) = reference.Range(q, reference.Rev);
                    Assert.Equal(wantError, error);
                    Assert.Equal(Canon.Of(wantResponse), Canon.Of(response));
                }
            }

            Assert.Equal(reference.Rev, machine.Revision);
            Assert.Equal(reference.Compacted, machine.CompactRevision);
        }));
    }

    [Fact]
    public void EventsSince_RandomHistory_SameEventsAsReference()
    {
        var watches = Gen.ArrayOf(
            from key in CommandGen.Key()
            from end in CommandGen.RangeEnd()
            from rev in Gen.Choose(0, 16)
            select (key, end, (long)rev), 6);
        Check.One(Config, Prop.ForAll(CommandGen.Commands(40).ToArbitrary(), watches.ToArbitrary(), (commands, ws) =>
        {
            var machine = new StoreStateMachine();
            var reference = new ReferenceStore();
            ulong index = 0;
            foreach (var command in commands)
            {
                machine.Apply(++index, command);
                reference.Apply(index, command);
            }

            foreach (var (key, end, from) in ws)
            {
                var error = machine.Kv.EventsSince(new KeyRange(key, end), from, out var got);
                var (wantError, want) = reference.EventsSince(key, end, from);
                Assert.Equal(wantError, error);
                Assert.Equal(Canon.Of(want), Canon.Of(got));
            }
        }));
    }

    [Fact]
    public void Restore_SnapshotMidLog_ThenRestOfLog_EqualsWholeLog()
    {
        Check.One(Config, Prop.ForAll(CommandGen.Commands(40).ToArbitrary(), Gen.Choose(0, 40).ToArbitrary(), (commands, cutAt) =>
        {
            int cut = Math.Min(cutAt, commands.Length);
            var entries = commands.Select(StoreCommandCodec.Encode).ToArray();
            var whole = new StoreStateMachine();
            var first = new StoreStateMachine();
            var wholeResults = new List<string>();
            for (int i = 0; i < entries.Length; i++)
            {
                wholeResults.Add(Canon.Of(whole.Apply((ulong)i + 1, entries[i])));
                if (i < cut)
                {
                    first.Apply((ulong)i + 1, entries[i]);
                }
            }

            var restored = new StoreStateMachine();
            restored.Restore(first.Snapshot());
            Assert.Equal((ulong)cut, restored.AppliedIndex);
            // Raft replays from an older index after a restart: those entries are skipped.
            for (int i = Math.Max(0, cut - 3); i < entries.Length; i++)
            {
                var result = restored.Apply((ulong)i + 1, entries[i]);
                if (i < cut)
                {
                    Assert.True(result.Skipped);
                    Assert.Empty(result.Events);
                }
                else
                {
                    Assert.Equal(wholeResults[i], Canon.Of(result));
                }
            }

            Assert.Equal(whole.Snapshot(), restored.Snapshot());
        }));
    }
}
