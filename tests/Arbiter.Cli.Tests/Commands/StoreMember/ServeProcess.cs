using System.Diagnostics;
using Arbiter.Ipc;

namespace Arbiter.Cli.Tests.Commands.StoreMember;

/// <summary>One <c>arbiter store serve</c> process whose output lines, exit and exit code a test can wait for.</summary>
internal sealed class ServeProcess : IDisposable
{
    private static readonly PeerLauncher Serve = PeerLaunchers.ForProgram(Path.Combine(AppContext.BaseDirectory, "arbiter.dll"), "store", "serve");
    private readonly Process _process;
    private readonly List<string> _out = [];
    private readonly List<string> _err = [];

    public ServeProcess(params string[] args)
        : this(new Dictionary<string, string>(), args)
    {
    }

    /// <summary>Starts the member with <paramref name="environment"/> added to this process's environment.</summary>
    public ServeProcess(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ProcessStartInfo info = Serve(args);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Add(_out, e.Data);
        _process.ErrorDataReceived += (_, e) => Add(_err, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Out => Text(_out);

    public string Err => Text(_err);

    /// <summary>The first stdout line containing <paramref name="text"/>, waiting up to <paramref name="within"/>; null if none came.</summary>
    public async Task<string?> OutLineAsync(string text, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            lock (_out)
            {
                if (_out.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
                {
                    return line;
                }
            }

            await Task.Delay(50);
        }

        return null;
    }

    /// <summary>The exit code once the process exits within <paramref name="within"/>; null if it is still running.</summary>
    public async Task<int?> ExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            _process.WaitForExit(); // drains the output readers
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL (if still running).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static void Add(List<string> lines, string? line)
    {
        if (line is not null)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }

    private static string Text(List<string> lines)
    {
        lock (lines)
        {
            return string.Join("\n", lines);
        }
    }
}
