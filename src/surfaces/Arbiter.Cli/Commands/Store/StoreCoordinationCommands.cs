using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Store.Gateway;

namespace Arbiter.Cli.Commands.Store;

/// <summary>
/// Arbiter's own coordination commands (etcd has none of them): <c>sem</c> (counting semaphore), <c>rwlock</c>
/// (reader-writer lock) and <c>barrier</c>. Each owner is a fresh lease, shown in the wait-for graph by --owner.
/// </summary>
internal static class StoreCoordinationCommands
{
    private static Option<string?> OwnerOption() => new("--owner") { Description = "A display name for this client in the wait-for graph (default HOST:PID)" };

    private static string Owner(ParseResult parse, Option<string?> owner) =>
        parse.GetValue(owner) ?? $"{Environment.MachineName}:{Environment.ProcessId}";

    public static Command Semaphore(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The semaphore's name" };
        var permits = new Option<int>("--permits", "-n") { Description = "N, its number of permits (must agree with the other holders)", Required = true };
        var units = new Option<int>("--units", "-k") { Description = "k, the permits to take (default 1)", DefaultValueFactory = _ => 1 };
        var tryOnly = new Option<bool>("--try") { Description = "Do not wait: exit 1 at once if the permits are not free now" };
        var owner = OwnerOption();
        var hold = new HoldOptions();
        var (command, options) = StoreOptions.Command("sem", """
            Take k of the N permits of a counting semaphore (Arbiter's; etcd has none) under a fresh lease, print
            the fencing token, then hold them while COMMAND runs, until Ctrl-C, or with --detach until the lease
            ends. A wait chosen as the victim of a cross-client deadlock is refused (exit 1).

            Examples:
              arbiter store sem gpus --permits 4 --units 2 -- ./train.sh
              arbiter store sem gpus --permits 4 --try --detach --ttl 30
              arbiter store sem gpus -n 4 -k 1 --owner alice --wait 5s --json
            """);
        command.Arguments.Add(name);
        command.Options.Add(permits);
        command.Options.Add(units);
        command.Options.Add(tryOnly);
        command.Options.Add(owner);
        hold.AddTo(command);
        options.SetAction(command, context, async (parse, run) =>
        {
            string resource = parse.GetValue(name)!;
            int n = parse.GetValue(permits);
            int k = parse.GetValue(units);
            if (n is < 1 or > 1_000_000)
            {
                throw new InputException($"--permits: must be between 1 and 1000000, got {n}");
            }

            if (k < 1 || k > n)
            {
                throw new InputException($"--units: must be between 1 and --permits ({n}), got {k}");
            }

            var holder = new Holder(run, hold.Read(parse));
            await holder.GrantAsync().ConfigureAwait(false);
            WireGrantResponse granted = await holder.AcquireAsync($"semaphore {resource}", token => run.Client.SemaphoreAcquireAsync(new WireAcquireRequest
            {
                Name = resource, Permits = n, Units = k, Lease = holder.Lease, Owner = Owner(parse, owner), Try = parse.GetValue(tryOnly),
            }, token)).ConfigureAwait(false);
            Report(context, options.IsJson(parse), resource, $"acquired {k} of {n} permits of {resource}", granted.Token, holder.Lease, new() { ["permits"] = n, ["units"] = k });
            return await holder.HoldAsync($"semaphore {resource}", () => run.Client.SemaphoreReleaseAsync(resource, holder.Lease, CancellationToken.None),
                ChildEnvironment(granted.Token, holder.Lease)).ConfigureAwait(false);
        });
        return command;
    }

