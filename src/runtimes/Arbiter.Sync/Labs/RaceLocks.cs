using Arbiter.Sync.Spinning;

namespace Arbiter.Sync.Labs;

/// <summary>The locks the race lab knows by name, and what each one promises.</summary>
public static class RaceLocks
{
    /// <summary>Every name, in the order the lab shows them: the control, the blocking mutex, then the spinlocks.</summary>
    public static IReadOnlyList<string> Names { get; } = ["none", "mutex", "tas", "ttas", "ticket", "cas", "peterson", "bakery"];

    /// <summary>Creates the lock called <paramref name="name"/> for <paramref name="threads"/> threads.</summary>
    /// <exception cref="ArgumentException">The name is unknown, or the lock cannot serve that many threads.</exception>
    public static ICriticalSectionLock Create(string name, int threads)
    {
        if (Unsupported(name, threads) is { } reason)
        {
            throw new ArgumentException(reason, nameof(threads));
        }

        return name switch
        {
            "none" => new NoLock(),
            "mutex" => new RaceMutexAdapter(),
            "tas" => new TestAndSetLock(),
            "ttas" => new TestAndTestAndSetLock(),
            "ticket" => new TicketLock(),
            "cas" => new CasSpinLock(),
            "peterson" => new PetersonLock(),
            "bakery" => new BakeryLock(threads),
            _ => throw new ArgumentException($"unknown lock '{name}' (use {string.Join(", ", Names)})", nameof(name)),
        };
    }

    /// <summary>Why <paramref name="name"/> cannot run with <paramref name="threads"/> threads, or null when it can.</summary>
    public static string? Unsupported(string name, int threads) =>
        name == "peterson" && threads != 2 ? $"peterson needs exactly 2 threads (Peterson's algorithm is for two), not {threads}" : null;

    /// <summary>One line on how the lock waits and what it guarantees.</summary>
    public static string Describe(string name) => name switch
    {
        "none" => "no lock (the control)",
        "mutex" => "blocking: sleeps in the kernel",
        "tas" => "test-and-set spin, not FIFO",
        "ttas" => "test-and-test-and-set spin, not FIFO",
        "ticket" => "ticket spin, FIFO",
        "cas" => "CAS spin with backoff, not FIFO",
        "peterson" => "software, 2 threads, bounded wait 1",
        "bakery" => "software, n threads, FIFO",
        _ => throw new ArgumentException($"unknown lock '{name}'", nameof(name)),
    };
}
