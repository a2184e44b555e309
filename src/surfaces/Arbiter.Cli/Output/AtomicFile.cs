using Arbiter.Cli.App;

namespace Arbiter.Cli.Output;

/// <summary>
/// Writes an output file all at once: the content is produced in memory first, written to a temporary file beside
/// the target and renamed over it, so a failure never leaves a half-written picture behind.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, string content)
    {
        string full = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            throw new InputException($"{path}: directory does not exist");
        }

        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temporary, content);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new InputException($"{path}: cannot write: {e.Message}", e);
        }
    }
}
