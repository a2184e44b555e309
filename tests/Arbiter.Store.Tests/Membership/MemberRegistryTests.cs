using Arbiter.Store.Commands;
using Arbiter.Store.Membership;
using Arbiter.Store.Mvcc;
using Arbiter.Store.StateMachine;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Store.Tests.Membership;

public sealed class MemberRegistryTests
{
    private static readonly ResponseHeader Header = new() { Revision = 1 };

    [Fact]
    public void Next_AfterARemoval_GivesANewIdNotTheRemovedOne()
    {
        var registry = new MemberRegistry();

        // Voters 1-3 from the command line: the first add gets 4; 4 is removed; the next add gets 5, not 4 again.
        Assert.Equal(4, registry.Apply(new MemberIdCommand(MemberIdAction.Next, 3, 0), Header).Id);
        Assert.Equal(4, registry.Apply(new MemberIdCommand(MemberIdAction.Remove, 4, 4), Header).Id);
        MemberIdResponse next = registry.Apply(new MemberIdCommand(MemberIdAction.Next, 3, 0), Header); // a proposer that never knew 4

        Assert.Equal((5, 5), (next.Id, next.Highest));
        Assert.True(registry.IsRemoved(4));
        Assert.False(registry.IsRemoved(5));
    }

    [Fact]
    public void Claim_AtOrBelowAnyIdUsed_Refused()
    {
        var registry = new MemberRegistry();
        registry.Apply(new MemberIdCommand(MemberIdAction.Next, 3, 0), Header); // 4

        Assert.Equal(0, registry.Apply(new MemberIdCommand(MemberIdAction.Claim, 3, 4), Header).Id);
        Assert.Equal(4, registry.Highest);
        Assert.Equal(0, registry.Apply(new MemberIdCommand(MemberIdAction.Claim, 9, 7), Header).Id); // below what the proposer knows
        Assert.Equal(9, registry.Highest); // what the proposer knew is used all the same
        Assert.Equal(10, registry.Apply(new MemberIdCommand(MemberIdAction.Claim, 9, 10), Header).Id);
        Assert.Equal(11, registry.Apply(new MemberIdCommand(MemberIdAction.Next, 0, 0), Header).Id);
    }

    [Fact]
    public void Snapshot_RestoredIntoAFreshMachine_NextIdStillNeverReused()
    {
        var machine = new StoreStateMachine();
        machine.Apply(1, new MemberIdCommand(MemberIdAction.Next, 3, 0));      // 4
        machine.Apply(2, new MemberIdCommand(MemberIdAction.Remove, 4, 4));
        machine.Apply(3, new PutCommand(new PutRequest { Key = [1], Value = [2] }));

        var restored = new StoreStateMachine();
        restored.Restore(machine.Snapshot());
        StoreResult next = restored.Apply(4, new MemberIdCommand(MemberIdAction.Next, 3, 0));

        Assert.Equal(4, restored.Members.Highest - 1); // the next command already ran
        Assert.Equal([4], restored.Members.Removed);
        Assert.Equal(5, ((MemberIdResponse)next.Response!).Id);
    }

    [Fact]
    public void Snapshot_NoMembershipCommand_BytesAsBeforeTheRegistryAndRestoresEmpty()
    {
        // A snapshot without the trailer is what every snapshot written before the registry looked like.
        var machine = new StoreStateMachine();
        machine.Apply(1, new PutCommand(new PutRequest { Key = [1], Value = [2] }));
        byte[] plain = machine.Snapshot();
        machine.Apply(2, new MemberIdCommand(MemberIdAction.Next, 3, 0));
        byte[] withRegistry = machine.Snapshot();

        var restored = new StoreStateMachine();
        restored.Restore(withRegistry);
        restored.Restore(plain);

        Assert.True(restored.Members.IsEmpty);
        Assert.Equal(plain.Length + 2, withRegistry.Length); // the same bytes plus highest (varint 4) and no removed ids
        Assert.Equal(plain.AsSpan(13).ToArray(), withRegistry.AsSpan(13, plain.Length - 13).ToArray()); // past the magic, format and applied index
    }

    [Fact]
    public void Codec_MemberIdCommand_RoundTripsAndRefusesBadActions()
    {
        var codec = new StoreCommandCodec();
        foreach (var command in new[] { new MemberIdCommand(MemberIdAction.Next, 3, 0), new MemberIdCommand(MemberIdAction.Claim, 7, 300), new MemberIdCommand(MemberIdAction.Remove, 300, 5) })
        {
            Assert.Equal(command, codec.Decode(StoreCommandCodec.Encode(command)));
        }

        byte[] bytes = StoreCommandCodec.Encode(new MemberIdCommand(MemberIdAction.Next, 3, 0));
        bytes[2] = 9; // no such action
        Assert.Throws<InvalidDataException>(() => codec.Decode(bytes));
    }

    /// <summary>
    /// Differential against a slow reference (the set of every id ever known, handed out, claimed or removed): on
    /// random command sequences, with a snapshot and restore at a random point, every id the registry hands out is
    /// above every id used before it — in particular never a removed one.
    /// </summary>
    [Fact]
    public void Apply_RandomSequencesWithARestore_NeverHandsOutAnIdUsedBefore()
    {
        Gen<MemberIdCommand> command =
            from action in Gen.Elements(MemberIdAction.Next, MemberIdAction.Claim, MemberIdAction.Remove)
            from known in Gen.Choose(0, 12)
            from member in Gen.Choose(1, 20)
            select new MemberIdCommand(action, known, action == MemberIdAction.Next ? 0 : member);
        Gen<(MemberIdCommand[], int)> run =
            from commands in Gen.ArrayOf(command).Select(c => c.Take(30).ToArray())
            from cut in Gen.Choose(0, 30)
            select (commands, cut);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(run.ToArbitrary(), t =>
        {
            var (commands, cut) = t;
            var machine = new StoreStateMachine();
            var used = new HashSet<int>();
            for (int i = 0; i < commands.Length; i++)
            {
                if (i == cut)
                {
                    var fresh = new StoreStateMachine();
                    fresh.Restore(machine.Snapshot());
                    machine = fresh;
                }

                MemberIdCommand c = commands[i];
                var response = (MemberIdResponse)machine.Apply((ulong)i + 1, c).Response!;
                int previous = used.Count == 0 ? 0 : used.Max();
                used.UnionWith(Enumerable.Range(1, c.Known));
                if (c.Action == MemberIdAction.Remove)
                {
                    Assert.Equal(c.Member, response.Id);
                    used.Add(c.Member);
                    Assert.True(machine.Members.IsRemoved(c.Member));
                    Assert.Equal(used.Max(), machine.Members.Highest);
                    continue;
                }

                bool fresh2 = c.Action == MemberIdAction.Next || c.Member > Math.Max(previous, c.Known);
                Assert.Equal(fresh2 ? (c.Action == MemberIdAction.Next ? Math.Max(previous, c.Known) + 1 : c.Member) : 0, response.Id);
                if (response.Id != 0)
                {
                    Assert.DoesNotContain(response.Id, used);
                    used.Add(response.Id);
                }

                Assert.Equal(used.Max(), machine.Members.Highest);
            }
        }));
    }
}
