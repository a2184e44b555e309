using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Store.Client;
using Arbiter.Store.Gateway;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Store;

/// <summary><c>arbiter store status</c>: each endpoint's member id, the leader it knows, its term and indexes.</summary>
internal static class StoreStatusCommand
{
    public static Command Build(CliContext context)
    {
        var (command, options) = StoreOptions.Command("status", """
            Ask every endpoint for its status (etcd's maintenance status): member id, version, the leader it
            knows, Raft term, last log index and applied index; the leader is marked. An endpoint that does not
            answer gets a row saying why; if none answers, one line naming them all, exit 1.

            Examples:
              arbiter store status
              arbiter store status --endpoints http://127.0.0.1:2379,http://127.0.0.1:2479,http://127.0.0.1:2579
              arbiter store status --json
            """);
        options.SetAction(command, context, async (parse, run) =>
        {
            var rows = new List<(Uri Endpoint, WireStatusResponse? Status, string? Error)>();
            foreach (Uri endpoint in run.Client.Endpoints)
            {
                try
                {
                    rows.Add((endpoint, await run.Client.StatusAsync(endpoint, run.Interrupted).ConfigureAwait(false), null));
                }
                catch (StoreException e)
                {
                    rows.Add((endpoint, null, e.Message));
                }
            }

            if (rows.All(r => r.Status is null))
            {
                throw new StoreException(0, 14, string.Join("; ", rows.Select(r => r.Error)));
            }

            if (options.IsJson(parse))
            {
                context.Json(new
                {
                    endpoints = rows.Select(r => new
                    {
                        endpoint = r.Endpoint.ToString().TrimEnd('/'),
                        member_id = r.Status?.Header is { } h ? StoreText.Member(h.MemberId) : null,
                        version = r.Status?.Version,
                        leader = r.Status is { } s ? StoreText.Member(s.Leader) : null,
                        is_leader = r.Status is { } l && l.Header is { } lh && l.Leader == lh.MemberId,
                        raft_term = r.Status?.RaftTerm,
                        raft_index = r.Status?.RaftIndex,
                        raft_applied_index = r.Status?.RaftAppliedIndex,
                        revision = r.Status?.Header?.Revision,
                        voters = r.Status?.Voters?.Select(v => StoreText.Member((ulong)v)),
                        learners = r.Status?.Learners?.Select(v => StoreText.Member((ulong)v)),
                        error = r.Error,
                    }),
                });
                return ArbiterApp.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded);
            foreach (string header in (string[])["endpoint", "member id", "version", "leader", "term", "raft index", "applied", "revision"])
            {
                table.AddColumn(header is "endpoint" or "member id" ? new TableColumn(header).NoWrap() : new TableColumn(header));
            }

            foreach (var (endpoint, status, error) in rows)
            {
                string url = Markup.Escape(endpoint.ToString().TrimEnd('/'));
                if (status is null)
                {
                    table.AddRow(url, "unreachable (below)", "", "", "", "", "", "");
                    continue;
                }

                bool leads = status.Header is { } h && status.Leader == h.MemberId;
                string leader = status.Leader == 0 ? "none known" : leads ? (context.IsTerminal ? "[bold green]* this one[/]" : "* this one") : StoreText.Member(status.Leader);
                table.AddRow(url, StoreText.Member(status.Header?.MemberId ?? 0), Markup.Escape(status.Version ?? ""), leader,
                    N(status.RaftTerm), N(status.RaftIndex), N(status.RaftAppliedIndex), N(status.Header?.Revision ?? 0));
            }

            context.Console.Write(table);
            foreach (var (_, _, error) in rows.Where(r => r.Error is not null))
            {
                context.Out.WriteLine($"unreachable: {error}");
            }

            return ArbiterApp.Ok;
        });
        return command;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
