using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Store.Client;
using Arbiter.Store.Gateway;

namespace Arbiter.Cli.Commands.Store;

/// <summary><c>arbiter store elect NAME [VALUE] [--listen]</c>: etcd's election — campaign and lead, or observe.</summary>
internal static class StoreElectCommand
{
    public static Command Build(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The election's name" };
        var value = new Argument<string?>("VALUE") { Description = "What the leader proclaims (campaign); leave out with --listen", Arity = ArgumentArity.ZeroOrOne };
        var listen = new Option<bool>("--listen", "-l") { Description = "Observe: print the leader's value now and at every change, until Ctrl-C or --count" };
        var count = new Option<long?>("--count") { Description = "With --listen: stop after this many leaders" };
        var hold = new HoldOptions();
        var (command, options) = StoreOptions.Command("elect", """
            Campaign in an election with VALUE under a fresh lease: wait to be elected (FIFO among candidates), print
            the leader key and its fencing token (the revision it was won at), and lead until Ctrl-C (then resign),
            or with --detach until the lease ends. With --listen, observe instead: one line per leader or value.

            Examples:
              arbiter store elect scheduler node-a
              arbiter store elect scheduler node-b --wait 5s --json
              arbiter store elect scheduler --listen
            """);
        command.Arguments.Add(name);
        command.Arguments.Add(value);
        command.Options.Add(listen);
        command.Options.Add(count);
        hold.AddTo(command, withCommand: false);
        options.SetAction(command, context, async (parse, run) =>
        {
            string election = parse.GetValue(name)!;
            string? proposal = parse.GetValue(value);
            if (parse.GetValue(listen))
            {
                if (proposal is not null)
                {
                    throw new InputException("VALUE: --listen observes; give a VALUE only to campaign");
                }

                long limit = parse.GetValue(count) is { } c ? StoreText.Positive(c, "--count") : long.MaxValue;
                return await ObserveAsync(context, run, election, limit, options.IsJson(parse)).ConfigureAwait(false);
            }

            if (proposal is null)
            {
                throw new InputException("VALUE: give a value to campaign with, or --listen to observe");
            }

            if (parse.GetValue(count) is not null)
            {
                throw new InputException("--count: only with --listen");
            }

            var holder = new Holder(run, hold.Read(parse));
            await holder.GrantAsync().ConfigureAwait(false);
            WireCampaignResponse won = await holder.AcquireAsync($"election {election}",
                token => run.Client.CampaignAsync(StoreText.Bytes(election), holder.Lease, StoreText.Bytes(proposal), token)).ConfigureAwait(false);
            WireLeaderKey leader = won.Leader ?? throw new StoreException(200, 0, $"election {election}: the answer has no leader key");
            if (options.IsJson(parse))
            {
                context.Json(new { name = election, value = proposal, key = StoreText.Text(leader.Key), token = leader.Rev, lease = StoreText.Lease(holder.Lease) });
            }
            else
            {
                context.Out.WriteLine($"elected {election}: {proposal} (key {StoreText.Text(leader.Key)}, fencing token {leader.Rev}, lease {StoreText.Lease(holder.Lease)})");
            }

            context.Out.Flush();
            return await holder.HoldAsync($"election {election}", () => run.Client.ResignAsync(leader, CancellationToken.None),
                new Dictionary<string, string>()).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> ObserveAsync(CliContext context, StoreRun run, string election, long limit, bool json)
    {
        long seen = 0;
        try
        {
            await foreach (WireLeaderResponse answer in run.Client.ObserveAsync(StoreText.Bytes(election), run.Interrupted).ConfigureAwait(false))
            {
                if (answer.Kv is not { } kv)
                {
                    continue;
                }

                context.Out.WriteLine(json
                    ? System.Text.Json.JsonSerializer.Serialize(new { name = election, value = StoreText.Text(kv.Value), key = StoreText.Text(kv.Key), token = kv.CreateRevision, revision = kv.ModRevision })
                    : $"{election}: {StoreText.Text(kv.Value)} (key {StoreText.Text(kv.Key)}, fencing token {kv.CreateRevision})");
                context.Out.Flush();
                if (++seen >= limit)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (run.Interrupted.IsCancellationRequested)
        {
            // Ctrl-C ends the observation.
        }

        return ArbiterApp.Ok;
    }
}
