using Arbiter.Sync.Primitives;
using Arbiter.Sync.Tracking;

namespace Arbiter.Sync.Labs;

/// <summary>
/// The seed's two-mutex deadlock as a program that happens not to deadlock: a transfer takes the account lock then
/// the audit lock, an audit later takes them the other way round. The two threads never overlap, so this run is
/// fine, but the validator reports the inversion the moment the second order is seen.
/// </summary>
public static class LockOrderExperiment
{
    /// <summary>Runs the program once under a fresh tracker.</summary>
    public static LockOrderResult Run()
    {
        using var tracker = new LockTracker(new LockTrackerOptions { WatchdogInterval = TimeSpan.Zero });
        var accounts = new MutexLock(new LockOptions { Name = "accounts", Tracker = tracker });
        var audit = new MutexLock(new LockOptions { Name = "audit-log", Tracker = tracker });
        int balance = 100;
        int audited = 0;

        var transfer = new Thread(() => Transfer(accounts, audit, ref balance)) { Name = "transfer" };
        transfer.Start();
        transfer.Join();
        var auditor = new Thread(() => Audit(accounts, audit, balance, ref audited)) { Name = "audit" };
        auditor.Start();
        auditor.Join();

        // Two scans confirm a deadlock; there is none, the threads have finished.
        tracker.Watchdog!.Scan();
        tracker.Watchdog.Scan();
        return new LockOrderResult(tracker.Validator!.Reports, tracker.Validator.Edges, tracker.Watchdog.Reports.Count, balance, audited);
    }

    private static void Transfer(MutexLock accounts, MutexLock audit, ref int balance)
    {
        accounts.Enter();
        balance -= 10;
        audit.Enter(); // accounts → audit-log
        audit.Exit();
        accounts.Exit();
    }

    private static void Audit(MutexLock accounts, MutexLock audit, int balance, ref int audited)
    {
        audit.Enter();
        accounts.Enter(); // audit-log → accounts: the inversion
        audited = balance;
        accounts.Exit();
        audit.Exit();
    }
}