    public static Command ReadWriteLock(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The lock's name" };
        var read = new Option<bool>("--read") { Description = "Shared: with other readers" };
        var write = new Option<bool>("--write") { Description = "Exclusive: alone" };
        var tryOnly = new Option<bool>("--try") { Description = "Do not wait: exit 1 at once if the lock is not free now" };
        var owner = OwnerOption();
        var hold = new HoldOptions();
        var (command, options) = StoreOptions.Command("rwlock", """
            Take a reader-writer lock (Arbiter's) shared (--read) or exclusive (--write) under a fresh lease, print
            the fencing token, then hold it while COMMAND runs, until Ctrl-C, or with --detach until the lease ends.

            Examples:
              arbiter store rwlock catalog --read -- ./report.sh
              arbiter store rwlock catalog --write --wait 30s -- ./migrate.sh
              arbiter store rwlock catalog --write --try --detach --json
            """);
        command.Arguments.Add(name);
        command.Options.Add(read);
        command.Options.Add(write);
        command.Options.Add(tryOnly);
        command.Options.Add(owner);
        hold.AddTo(command);
        options.SetAction(command, context, async (parse, run) =>
        {
            string resource = parse.GetValue(name)!;
            if (parse.GetValue(read) == parse.GetValue(write))
            {
                throw new InputException("--read or --write: give exactly one");
            }

            bool exclusive = parse.GetValue(write);
            var holder = new Holder(run, hold.Read(parse));
            await holder.GrantAsync().ConfigureAwait(false);
            WireGrantResponse granted = await holder.AcquireAsync($"rwlock {resource}", token => run.Client.ReadWriteLockAsync(new WireReadWriteLockRequest
            {
                Name = resource, Write = exclusive, Lease = holder.Lease, Owner = Owner(parse, owner), Try = parse.GetValue(tryOnly),
            }, token)).ConfigureAwait(false);
            Report(context, options.IsJson(parse), resource, $"{(exclusive ? "write" : "read")}-locked {resource}", granted.Token, holder.Lease,
                new() { ["mode"] = exclusive ? "write" : "read" });
            return await holder.HoldAsync($"rwlock {resource}", () => run.Client.ReadWriteUnlockAsync(resource, holder.Lease, CancellationToken.None),
                ChildEnvironment(granted.Token, holder.Lease)).ConfigureAwait(false);
        });
        return command;
    }

    public static Command Barrier(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The barrier's name" };
        var parties = new Option<int>("--parties", "-n") { Description = "N, the parties that must arrive (must agree with the others)", Required = true };
        var ttl = new Option<long>("--ttl") { Description = "TTL in seconds of the lease that owns the arrival, kept alive while waiting (default 60)", DefaultValueFactory = _ => 60 };
        var wait = new Option<string?>("--wait") { Description = "Give up (exit 1) if the others have not arrived within this long (default: until Ctrl-C)" };
        var owner = OwnerOption();
        var (command, options) = StoreOptions.Command("barrier", """
            Arrive at a barrier of N parties (Arbiter's) and wait until all N have arrived; then every party goes on
            with the same token (the revision that released the barrier).

            Examples:
              arbiter store barrier phase-1 --parties 3
              arbiter store barrier phase-1 --parties 3 --wait 1m --owner worker-2 --json
            """);
        command.Arguments.Add(name);
        command.Options.Add(parties);
        command.Options.Add(ttl);
        command.Options.Add(wait);
        command.Options.Add(owner);
        options.SetAction(command, context, async (parse, run) =>
        {
            string resource = parse.GetValue(name)!;
            int n = parse.GetValue(parties);
            if (n is < 1 or > 1_000_000)
            {
                throw new InputException($"--parties: must be between 1 and 1000000, got {n}");
            }

            long seconds = parse.GetValue(ttl);
            if (seconds is < 1 or > 9_000_000_000)
            {
                throw new InputException($"--ttl: must be a number of seconds between 1 and 9000000000, got {seconds}");
            }

            var holder = new Holder(run, (seconds,
                parse.GetValue(wait) is { } w ? Labs.LabInput.ParseDuration(w, "--wait", TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1)) : null,
                false, []));
            await holder.GrantAsync().ConfigureAwait(false);
            await using var keeper = Arbiter.Store.Client.LeaseKeeper.Start(run.Client, holder.Lease, TimeSpan.FromSeconds(seconds));
            WireGrantResponse passed = await holder.AcquireAsync($"barrier {resource}", token => run.Client.BarrierArriveAsync(new WireArriveRequest
            {
                Name = resource, Parties = n, Lease = holder.Lease, Owner = Owner(parse, owner),
            }, token)).ConfigureAwait(false);
            Report(context, options.IsJson(parse), resource, $"passed {resource}: all {n} parties arrived", passed.Token, holder.Lease, new() { ["parties"] = n });
            await run.Client.RevokeLeaseAsync(holder.Lease, CancellationToken.None).ConfigureAwait(false);
            return ArbiterApp.Ok;
        });
        return command;
    }

    private static void Report(CliContext context, bool json, string name, string text, long token, long lease, Dictionary<string, object?> extra)
    {
        if (json)
        {
            var document = new Dictionary<string, object?> { ["name"] = name, ["token"] = token, ["lease"] = StoreText.Lease(lease) };
            foreach (var (key, value) in extra)
            {
                document[key] = value;
            }

            context.Json(document);
        }
        else
        {
            context.Out.WriteLine($"{text}, fencing token {token}, lease {StoreText.Lease(lease)}");
        }

        context.Out.Flush();
    }

    private static Dictionary<string, string> ChildEnvironment(long token, long lease) => new()
    {
        ["ARBITER_FENCING_TOKEN"] = token.ToString(CultureInfo.InvariantCulture),
        ["ARBITER_LEASE"] = StoreText.Lease(lease),
    };
}
