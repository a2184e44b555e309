using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Arbiter.Ipc.Transports;

namespace Arbiter.Ipc;

/// <summary>
/// The running peer: a child process with its stdout (where it writes its delivery report), stderr (its error, if
/// any) and stdin (held open; its end-of-file tells the peer that the parent is gone) redirected. Disposing kills
/// and reaps it if it is still running, whatever happened — no stray processes.
/// </summary>
internal sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly CancellationTokenSource _gone = new();
    private readonly Lock _gate = new();
    private Task<string>? _stdout;
    private Task<string>? _stderr;
    private bool _disposed;

    private PeerProcess(Process process)
    {
        _process = process;
        // Subscribed before Start so that even an instant exit is seen.
        _process.Exited += OnExited;
    }

    /// <summary>Cancelled when the peer exits (for whatever reason): every wait on the link watches it.</summary>
    public CancellationToken Gone => _gone.Token;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Waits up to <paramref name="timeout"/> for the peer to exit; true if it has.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public static PeerProcess Start(ProcessStartInfo info, TransportHost host)
    {
        info.UseShellExecute = false;
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var peer = new PeerProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        try
        {
            host.BeforeStart();
            try
            {
                peer._process.Start();
            }
            finally
            {
                host.AfterStart();
            }
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            peer.Dispose();
            throw new IpcPeerException($"cannot start the peer process '{info.FileName}': {e.Message}", e);
        }

        peer._stdout = peer._process.StandardOutput.ReadToEndAsync();
        peer._stderr = peer._process.StandardError.ReadToEndAsync();
        return peer;
    }

    /// <summary>Waits for the peer to exit after its last frame and returns its delivery report.</summary>
    public DeliveryReport Finish(CancellationToken cancel)
    {
        _process.WaitForExitAsync(cancel).GetAwaiter().GetResult();
        if (_process.ExitCode != 0)
        {
            throw new IpcPeerException(Describe());
        }

        string output = _stdout!.GetAwaiter().GetResult();
        string? last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return (last is null ? null : JsonSerializer.Deserialize<DeliveryReport>(last))
            ?? throw new IpcPeerException($"the peer process (pid {_process.Id}) exited without a delivery report");
    }

    /// <summary>"the peer process (pid N) exited with code C: its first line of stderr".</summary>
    public string Describe()
    {
        if (!_process.WaitForExit(2000))
        {
            return $"the peer process (pid {_process.Id}) stopped answering";
        }

        string error = _stderr is not null && _stderr.Wait(2000) ? _stderr.Result : "";
        string first = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
        return $"the peer process (pid {_process.Id}) exited with code {_process.ExitCode}: {first}";
    }

    private void OnExited(object? sender, EventArgs e)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _gone.Cancel();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _process.Exited -= OnExited;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            // Reap it: after this no zombie or runaway child is left behind.
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
        _gone.Dispose();
    }
}
