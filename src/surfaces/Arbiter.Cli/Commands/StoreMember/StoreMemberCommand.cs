using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Store;
using Arbiter.Store.Client;
using Arbiter.Store.Gateway;

namespace Arbiter.Cli.Commands.StoreMember;

/// <summary>
/// <c>arbiter store member list|add|promote|remove</c>: the membership of a running store through etcd v3's cluster
/// API (/v3/cluster/member/*), so it changes Arbiter's store and a real etcd alike.
/// </summary>
internal static class StoreMemberCommand
{
    public static Command Build(CliContext context)
    {
        var member = new Command("member", """
            The members of a running store, changed one server at a time (Raft's single-server changes): add a new
            server as a learner, which receives the log but does not vote, promote it once it has caught up, remove
            a member (a removed leader steps down and the others elect a new one). The new member's peer URL travels
            in the configuration entry, so every member, and any member restarted later, learns where to reach it.
            Start the new server first with `arbiter store serve … --join`.

            Member ids: Arbiter's are the small integers of `serve --id`; etcd's are random 64-bit numbers. IDs are
            read and printed in decimal (the cluster API's JSON form); etcdctl prints them in hexadecimal, so give
            those with 0x (0x8e9e05c52164694d).

            Examples:
              arbiter store member list
              arbiter store member add http://127.0.0.1:2386 --learner
              arbiter store member promote 4 --wait 10s
              arbiter store member remove 1 --endpoints http://127.0.0.1:2381
            """);
        member.Subcommands.Add(List(context));
        member.Subcommands.Add(Add(context));
        member.Subcommands.Add(Promote(context));
        member.Subcommands.Add(Remove(context));
        return member;
    }

    private static Command List(CliContext context)
    {
        var (command, options) = StoreOptions.Command("list", """
            List the members: id, name, voter or learner, peer URLs and client URLs.

            Examples:
              arbiter store member list
              arbiter store member list --json
              arbiter store member list --endpoints http://127.0.0.1:2379,http://127.0.0.1:2381
            """);
        options.SetAction(command, context, async (parse, run) =>
        {
            WireMemberListResponse answer = await run.Client.MemberListAsync(run.Interrupted).ConfigureAwait(false);
            MemberOutput.Show(context, options.IsJson(parse), null, answer.Members);
            return ArbiterApp.Ok;
        });
        return command;
    }

    private static Command Add(CliContext context)
    {
        var url = new Argument<string>("PEER-URL") { Description = "Where the other members reach the new one: http://IP:PORT (its serve --peers address)" };
        var learner = new Option<bool>("--learner") { Description = "Add it as a learner: it catches up without voting; promote it afterwards (recommended)" };
        var id = new Option<string?>("--id") { Description = "Arbiter: the id to give it (its serve --id), above every id ever used; default: one more than the highest ever used (ids are never reused). etcd ignores it" };
        var (command, options) = StoreOptions.Command("add", """
            Add a member reachable by its peers at PEER-URL, as a learner (--learner) or straight as a voter. A voter
            added before it has caught up counts toward the quorum at once, so prefer --learner then promote. Prints
            the new member's id.

            Examples:
              arbiter store member add http://127.0.0.1:2386 --learner
              arbiter store member add http://127.0.0.1:2386 --learner --id 4 --json
            """);
        command.Arguments.Add(url);
        command.Options.Add(learner);
        command.Options.Add(id);
        options.SetAction(command, context, async (parse, run) =>
        {
            string peer = MemberOutput.PeerUrl(parse.GetValue(url)!);
            ulong wanted = parse.GetValue(id) is { } text ? MemberOutput.Id(text, "--id") : 0;
            WireMemberAddResponse answer = await run.Client.MemberAddAsync(peer, parse.GetValue(learner), wanted, run.Interrupted).ConfigureAwait(false);
            string what = answer.Member is { } m ? $"added member {m.Id} ({(m.IsLearner ? "learner" : "voter")}) at {peer}" : $"added a member at {peer}";
            MemberOutput.Show(context, options.IsJson(parse), what, answer.Members, answer.Member);
            return ArbiterApp.Ok;
        });
        return command;
    }

    private static Command Promote(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The learner's id (decimal; 0x… for hexadecimal)" };
        var wait = new Option<string?>("--wait") { Description = "While the learner is still catching up, ask again until this long has passed (500ms, 10s, 1m)" };
        var (command, options) = StoreOptions.Command("promote", """
            Make a learner a voter. The leader refuses while the learner is behind (etcd: "can only promote a
            learner member which is in sync with leader"); --wait asks again every 200 ms until it is in sync or the
            time is up.

            Examples:
              arbiter store member promote 4
              arbiter store member promote 4 --wait 10s --json
            """);
        command.Arguments.Add(id);
        command.Options.Add(wait);
        options.SetAction(command, context, async (parse, run) =>
        {
            ulong member = MemberOutput.Id(parse.GetValue(id)!, "ID");
            TimeSpan patience = parse.GetValue(wait) is { } text ? Labs.LabInput.ParseDuration(text, "--wait", TimeSpan.Zero, TimeSpan.FromHours(1)) : TimeSpan.Zero;
            DateTime deadline = DateTime.UtcNow + patience;
            while (true)
            {
                try
                {
                    WireMemberListResponse answer = await run.Client.MemberPromoteAsync(member, run.Interrupted).ConfigureAwait(false);
                    MemberOutput.Show(context, options.IsJson(parse), $"promoted member {member} to voter", answer.Members);
                    return ArbiterApp.Ok;
                }
                catch (StoreException e) when (e.Code == 9 && e.Message.Contains("in sync", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(200, run.Interrupted).ConfigureAwait(false);
                }
            }
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The member's id (decimal; 0x… for hexadecimal)" };
        var (command, options) = StoreOptions.Command("remove", """
            Remove a member, voter or learner. Removing the leader is allowed: it keeps leading until the change is
            committed, then steps down and the remaining voters elect a new leader. Ask another member afterwards.

            Examples:
              arbiter store member remove 4
              arbiter store member remove 1 --endpoints http://127.0.0.1:2381 --json
            """);
        command.Arguments.Add(id);
        options.SetAction(command, context, async (parse, run) =>
        {
            ulong member = MemberOutput.Id(parse.GetValue(id)!, "ID");
            WireMemberListResponse answer = await run.Client.MemberRemoveAsync(member, run.Interrupted).ConfigureAwait(false);
            MemberOutput.Show(context, options.IsJson(parse), $"removed member {member}", answer.Members);
            return ArbiterApp.Ok;
        });
        return command;
    }
}
