using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Store.Client;
using Arbiter.Store.Gateway;

namespace Arbiter.Cli.Commands.Store;

/// <summary><c>arbiter store lease grant|revoke|keep-alive|ttl</c>: leases, with ids in hexadecimal as etcdctl shows them.</summary>
internal static class StoreLeaseCommands
{
    public static Command Build(CliContext context)
    {
        var lease = new Command("lease", """
            Leases: a lease lives for its TTL unless kept alive; the keys attached to it, and the locks, permits and
            leaderships it owns, go when it does.

            Examples:
              arbiter store lease grant 60
              arbiter store lease keep-alive 694d7a3e2b5c1e04
              arbiter store lease ttl 694d7a3e2b5c1e04 --keys
              arbiter store lease revoke 694d7a3e2b5c1e04
            """);
        lease.Subcommands.Add(Grant(context));
        lease.Subcommands.Add(Revoke(context));
        lease.Subcommands.Add(KeepAlive(context));
        lease.Subcommands.Add(TimeToLive(context));
        return lease;
    }

    private static Command Grant(CliContext context)
    {
        var ttl = new Argument<long>("TTL") { Description = "Seconds to live" };
        var (command, options) = StoreOptions.Command("grant", """
            Grant a lease of TTL seconds; prints its id (hexadecimal), which put --lease, lock and the others take.

            Examples:
              arbiter store lease grant 60
              arbiter store lease grant 10 --json
            """);
        command.Arguments.Add(ttl);
        options.SetAction(command, context, async (parse, run) =>
        {
            long seconds = parse.GetValue(ttl);
            if (seconds is < 1 or > 9_000_000_000)
            {
                throw new InputException($"TTL: must be a number of seconds between 1 and 9000000000, got {seconds}");
            }

            WireLeaseResponse answer = await run.Client.GrantLeaseAsync(seconds, cancellation: run.Interrupted).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(answer.Error))
            {
                throw new StoreException(200, 9, answer.Error);
            }

            if (options.IsJson(parse))
            {
                context.Json(new { id = StoreText.Lease(answer.Id), ttl = answer.Ttl, revision = answer.Header?.Revision ?? 0 });
            }
            else
            {
                context.Out.WriteLine($"lease {StoreText.Lease(answer.Id)} granted with TTL({answer.Ttl}s)");
            }

            return ArbiterApp.Ok;
        });
        return command;
    }

    private static Command Revoke(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The lease id (hexadecimal)" };
        var (command, options) = StoreOptions.Command("revoke", """
            Revoke a lease now: its keys are deleted and what it held (locks, permits, leadership) is released.

            Examples:
              arbiter store lease revoke 694d7a3e2b5c1e04
            """);
        command.Arguments.Add(id);
        options.SetAction(command, context, async (parse, run) =>
        {
            long lease = StoreText.LeaseId(parse.GetValue(id)!, "ID");
            WireHeaderResponse answer = await run.Client.RevokeLeaseAsync(lease, run.Interrupted).ConfigureAwait(false);
            if (options.IsJson(parse))
            {
                context.Json(new { id = StoreText.Lease(lease), revoked = true, revision = answer.Header?.Revision ?? 0 });
            }
            else
            {
                context.Out.WriteLine($"lease {StoreText.Lease(lease)} revoked");
            }

            return ArbiterApp.Ok;
        });
        return command;
    }

    private static Command KeepAlive(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The lease id (hexadecimal)" };
        var once = new Option<bool>("--once") { Description = "Renew once and exit" };
        var (command, options) = StoreOptions.Command("keep-alive", """
            Keep a lease alive: renew it every third of its TTL until Ctrl-C (or once with --once), printing each
            renewal. Exits 1 when the lease has expired or been revoked.

            Examples:
              arbiter store lease keep-alive 694d7a3e2b5c1e04
              arbiter store lease keep-alive 694d7a3e2b5c1e04 --once --json
            """);
        command.Arguments.Add(id);
        command.Options.Add(once);
        options.SetAction(command, context, async (parse, run) =>
        {
            long lease = StoreText.LeaseId(parse.GetValue(id)!, "ID");
            bool json = options.IsJson(parse);
            do
            {
                WireLeaseResponse answer = await run.Client.KeepAliveOnceAsync(lease, run.Interrupted).ConfigureAwait(false);
                if (answer.Ttl <= 0)
                {
                    throw new StoreException(404, 5, $"lease {StoreText.Lease(lease)} expired or revoked");
                }

                if (json && parse.GetValue(once))
                {
                    context.Json(new { id = StoreText.Lease(lease), ttl = answer.Ttl });
                }
                else
                {
                    context.Out.WriteLine($"lease {StoreText.Lease(lease)} keepalived with TTL({answer.Ttl})");
                    context.Out.Flush();
                }

                if (parse.GetValue(once))
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(Math.Max(answer.Ttl / 3.0, 0.5)), run.Interrupted).ConfigureAwait(false);
            }
            while (true);
            return ArbiterApp.Ok;
        });
        return command;
    }

    private static Command TimeToLive(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The lease id (hexadecimal)" };
        var keys = new Option<bool>("--keys") { Description = "Also list the keys attached to it" };
        var (command, options) = StoreOptions.Command("ttl", """
            Show how long a lease has left, and with --keys the keys attached to it. An expired or unknown lease is an
            answer, not an error: 'already expired', exit 0.

            Examples:
              arbiter store lease ttl 694d7a3e2b5c1e04
              arbiter store lease ttl 694d7a3e2b5c1e04 --keys --json
            """);
        command.Arguments.Add(id);
        command.Options.Add(keys);
        options.SetAction(command, context, async (parse, run) =>
        {
            long lease = StoreText.LeaseId(parse.GetValue(id)!, "ID");
            WireLeaseResponse answer = await run.Client.TimeToLiveAsync(lease, parse.GetValue(keys), run.Interrupted).ConfigureAwait(false);
            bool alive = answer.Ttl >= 0;
            if (options.IsJson(parse))
            {
                context.Json(new
                {
                    id = StoreText.Lease(lease),
                    alive,
                    granted_ttl = alive ? answer.GrantedTtl : (long?)null,
                    remaining_ttl = alive ? answer.Ttl : (long?)null,
                    keys = (answer.Keys ?? []).Select(StoreText.Text),
                });
                return ArbiterApp.Ok;
            }

            if (!alive)
            {
                context.Out.WriteLine($"lease {StoreText.Lease(lease)} already expired");
                return ArbiterApp.Ok;
            }

            string attached = parse.GetValue(keys) ? $", attached keys([{string.Join(' ', (answer.Keys ?? []).Select(StoreText.Text))}])" : "";
            context.Out.WriteLine($"lease {StoreText.Lease(lease)} granted with TTL({answer.GrantedTtl}s), remaining({answer.Ttl}s){attached}");
            return ArbiterApp.Ok;
        });
        return command;
    }
}
