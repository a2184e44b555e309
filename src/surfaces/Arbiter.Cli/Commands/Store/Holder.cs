using System.Diagnostics;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Store.Client;

namespace Arbiter.Cli.Commands.Store;

/// <summary>
/// Takes something from the store under a fresh lease and holds it: wait (bounded by --wait), then either leave it
/// to the lease (--detach), run a command while keeping the lease alive, or hold until Ctrl-C; then release it and
/// revoke the lease. If the lease is lost while holding, the command is killed: a lock whose lease expired is no
/// longer held, and work that carried on under it would be unprotected (etcd issue 11456).
/// </summary>
internal sealed class Holder
{
    private readonly StoreRun _run;
    private readonly (long Ttl, TimeSpan? Wait, bool Detach, string[] Command) _options;

    public Holder(StoreRun run, (long Ttl, TimeSpan? Wait, bool Detach, string[] Command) options)
    {
        _run = run;
        _options = options;
    }

    public long Lease { get; private set; }

    public async Task GrantAsync()
    {
        Lease = (await _run.Client.GrantLeaseAsync(_options.Ttl, cancellation: _run.Interrupted).ConfigureAwait(false)).Id;
    }

    /// <summary>Waits for <paramref name="acquire"/>, at most --wait; revokes the lease if it gives up.</summary>
    public async Task<T> AcquireAsync<T>(string what, Func<CancellationToken, Task<T>> acquire)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_run.Interrupted);
        if (_options.Wait is { } wait)
        {
            limit.CancelAfter(wait);
        }

        try
        {
            return await acquire(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_run.Interrupted.IsCancellationRequested)
        {
            await RevokeAsync().ConfigureAwait(false);
            throw new StoreException(0, 4, $"{what}: not granted within {_options.Wait!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
        }
        catch
        {
            await RevokeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Holds what was granted: returns at once with --detach; else keeps the lease alive while the command runs
    /// (returning its exit code) or until Ctrl-C (0); then <paramref name="release"/> and revoke.
    /// </summary>
    public async Task<int> HoldAsync(string what, Func<Task> release, IReadOnlyDictionary<string, string> environment)
    {
        if (_options.Detach)
        {
            return ArbiterApp.Ok;
        }

        int code = ArbiterApp.Ok;
        string? lost = null;
        LeaseKeeper keeper = LeaseKeeper.Start(_run.Client, Lease, TimeSpan.FromSeconds(_options.Ttl));
        try
        {
            if (_options.Command.Length > 0)
            {
                (code, lost) = await RunCommandAsync(keeper, environment).ConfigureAwait(false);
            }
            else
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(_run.Interrupted, keeper.Lost);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    lost = keeper.LostReason;
                }
            }
        }
        finally
        {
            await keeper.DisposeAsync().ConfigureAwait(false);
            if (lost is null)
            {
                try
                {
                    await release().ConfigureAwait(false);
                }
                catch (StoreException)
                {
                    // The revoke below releases it as well.
                }
            }

            await RevokeAsync().ConfigureAwait(false);
        }

        return lost is null
            ? code
            : throw new StoreException(0, 10, $"{what}: lost: {lost}{(_options.Command.Length > 0 ? "; the command was stopped" : "")}");
    }

    private async Task<(int Code, string? Lost)> RunCommandAsync(LeaseKeeper keeper, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(_options.Command[0]) { UseShellExecute = false };
        foreach (string argument in _options.Command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InputException($"COMMAND: '{_options.Command[0]}' did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InputException($"COMMAND: cannot run '{_options.Command[0]}': {e.Message}", e);
        }

        using (process)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(keeper.Lost, _run.Interrupted);
            try
            {
                await process.WaitForExitAsync(stop.Token).ConfigureAwait(false);
                return (process.ExitCode, null);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                return (keeper.LostReason is null ? 130 : ArbiterApp.Fault, keeper.LostReason);
            }
        }
    }

    private async Task RevokeAsync()
    {
        if (Lease == 0)
        {
            return;
        }

        try
        {
            await _run.Client.RevokeLeaseAsync(Lease, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StoreException)
        {
            // Already gone (expired) or unreachable: either way the lease ends within its TTL.
        }
    }
}
