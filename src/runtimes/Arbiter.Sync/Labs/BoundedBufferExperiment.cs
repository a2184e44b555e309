// Source: the producer-consumer problem as the seed (004, week 2) poses it, exercise ①–③: "a full program that
// simulates producers and consumers passing data through a shared buffer … experiment with changing the buffer
// size and the number of producers and consumers".
//
// Summary: P producer threads put the numbers 0 … K−1 (producer p puts p, p+P, p+2P, …) into one production
// BoundedBuffer of N slots; C consumer threads take until the buffer is completed and drained. Each consumed item
// ticks its slot in a count array and adds a hash of its number to a checksum, so that a lost item, a duplicate or
// a swapped value is caught three ways. The buffer reports its maximum occupancy and the time producers spent
// blocked (backpressure).
//
// Cost: O(K) memory for the count array; per item two semaphore operations and one mutex enter/exit.
using System.Diagnostics;
using Arbiter.Sync.Primitives;

namespace Arbiter.Sync.Labs;

/// <summary>The bounded-buffer lab: producers and consumers on real threads, exactly-once delivery checked.</summary>
public static class BoundedBufferExperiment
{
    /// <summary>Runs the experiment.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count that is not positive, or negative work.</exception>
    public static BoundedBufferResult Run(BoundedBufferOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Producers, nameof(options.Producers));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Consumers, nameof(options.Consumers));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Capacity, nameof(options.Capacity));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Items, nameof(options.Items));
        ArgumentOutOfRangeException.ThrowIfNegative(options.ProduceWork, nameof(options.ProduceWork));
        ArgumentOutOfRangeException.ThrowIfNegative(options.ConsumeWork, nameof(options.ConsumeWork));

        var buffer = new BoundedBuffer<int>(options.Capacity, new LockOptions { Name = "lab.buffer", FifoHandoff = options.FifoHandoff });
        int items = options.Items;
        var seen = new int[items];
        long consumed = 0;
        ulong checksum = 0;
        using var go = new ManualResetEventSlim();

        var producers = Enumerable.Range(0, options.Producers).Select(p => Start(() =>
        {
            go.Wait();
            for (int i = p; i < items; i += options.Producers)
            {
                Thread.SpinWait(options.ProduceWork);
                buffer.Put(i);
            }
        })).ToList();
        var consumers = Enumerable.Range(0, options.Consumers).Select(_ => Start(() =>
        {
            go.Wait();
            long mine = 0;
            ulong sum = 0;
            while (buffer.TryTake(out int item, Timeout.InfiniteTimeSpan))
            {
                Interlocked.Increment(ref seen[item]);
                sum += Hash(item);
                mine++;
                Thread.SpinWait(options.ConsumeWork);
            }

            Interlocked.Add(ref consumed, mine);
            lock (seen)
            {
                checksum += sum;
            }
        })).ToList();

        long start = Stopwatch.GetTimestamp();
        go.Set();
        producers.ForEach(t => t.Join());
        buffer.Complete();
        consumers.ForEach(t => t.Join());
        var elapsed = Stopwatch.GetElapsedTime(start);

        ulong expected = 0;
        long duplicates = 0, missing = 0;
        for (int i = 0; i < items; i++)
        {
            expected += Hash(i);
            duplicates += Math.Max(0, seen[i] - 1);
            missing += seen[i] == 0 ? 1 : 0;
        }

        return new BoundedBufferResult(items, consumed, duplicates, missing, expected, checksum, options.Capacity, buffer.MaxOccupancy,
            elapsed, items / Math.Max(elapsed.TotalSeconds, 1e-9), buffer.ProducerBlockedTime, buffer.ConsumerBlockedTime);
    }

    // A multiplicative hash (Knuth, TAOCP 3 §6.4): a swapped or altered value changes the sum, not just a lost one.
    private static ulong Hash(int item) => unchecked((ulong)(item + 1) * 0x9E3779B97F4A7C15UL);

    private static Thread Start(Action body)
    {
        var thread = new Thread(() => body()) { IsBackground = true };
        thread.Start();
        return thread;
    }
}
