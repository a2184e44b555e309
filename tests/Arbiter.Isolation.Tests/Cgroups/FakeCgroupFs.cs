using Arbiter.Isolation.Cgroups;

namespace Arbiter.Isolation.Tests.Cgroups;

/// <summary>
/// An in-memory cgroup filesystem: directories, files, a log of writes in order, and tasks that die when killed.
/// <see cref="Populate"/> plays the kernel's part of filling a new group directory with control files.
/// </summary>
internal sealed class FakeCgroupFs : ICgroupFs
{
    public HashSet<string> Dirs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public List<string> Log { get; } = [];

    public List<int> Killed { get; } = [];

    /// <summary>Control files the "kernel" creates in a new directory (name → initial content).</summary>
    public Func<string, IEnumerable<KeyValuePair<string, string>>> Populate { get; set; } = _ => [];

    /// <summary>A write to a path ending in one of these names fails with an IOException (a kernel refusal).</summary>
    public HashSet<string> Refuse { get; } = new(StringComparer.Ordinal);

    /// <summary>Called after each successful write, to play kernel side effects (cgroup.kill empties cgroup.procs).</summary>
    public Action<string, string>? AfterWrite { get; set; }

    public bool Exists(string path) => Dirs.Contains(path) || Files.ContainsKey(path);

    public void CreateDirectory(string path)
    {
        Assert.True(Dirs.Contains(Path.GetDirectoryName(path)!), $"mkdir {path}: parent missing");
        Assert.True(Dirs.Add(path), $"mkdir {path}: exists");
        Log.Add($"mkdir {path}");
        foreach (var (file, content) in Populate(path))
        {
            Files[Path.Combine(path, file)] = content;
        }
    }

    public void RemoveDirectory(string path)
    {
        Assert.True(Dirs.Contains(path), $"rmdir {path}: missing");
        Assert.False(Dirs.Any(d => d.StartsWith(path + "/", StringComparison.Ordinal)), $"rmdir {path}: has children");
        string procs = Path.Combine(path, "cgroup.procs");
        if (Files.TryGetValue(procs, out string? p) && p.Trim().Length > 0)
        {
            throw new IOException("Device or resource busy");
        }

        Dirs.Remove(path);
        foreach (string f in Files.Keys.Where(f => f.StartsWith(path + "/", StringComparison.Ordinal)).ToList())
        {
            Files.Remove(f);
        }

        Log.Add($"rmdir {path}");
    }

    public IReadOnlyList<string> ListDirectories(string path) =>
        Dirs.Where(d => Path.GetDirectoryName(d) == path).Select(d => Path.GetFileName(d)).ToList();

    public string Read(string path) => Files.TryGetValue(path, out string? s) ? s : throw new FileNotFoundException("No such file or directory", path);

    public void Write(string path, string value)
    {
        if (Refuse.Contains(Path.GetFileName(path)))
        {
            throw new IOException($"Invalid argument : '{path}'");
        }

        if (!Files.ContainsKey(path) && !Path.GetFileName(path).StartsWith("cgroup.", StringComparison.Ordinal))
        {
            throw new FileNotFoundException("No such file or directory", path);
        }

        Log.Add($"write {path} {value}");
        if (Path.GetFileName(path) == "cgroup.procs")
        {
            Files[path] = Files.GetValueOrDefault(path, "") + value + "\n";
        }
        else
        {
            Files[path] = value;
        }

        AfterWrite?.Invoke(path, value);
    }

    public void Kill(int pid)
    {
        Killed.Add(pid);
        Log.Add($"kill {pid}");
        foreach (string f in Files.Keys.Where(f => f.EndsWith("/cgroup.procs", StringComparison.Ordinal)).ToList())
        {
            Files[f] = string.Join("", CgroupFiles.ParsePids(Files[f]).Where(p => p != pid).Select(p => $"{p}\n"));
        }
    }

    public void Pause(TimeSpan delay)
    {
    }

    /// <summary>Adds a directory (and its parents) that exists before the test, such as a mount point.</summary>
    public void Mount(string path)
    {
        for (string? d = path; d is not null && d != "/"; d = Path.GetDirectoryName(d))
        {
            Dirs.Add(d);
        }

        Dirs.Add("/");
    }
}
