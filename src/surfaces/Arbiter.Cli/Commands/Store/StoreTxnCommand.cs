using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Store.Gateway;

namespace Arbiter.Cli.Commands.Store;

/// <summary><c>arbiter store txn FILE</c>: compare, then the success or the failure branch, atomically.</summary>
internal static class StoreTxnCommand
{
    public static Command Build(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The transaction, YAML or JSON by extension; - reads YAML from standard input" };
        var (command, options) = StoreOptions.Command("txn", """
            Run a transaction: if every comparison holds, the success operations run, else the failure ones, all at
            one revision. Prints SUCCESS or FAILURE, then each operation's answer as 'get', 'put' and 'del' print.

            The file (YAML, or JSON):
              compare:                        # all must hold
                - {key: K, target: value|version|create|mod|lease, result: "=|!=|<|>", operand: X}
              success:                        # each one of put, get, del
                - put: {key: K, value: V, lease: ID}
                - get: {key: K, prefix: true, keys_only: false, limit: 0}
                - del: {key: K, prefix: false}
              failure:
                - get: {key: K}
            result defaults to "="; version, create and mod compare numbers, lease a hexadecimal id (0: none).

            Examples:
              arbiter store txn promote.yaml
              printf 'compare: [{key: k, target: version, operand: 0}]\nsuccess: [{put: {key: k, value: first}}]\n' | arbiter store txn -
              arbiter store txn promote.yaml --json
            """);
        command.Arguments.Add(file);
        options.SetAction(command, context, async (parse, run) =>
        {
            WireTxnRequest request = TxnDocument.Load(parse.GetValue(file)!, Console.In);
            WireTxnResponse answer = await run.Client.TxnAsync(request, run.Interrupted).ConfigureAwait(false);
            if (options.IsJson(parse))
            {
                context.Json(new
                {
                    succeeded = answer.Succeeded,
                    revision = answer.Header?.Revision ?? 0,
                    responses = (answer.Responses ?? []).Select(r => (object)(r switch
                    {
                        { ResponsePut: { } p } => new { op = "put", revision = p.Header?.Revision ?? answer.Header?.Revision ?? 0 },
                        { ResponseDeleteRange: { } d } => new { op = "del", deleted = d.Deleted },
                        { ResponseRange: { } g } => new { op = "get", count = g.Count, kvs = (g.Kvs ?? []).Select(StoreText.Json) },
                        _ => new { op = "unknown" },
                    })),
                });
                return ArbiterApp.Ok;
            }

            context.Out.WriteLine(answer.Succeeded ? "SUCCESS" : "FAILURE");
            foreach (WireResponseOp r in answer.Responses ?? [])
            {
                context.Out.WriteLine();
                if (r.ResponsePut is not null)
                {
                    context.Out.WriteLine("OK");
                }
                else if (r.ResponseDeleteRange is { } d)
                {
                    context.Out.WriteLine(d.Deleted);
                }
                else if (r.ResponseRange is { } g)
                {
                    foreach (WireKeyValue kv in g.Kvs ?? [])
                    {
                        context.Out.WriteLine(StoreText.Text(kv.Key));
                        context.Out.WriteLine(StoreText.Text(kv.Value));
                    }
                }
            }

            return ArbiterApp.Ok;
        });
        return command;
    }
}
