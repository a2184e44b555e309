using System.Diagnostics;
using System.Text;
using Arbiter.Core.Distributed.Linearizability;
using Arbiter.Store.Client;

namespace Arbiter.Store.Checking;

/// <summary>
/// A Jepsen-style register workload against any store speaking etcd v3's JSON gateway: clients issue get, put,
/// compare-and-set and delete on a few shared keys and record each operation — call and return on one monotonic
/// clock, and ok, fail or unknown — in the history format <see cref="LinearizabilityChecker"/> checks. After the run
/// each key is read once more, so an acknowledged write that a crash lost shows up as a non-linearizable history.
/// </summary>
/// <remarks>
/// <para>Source: Kingsbury's Jepsen "register" and "cas-register" workloads; the outcome rules are Jepsen's: a
/// refusal the server gave before doing anything is <c>fail</c>; a timeout or a connection cut after the request was
/// sent is <c>unknown</c> (the write may have happened, at any later time); an unknown read is dropped by the checker.
/// The client never re-sends an operation whose outcome is unknown: that would turn one write into two.</para>
/// <para>Every written value is unique (<c>client.sequence</c>), so a read names the write it saw.</para>
/// </remarks>
public static class RegisterWorkload
{
    /// <summary>Runs the workload against <paramref name="endpoints"/> (each client fails over between them).</summary>
    public static async Task<RegisterWorkloadResult> RunAsync(IReadOnlyList<Uri> endpoints, RegisterWorkloadOptions options,
        Action<int>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        long origin = Stopwatch.GetTimestamp();
        long Now() => (Stopwatch.GetTimestamp() - origin) * 1_000_000 / Stopwatch.Frequency; // microseconds
        var history = new List<HistoryOperation>();
        int acknowledged = 0;
        string[] keys = [.. Enumerable.Range(0, options.Keys).Select(i => $"{options.KeyPrefix}{i}")];
        long deadline = Stopwatch.GetTimestamp() + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);

        void Record(HistoryOperation op)
        {
            lock (history)
            {
                history.Add(op);
                if (op.Status == OperationStatus.Ok && (op.Op is KvOperationKind.Put or KvOperationKind.Del || op.Succeeded == true))
                {
                    acknowledged++;
                }

                if (progress is not null && history.Count % 200 == 0)
                {
                    progress(history.Count);
                }
            }
        }

        async Task Client(int id)
        {
            using var client = new StoreClient(endpoints, options.Timeout);
            var random = new Random(HashCode.Combine(options.Seed, id));
            var lastSeen = new Dictionary<string, string?>();
            for (long sequence = 1; Stopwatch.GetTimestamp() < deadline && !cancellation.IsCancellationRequested; sequence++)
            {
                string key = keys[random.Next(keys.Length)];
                int roll = random.Next(100);
                HistoryOperation op = roll switch
                {
                    < 45 => new HistoryOperation { Client = id, Op = KvOperationKind.Get, Key = key },
                    < 75 => new HistoryOperation { Client = id, Op = KvOperationKind.Put, Key = key, Value = $"{id}.{sequence}" },
                    < 95 => new HistoryOperation { Client = id, Op = KvOperationKind.Cas, Key = key, Value = $"{id}.{sequence}", Expected = lastSeen.GetValueOrDefault(key) },
                    _ => new HistoryOperation { Client = id, Op = KvOperationKind.Del, Key = key },
                };
                HistoryOperation done = await ExecuteAsync(client, op with { Call = Now() }, Now, cancellation).ConfigureAwait(false);
                Record(done);
                if (done.Status == OperationStatus.Ok)
                {
                    lastSeen[key] = done.Op switch
                    {
                        KvOperationKind.Get => done.Output,
                        KvOperationKind.Del => null,
                        KvOperationKind.Cas when done.Succeeded != true => lastSeen.GetValueOrDefault(key),
                        _ => done.Value,
                    };
                }
                else
                {
                    await Task.Delay(options.Backoff, cancellation).ConfigureAwait(false);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(1, options.Clients).Select(id => Task.Run(() => Client(id), cancellation))).ConfigureAwait(false);

        // The final reads: one ok read per key, after every client has stopped, so each must see the last write.
        var finals = new Dictionary<string, string?>();
        using (var reader = new StoreClient(endpoints, options.Timeout))
        {
            long until = Stopwatch.GetTimestamp() + (long)(options.FinalReadWithin.TotalSeconds * Stopwatch.Frequency);
            foreach (string key in keys)
            {
                while (!cancellation.IsCancellationRequested)
                {
                    var get = new HistoryOperation { Client = 0, Op = KvOperationKind.Get, Key = key, Call = Now() };
                    HistoryOperation done = await ExecuteAsync(reader, get, Now, cancellation).ConfigureAwait(false);
                    Record(done);
                    if (done.Status == OperationStatus.Ok)
                    {
                        finals[key] = done.Output;
                        break;
                    }

                    if (Stopwatch.GetTimestamp() > until)
                    {
                        break;
                    }

                    await Task.Delay(options.Backoff * 4, cancellation).ConfigureAwait(false);
                }
            }
        }

        lock (history)
        {
            return new RegisterWorkloadResult([.. history.OrderBy(o => o.Call)], acknowledged, finals);
        }
    }

    private static async Task<HistoryOperation> ExecuteAsync(StoreClient client, HistoryOperation op, Func<long> now, CancellationToken cancellation)
    {
        byte[] key = Encoding.UTF8.GetBytes(op.Key);
        try
        {
            switch (op.Op)
            {
                case KvOperationKind.Get:
                    WireValue(await client.GetAsync(key, cancellation: cancellation).ConfigureAwait(false), out string? value);
                    return op with { Return = now(), Output = value, Status = OperationStatus.Ok };
                case KvOperationKind.Put:
                    await client.PutAsync(key, Encoding.UTF8.GetBytes(op.Value!), cancellation: cancellation).ConfigureAwait(false);
                    return op with { Return = now(), Status = OperationStatus.Ok };
                case KvOperationKind.Del:
                    await client.DeleteAsync(key, cancellation: cancellation).ConfigureAwait(false);
                    return op with { Return = now(), Status = OperationStatus.Ok };
                default:
                    bool set = await client.CompareAndSetAsync(key, op.Expected is null ? null : Encoding.UTF8.GetBytes(op.Expected),
                        Encoding.UTF8.GetBytes(op.Value!), cancellation).ConfigureAwait(false);
                    return op with { Return = now(), Succeeded = set, Status = OperationStatus.Ok };
            }
        }
        catch (StoreException e)
        {
            // Jepsen's rule: only a refusal known to have changed nothing is a failure; anything else may have applied.
            return op with { Return = now(), Status = e.Indeterminate ? OperationStatus.Unknown : OperationStatus.Fail };
        }
    }

    private static void WireValue(Gateway.WireKeyValue? kv, out string? value) =>
        value = kv?.Value is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
}
