using System.Diagnostics;
using System.Text;
using Arbiter.Distributed.Tracing;

namespace Arbiter.Store.Client;

/// <summary>
/// A closed-loop load generator over the gateway: <c>Clients</c> tasks, each with one request in flight, first put
/// <c>Operations</c> values, then read as many. The same run drives Arbiter and etcd, so their figures compare.
/// </summary>
/// <remarks>
/// Latency is measured per request with <see cref="Stopwatch"/> timestamps (monotonic), from just before the request
/// is sent to the moment its answer is parsed. Percentiles are exact: every latency is kept and sorted.
/// </remarks>
public static class StoreLoad
{
    /// <summary>Runs both phases; <paramref name="progress"/> gets (phase, done, total) now and then.</summary>
    public static async Task<IReadOnlyList<StoreLoadPhase>> RunAsync(StoreClient client, StoreLoadOptions options,
        Action<string, long, long>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var value = new byte[options.ValueSize];
        new Random(42).NextBytes(value);
        byte[][] keys = [.. Enumerable.Range(0, options.Keys).Select(i => Encoding.UTF8.GetBytes($"{options.KeyPrefix}{i:D8}"))];
        StoreLoadPhase puts = await PhaseAsync("put", options, i => client.PutAsync(keys[i % keys.Length], value, cancellation: cancellation), progress, cancellation).ConfigureAwait(false);
        StoreLoadPhase reads = await PhaseAsync("read", options, i => client.GetAsync(keys[i % keys.Length], options.SerializableReads, cancellation), progress, cancellation).ConfigureAwait(false);
        return [puts, reads];
    }

    private static async Task<StoreLoadPhase> PhaseAsync(string name, StoreLoadOptions options, Func<int, Task> operation,
        Action<string, long, long>? progress, CancellationToken cancellation)
    {
        long[] latencies = new long[options.Operations];
        int next = -1;
        long failed = 0, done = 0;
        string? firstError = null;
        long started = Stopwatch.GetTimestamp();

        async Task Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < options.Operations && !cancellation.IsCancellationRequested)
            {
                long t0 = Stopwatch.GetTimestamp();
                StageTrace.Mark(TraceStage.ClientSend);
                try
                {
                    await operation(i).ConfigureAwait(false);
                    StageTrace.Mark(TraceStage.ClientReceive);
                    latencies[i] = Stopwatch.GetTimestamp() - t0;
                }
                catch (StoreException e)
                {
                    latencies[i] = -1;
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }

                long count = Interlocked.Increment(ref done);
                if (progress is not null && count % 1000 == 0)
                {
                    progress(name, count, options.Operations);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => Task.Run(Worker, cancellation))).ConfigureAwait(false);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        long[] ok = [.. latencies.Where(l => l > 0).Order()];
        return new StoreLoadPhase(name, ok.Length, failed, elapsed, Percentile(ok, 0.50), Percentile(ok, 0.99), Percentile(ok, 0.999), firstError);
    }

    private static TimeSpan Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return TimeSpan.Zero;
        }

        // Nearest rank: the smallest value with at least p of the samples at or below it.
        int rank = Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1);
        return Stopwatch.GetElapsedTime(0, sorted[rank]);
    }
}
