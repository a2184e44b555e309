using System.Diagnostics;

namespace Arbiter.Isolation.Rootfs;

/// <summary>Installs a Debian package with apt-get, non-interactively, reporting failure as one line.</summary>
internal static class AptInstaller
{
    /// <summary>Runs <c>apt-get install -y PACKAGE</c>; null on success, else why it failed (one line).</summary>
    public static string? Install(string package)
    {
        if (!File.Exists("/usr/bin/apt-get"))
        {
            return "apt-get is not available (not a Debian-based system)";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "installing packages needs root";
        }

        var psi = new ProcessStartInfo("/usr/bin/apt-get", ["install", "-y", "-q", "--no-install-recommends", package])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        try
        {
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            string stderr = p.StandardError.ReadToEnd();
            stdout.Wait();
            p.WaitForExit();
            if (p.ExitCode == 0)
            {
                return null;
            }

            // apt's last "E: …" line says why (no candidate, unreachable mirror, lock held).
            string? why = stderr.Split('\n').LastOrDefault(l => l.StartsWith("E: ", StringComparison.Ordinal))?[3..].Trim();
            return $"apt-get install {package} exited with {p.ExitCode}{(why is null ? "" : ": " + why)}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"cannot run apt-get: {e.Message}";
        }
    }
}
