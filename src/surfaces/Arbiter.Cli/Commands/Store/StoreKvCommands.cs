using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Store.Gateway;

namespace Arbiter.Cli.Commands.Store;

/// <summary><c>arbiter store put|get|del</c>: etcd's KV calls, printed as etcdctl prints them (key line, value line).</summary>
internal static class StoreKvCommands
{
    public static Command Put(CliContext context)
    {
        var key = new Argument<string>("KEY") { Description = "The key" };
        var value = new Argument<string>("VALUE") { Description = "The value (UTF-8 text)" };
        var lease = new Option<string?>("--lease") { Description = "Attach the key to this lease (hexadecimal id, from 'lease grant'): it goes when the lease does" };
        var prevKv = new Option<bool>("--prev-kv") { Description = "Also print the key-value it replaced" };
        var (command, options) = StoreOptions.Command("put", """
            Write VALUE at KEY (one new revision). Prints OK, and with --prev-kv the key-value it replaced.

            Examples:
              arbiter store put greeting hello
              arbiter store put session/alice online --lease 694d7a3e2b5c1e04
              arbiter store put greeting bonjour --prev-kv --json
            """);
        command.Arguments.Add(key);
        command.Arguments.Add(value);
        command.Options.Add(lease);
        command.Options.Add(prevKv);
        options.SetAction(command, context, async (parse, run) =>
        {
            long leaseId = parse.GetValue(lease) is { } l ? StoreText.LeaseId(l, "--lease") : 0;
            WirePutResponse answer = await run.Client.PutAsync(StoreText.Bytes(parse.GetValue(key)!), StoreText.Bytes(parse.GetValue(value)!),
                leaseId, parse.GetValue(prevKv), run.Interrupted).ConfigureAwait(false);
            if (options.IsJson(parse))
            {
                context.Json(new { revision = answer.Header?.Revision ?? 0, prev_kv = answer.PrevKv is { } p ? StoreText.Json(p) : null });
                return ArbiterApp.Ok;
            }

            context.Out.WriteLine("OK");
            if (answer.PrevKv is { } prev)
            {
                context.Out.WriteLine(StoreText.Text(prev.Key));
                context.Out.WriteLine(StoreText.Text(prev.Value));
            }

            return ArbiterApp.Ok;
        });
        return command;
    }

    public static Command Get(CliContext context)
    {
        var key = new Argument<string>("KEY") { Description = "The key, or the first key of a range" };
        var prefix = new Option<bool>("--prefix") { Description = "Every key starting with KEY" };
        var rangeEnd = new Option<string?>("--range-end") { Description = "Every key in [KEY, END)" };
        var rev = new Option<long>("--rev") { Description = "Read at this revision (default 0: the current one)" };
        var limit = new Option<long>("--limit") { Description = "At most this many keys (default 0: no limit)" };
        var keysOnly = new Option<bool>("--keys-only") { Description = "Print only the keys" };
        var serializable = new Option<bool>("--serializable") { Description = "A local read from the endpoint that answers (may be stale), not a linearizable one" };
        var (command, options) = StoreOptions.Command("get", """
            Read a key, or a range with --prefix or --range-end, printing each key then its value on the next line
            (as etcdctl does). A key that does not exist prints nothing and exits 0.

            Examples:
              arbiter store get greeting
              arbiter store get session/ --prefix --keys-only
              arbiter store get greeting --rev 2 --json
            """);
        command.Arguments.Add(key);
        foreach (Option option in (Option[])[prefix, rangeEnd, rev, limit, keysOnly, serializable])
        {
            command.Options.Add(option);
        }

        options.SetAction(command, context, async (parse, run) =>
        {
            if (parse.GetValue(prefix) && parse.GetValue(rangeEnd) is not null)
            {
                throw new InputException("--prefix and --range-end: give one or the other");
            }

            var (first, end) = StoreText.Range(parse.GetValue(key)!, parse.GetValue(prefix), parse.GetValue(rangeEnd));
            long limitValue = parse.GetValue(limit);
            if (limitValue < 0)
            {
                throw new InputException($"--limit: must be ≥ 0 (0: no limit), got {limitValue}");
            }

            var request = new WireRangeRequest
            {
                Key = first,
                RangeEnd = end,
                Revision = StoreText.Revision(parse.GetValue(rev), "--rev"),
                Limit = limitValue,
                KeysOnly = parse.GetValue(keysOnly),
                Serializable = parse.GetValue(serializable),
            };
            WireRangeResponse answer = await run.Client.RangeAsync(request, run.Interrupted).ConfigureAwait(false);
            IReadOnlyList<WireKeyValue> kvs = answer.Kvs ?? [];
            if (options.IsJson(parse))
            {
                context.Json(new { revision = answer.Header?.Revision ?? 0, count = answer.Count, more = answer.More, kvs = kvs.Select(StoreText.Json) });
                return ArbiterApp.Ok;
            }

            foreach (WireKeyValue kv in kvs)
            {
                context.Out.WriteLine(StoreText.Text(kv.Key));
                if (!request.KeysOnly)
                {
                    context.Out.WriteLine(StoreText.Text(kv.Value));
                }
            }

            return ArbiterApp.Ok;
        });
        return command;
    }

    public static Command Del(CliContext context)
    {
        var key = new Argument<string>("KEY") { Description = "The key, or the prefix with --prefix" };
        var prefix = new Option<bool>("--prefix") { Description = "Every key starting with KEY" };
        var prevKv = new Option<bool>("--prev-kv") { Description = "Also print the deleted key-values" };
        var (command, options) = StoreOptions.Command("del", """
            Delete a key, or every key under a prefix; prints how many were deleted (0 when there was none).

            Examples:
              arbiter store del greeting
              arbiter store del session/ --prefix --prev-kv
            """);
        command.Arguments.Add(key);
        command.Options.Add(prefix);
        command.Options.Add(prevKv);
        options.SetAction(command, context, async (parse, run) =>
        {
            var (first, end) = StoreText.Range(parse.GetValue(key)!, parse.GetValue(prefix));
            WireDeleteRangeResponse answer = await run.Client.DeleteAsync(first, end, parse.GetValue(prevKv), run.Interrupted).ConfigureAwait(false);
            if (options.IsJson(parse))
            {
                context.Json(new { revision = answer.Header?.Revision ?? 0, deleted = answer.Deleted, prev_kvs = (answer.PrevKvs ?? []).Select(StoreText.Json) });
                return ArbiterApp.Ok;
            }

            context.Out.WriteLine(answer.Deleted);
            foreach (WireKeyValue kv in answer.PrevKvs ?? [])
            {
                context.Out.WriteLine(StoreText.Text(kv.Key));
                context.Out.WriteLine(StoreText.Text(kv.Value));
            }

            return ArbiterApp.Ok;
        });
        return command;
    }
}
