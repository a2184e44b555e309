namespace Arbiter.Sync.Labs;

/// <summary>How the philosophers pick up their forks (seed week 2, "The Dining Philosophers Problem").</summary>
public enum PhilosopherStrategy
{
    /// <summary>Left fork, then right fork: circular wait is possible and, run long enough, happens.</summary>
    Naive,

    /// <summary>Lower-numbered fork first (resource ordering): no circular wait, so no deadlock.</summary>
    Ordered,

    /// <summary>A waiter (a counting semaphore of seats − 1) lets at most n − 1 philosophers reach for forks.</summary>
    Waiter,

    /// <summary>Chandy and Misra (1984): dirty and clean forks passed on request; deadlock- and starvation-free.</summary>
    ChandyMisra,
}
