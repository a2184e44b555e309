using System.CommandLine;
using Arbiter.Cli.App;

namespace Arbiter.Cli.Commands.Store;

/// <summary>
/// <c>arbiter store …</c>: a client of any store speaking etcd v3's JSON gateway — Arbiter's store or a real etcd —
/// for keys, transactions, watches, leases, locks and elections, plus Arbiter's own semaphores, reader-writer locks,
/// barriers and the live cross-client wait-for graph.
/// </summary>
internal static class StoreCommands
{
    public static Command Build(CliContext context)
    {
        var store = new Command("store", """
            A client of the replicated store (or of any etcd v3, through its JSON gateway): keys, transactions,
            watches, leases, locks and elections, and Arbiter's semaphores, reader-writer locks, barriers and the
            live wait-for graph across every client. Every command takes --endpoints (default $ARBITER_ENDPOINTS,
            else http://127.0.0.1:2379), --json and --timeout.

            Examples:
              arbiter store put greeting hello
              arbiter store get greeting --json
              arbiter store lock deploy -- ./deploy.sh
              arbiter store locks --graph
              arbiter store status --endpoints http://127.0.0.1:2379,http://127.0.0.1:2479
            """);
        store.Subcommands.Add(StoreKvCommands.Put(context));
        store.Subcommands.Add(StoreKvCommands.Get(context));
        store.Subcommands.Add(StoreKvCommands.Del(context));
        store.Subcommands.Add(StoreTxnCommand.Build(context));
        store.Subcommands.Add(StoreWatchCommand.Build(context));
        store.Subcommands.Add(StoreLeaseCommands.Build(context));
        store.Subcommands.Add(StoreLockCommand.Build(context));
        store.Subcommands.Add(StoreElectCommand.Build(context));
        store.Subcommands.Add(StoreCoordinationCommands.Semaphore(context));
        store.Subcommands.Add(StoreCoordinationCommands.ReadWriteLock(context));
        store.Subcommands.Add(StoreCoordinationCommands.Barrier(context));
        store.Subcommands.Add(StoreLocksCommand.Build(context));
        store.Subcommands.Add(StoreStatusCommand.Build(context));
        return store;
    }
}
