using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Store.Gateway;

namespace Arbiter.Cli.Commands.Store;

/// <summary><c>arbiter store lock NAME [-- COMMAND…]</c>: etcd's distributed mutex, held by a lease with keep-alives.</summary>
internal static class StoreLockCommand
{
    public static Command Build(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The lock's name" };
        var hold = new HoldOptions();
        var (command, options) = StoreOptions.Command("lock", """
            Take a distributed lock (FIFO among waiters) under a fresh lease, print its key and fencing token, then
            hold it: while COMMAND runs (the lease kept alive; exits with the command's code), until Ctrl-C, or
            with --detach until the lease ends. The command sees ARBITER_LOCK_KEY, ARBITER_FENCING_TOKEN and
            ARBITER_LEASE (and etcdctl's ETCD_LOCK_KEY, ETCD_LOCK_REV). If the lease is lost while held, the
            command is killed and the exit code is 1: the lock is no longer held.

            Examples:
              arbiter store lock deploy -- ./deploy.sh --prod
              arbiter store lock deploy --wait 10s -- sh -c 'echo "token $ARBITER_FENCING_TOKEN"'
              arbiter store lock deploy --ttl 30 --detach --json
            """);
        command.Arguments.Add(name);
        hold.AddTo(command);
        options.SetAction(command, context, async (parse, run) =>
        {
            string lockName = parse.GetValue(name)!;
            var holder = new Holder(run, hold.Read(parse));
            await holder.GrantAsync().ConfigureAwait(false);
            WireLockResponse granted = await holder.AcquireAsync($"lock {lockName}",
                token => run.Client.LockAsync(StoreText.Bytes(lockName), holder.Lease, token)).ConfigureAwait(false);
            string key = StoreText.Text(granted.Key);
            long token = granted.Header?.Revision ?? 0;
            if (options.IsJson(parse))
            {
                context.Json(new { name = lockName, key, token, lease = StoreText.Lease(holder.Lease) });
            }
            else
            {
                context.Out.WriteLine($"locked {lockName}: key {key}, fencing token {token}, lease {StoreText.Lease(holder.Lease)}");
            }

            context.Out.Flush();
            string tokenText = token.ToString(CultureInfo.InvariantCulture);
            return await holder.HoldAsync($"lock {lockName}", () => run.Client.UnlockAsync(granted.Key!, CancellationToken.None),
                new Dictionary<string, string>
                {
                    ["ARBITER_LOCK_KEY"] = key,
                    ["ARBITER_FENCING_TOKEN"] = tokenText,
                    ["ARBITER_LEASE"] = StoreText.Lease(holder.Lease),
                    ["ETCD_LOCK_KEY"] = key,
                    ["ETCD_LOCK_REV"] = tokenText,
                }).ConfigureAwait(false);
        });
        return command;
    }
}
