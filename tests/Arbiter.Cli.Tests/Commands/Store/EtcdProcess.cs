using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Arbiter.Cli.Tests.Commands.Store;

/// <summary>(A copy of Arbiter.Store.Tests' EtcdProcess: test projects do not reference each other.) A single-member etcd on free loopback ports in a temporary data directory, killed and removed on dispose.</summary>
internal sealed class EtcdProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private EtcdProcess(Process process, string directory, Uri endpoint)
    {
        _process = process;
        _directory = directory;
        Endpoint = endpoint;
    }

    /// <summary>The etcd binary, or null when it is not installed.</summary>
    public static string? Binary { get; } = new[] { "/usr/bin/etcd", "/usr/local/bin/etcd" }.FirstOrDefault(File.Exists);

    public Uri Endpoint { get; }

    public static async Task<EtcdProcess> StartAsync()
    {
        int client = FreePort(), peer = FreePort();
        string directory = Path.Combine(Path.GetTempPath(), "arbiter-etcd-" + Guid.NewGuid().ToString("N"));
        var info = new ProcessStartInfo(Binary ?? throw new InvalidOperationException("etcd is not installed"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (string arg in (string[])[
            "--name", "contract", "--data-dir", directory,
            "--listen-client-urls", $"http://127.0.0.1:{client}", "--advertise-client-urls", $"http://127.0.0.1:{client}",
            "--listen-peer-urls", $"http://127.0.0.1:{peer}", "--initial-advertise-peer-urls", $"http://127.0.0.1:{peer}",
            "--initial-cluster", $"contract=http://127.0.0.1:{peer}", "--log-level", "error"])
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var etcd = new EtcdProcess(process, directory, new Uri($"http://127.0.0.1:{client}/"));
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(etcd.Endpoint, "health"));
                if (response.IsSuccessStatusCode)
                {
                    return etcd;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        etcd.Dispose();
        throw new InvalidOperationException("etcd did not become healthy within 20 s");
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
