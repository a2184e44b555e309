using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Store.Client;
using Arbiter.Store.Gateway;

namespace Arbiter.Cli.Commands.Store;

/// <summary><c>arbiter store watch KEY</c>: every change to a key or prefix, one line each, as it happens.</summary>
internal static class StoreWatchCommand
{
    /// <summary>etcd's words for a start revision below the compaction (clientv3's ErrCompacted).</summary>
    public const string Compacted = "etcdserver: mvcc: required revision has been compacted";

    public static Command Build(CliContext context)
    {
        var key = new Argument<string>("KEY") { Description = "The key, or the prefix with --prefix" };
        var prefix = new Option<bool>("--prefix") { Description = "Every key starting with KEY" };
        var rev = new Option<long>("--rev") { Description = "Replay every change from this revision on, then go on live (default 0: from now)" };
        var prevKv = new Option<bool>("--prev-kv") { Description = "Also show each key's value before the change" };
        var count = new Option<long?>("--count") { Description = "Stop after this many events (default: until Ctrl-C)" };
        var (command, options) = StoreOptions.Command("watch", """
            Stream the changes to a key (or every key under a prefix) as they happen, one line per event:
              PUT <revision> <key> <value>        DELETE <revision> <key>
            With --prev-kv a PUT or DELETE also shows '(was <old value>)'. With --json each event is one JSON object
            on its own line (JSON Lines), so a script can read them as they come. Runs until Ctrl-C or --count.

            When the stream breaks (the member restarted or was killed, the connection reset), the watch reconnects
            to the next endpoint of --endpoints in turn, after a short back-off (100 ms, doubling up to 2 s), from the
            last printed revision + 1: every event is printed exactly once, in order. Each reconnection is said on
            stderr. If that revision was compacted meanwhile, the watch ends with etcd's error
            "mvcc: required revision has been compacted", exit 1.

            Examples:
              arbiter store watch greeting
              arbiter store watch session/ --prefix --prev-kv
              arbiter store watch greeting --rev 1 --count 5 --json
              arbiter store watch jobs/ --prefix --endpoints http://127.0.0.1:2379,http://127.0.0.1:22379
            """);
        command.Arguments.Add(key);
        command.Options.Add(prefix);
        command.Options.Add(rev);
        command.Options.Add(prevKv);
        command.Options.Add(count);
        options.SetAction(command, context, async (parse, run) =>
        {
            long limit = parse.GetValue(count) is { } c ? StoreText.Positive(c, "--count") : long.MaxValue;
            var (first, end) = StoreText.Range(parse.GetValue(key)!, parse.GetValue(prefix));
            var request = new WireWatchCreateRequest
            {
                Key = first,
                RangeEnd = end,
                StartRevision = StoreText.Revision(parse.GetValue(rev), "--rev"),
                PrevKv = parse.GetValue(prevKv),
            };
            bool json = options.IsJson(parse);
            long seen = 0;
            WatchResumed? last = null; // the latest reconnection, if any: a compaction after it is named as such
            void Resumed(WatchResumed r)
            {
                last = r;
                string from = r.FromRevision > 0 ? $"from revision {r.FromRevision}" : "from now";
                context.Err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"arbiter store watch: {r.Reason}; reconnecting to {r.Endpoint.ToString().TrimEnd('/')} {from} in {r.Delay.TotalMilliseconds:0} ms{(r.Attempt > 1 ? $" (try {r.Attempt})" : "")}"));
                context.Err.Flush();
            }

            using var done = CancellationTokenSource.CreateLinkedTokenSource(run.Interrupted);
            try
            {
                await foreach (WireWatchResponse message in run.Client.WatchResumingAsync(request, Resumed, cancellation: done.Token).ConfigureAwait(false))
                {
                    if (message.Canceled)
                    {
                        string why = message.CompactRevision > 0
                            ? $"{Compacted} ({(last is { } r ? $"resuming at revision {r.FromRevision} after a reconnect" : $"revision {request.StartRevision} asked")}; oldest kept: {message.CompactRevision})"
                            : message.CancelReason ?? "the store ended it";
                        throw new StoreException(400, 11, $"watch canceled: {why}");
                    }

                    foreach (WireEvent e in message.Events ?? [])
                    {
                        context.Out.WriteLine(json ? Compact(StoreText.Json(e)) : Line(e));
                        context.Out.Flush();
                        if (++seen >= limit)
                        {
                            return ArbiterApp.Ok;
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (run.Interrupted.IsCancellationRequested)
            {
                // Ctrl-C: the watch simply ends.
            }

            return ArbiterApp.Ok;
        });
        return command;
    }

    public static string Line(WireEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string was = e.PrevKv is { } p ? $" (was {StoreText.Text(p.Value)})" : "";
        return e.Type == "DELETE"
            ? $"DELETE {e.Kv?.ModRevision} {StoreText.Text(e.Kv?.Key)}{was}"
            : $"PUT {e.Kv?.ModRevision} {StoreText.Text(e.Kv?.Key)} {StoreText.Text(e.Kv?.Value)}{was}";
    }

    private static string Compact(object document) =>
        System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(CliContext.ToJson(document)).RootElement);
}
