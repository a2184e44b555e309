using System.Diagnostics;

namespace Arbiter.Ipc;

/// <summary>Ready-made <see cref="PeerLauncher"/>s.</summary>
public static class PeerLaunchers
{
    /// <summary>
    /// Starts the .NET program <paramref name="assemblyPath"/> (e.g. <c>arbiter.dll</c>) again with
    /// <paramref name="command"/> (e.g. <c>lab ipc peer</c>) and the peer's arguments. Relaunching yourself needs
    /// care: <see cref="Environment.ProcessPath"/> is the program's own apphost when it runs as <c>arbiter</c> (or via
    /// <c>dotnet run</c>), but it is <c>dotnet</c> under <c>dotnet arbiter.dll</c>, and the test host under
    /// <c>dotnet test</c>. So: our apphost if we are it; else the <c>dotnet</c> host (this one,
    /// <c>DOTNET_HOST_PATH</c>, or from PATH) with the assembly path. An apphost merely lying next to the assembly is
    /// not trusted: BenchmarkDotNet's generated projects, for one, copy their own apphost under the referenced
    /// program's name.
    /// </summary>
    public static PeerLauncher ForProgram(string assemblyPath, params string[] command)
    {
        ArgumentException.ThrowIfNullOrEmpty(assemblyPath);
        string name = Path.GetFileNameWithoutExtension(assemblyPath);
        string? self = Environment.ProcessPath;
        return peerArguments =>
        {
            ProcessStartInfo info;
            if (self is not null && string.Equals(Path.GetFileNameWithoutExtension(self), name, StringComparison.Ordinal))
            {
                info = new ProcessStartInfo(self);
            }
            else
            {
                info = new ProcessStartInfo(DotnetHost(self));
                info.ArgumentList.Add(assemblyPath);
            }

            foreach (string word in command.Concat(peerArguments))
            {
                info.ArgumentList.Add(word);
            }

            return info;
        };
    }

    private static string DotnetHost(string? self)
    {
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return host is not null && File.Exists(host) ? host : "dotnet";
    }
}
