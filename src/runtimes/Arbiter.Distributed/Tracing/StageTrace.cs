using System.Diagnostics;
using System.Globalization;

namespace Arbiter.Distributed.Tracing;

/// <summary>
/// Timestamps of the stages a request passes (<see cref="TraceStage"/>), kept in memory and written out when the
/// process exits: where one put's time goes, across the client and every member (docs/PERFORMANCE.md, "Where one
/// put's time goes"; bench/store/put-timeline.sh runs it). Off unless <c>ARBITER_STAGE_TRACE=DIR</c> is set.
/// </summary>
/// <remarks>
/// Why timestamps in memory and not EventSource or a log: a mark must cost less than the microseconds it measures,
/// on the loop thread, with no I/O and no allocation; an array slot claimed by one interlocked increment does.
/// The stamps are <see cref="Stopwatch.GetTimestamp"/>, which on Linux reads CLOCK_MONOTONIC, one clock for every
/// process on the machine, so the client's and the members' stamps line up. When off, a mark is one test of a
/// static readonly field, which the JIT folds away. When the buffer is full, later marks are dropped (counted).
/// </remarks>
public static class StageTrace
{
    /// <summary>The environment variable naming the directory the dumps go to (one file per process).</summary>
    public const string Variable = "ARBITER_STAGE_TRACE";

    private const int Capacity = 2_000_000;
    private static readonly string? DumpDirectory = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } dir ? dir : null;
    private static readonly long[] Stamps = new long[DumpDirectory is null ? 0 : Capacity];
    private static readonly byte[] Stages = new byte[Stamps.Length];
    private static readonly int[] Threads = new int[Stamps.Length];
    private static int _count;

#pragma warning disable CA1810 // the handler is registered only when tracing is on; an initializer cannot say that
    static StageTrace()
    {
        if (DumpDirectory is not null)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Write(Path.Combine(DumpDirectory, $"{Environment.ProcessId}.trace"));
        }
    }
#pragma warning restore CA1810

    /// <summary>True when <c>ARBITER_STAGE_TRACE</c> was set at start.</summary>
    public static bool Enabled => DumpDirectory is not null;

    /// <summary>Marks recorded so far (at most the capacity).</summary>
    public static int Count => Math.Min(Volatile.Read(ref _count), Stamps.Length);

    /// <summary>Stamps <paramref name="stage"/> now, on this thread; nothing when tracing is off.</summary>
    public static void Mark(TraceStage stage)
    {
        if (DumpDirectory is null)
        {
            return;
        }

        int slot = Interlocked.Increment(ref _count) - 1;
        if (slot < Stamps.Length)
        {
            Stamps[slot] = Stopwatch.GetTimestamp();
            Stages[slot] = (byte)stage;
            Threads[slot] = Environment.CurrentManagedThreadId;
        }
    }

    /// <summary>
    /// Writes the marks so far to <paramref name="path"/>: a header line <c># stage-trace pid P frequency F dropped D</c>,
    /// then one line per mark, <c>TIMESTAMP STAGE THREAD</c>, in the order they were claimed.
    /// </summary>
    public static void Write(string path)
    {
        int claimed = Volatile.Read(ref _count);
        int count = Math.Min(claimed, Stamps.Length);
        using var writer = new StreamWriter(path);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# stage-trace pid {Environment.ProcessId} frequency {Stopwatch.Frequency} dropped {claimed - count}"));
        for (int i = 0; i < count; i++)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Stamps[i]} {Stages[i]} {Threads[i]}"));
        }
    }
}
