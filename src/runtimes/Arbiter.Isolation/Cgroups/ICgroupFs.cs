namespace Arbiter.Isolation.Cgroups;

/// <summary>
/// The few kernel operations cgroup management needs: the cgroup filesystem (mkdir, rmdir, read, one-write files)
/// and SIGKILL. <see cref="KernelCgroupFs"/> is the real kernel; tests use an in-memory fake so the file logic of
/// each cgroup version can be checked without root.
/// </summary>
internal interface ICgroupFs
{
    /// <summary>True when a file or directory exists at the path.</summary>
    bool Exists(string path);

    /// <summary>mkdir; a cgroup directory comes with its control files.</summary>
    void CreateDirectory(string path);

    /// <summary>rmdir of a cgroup directory (its control files go with it).</summary>
    void RemoveDirectory(string path);

    /// <summary>The names (not paths) of the subdirectories of a directory.</summary>
    IReadOnlyList<string> ListDirectories(string path);

    /// <summary>Reads a whole control file.</summary>
    string Read(string path);

    /// <summary>Writes a value in a single write(2), as cgroup files require.</summary>
    void Write(string path, string value);

    /// <summary>Sends SIGKILL to a task; a task that is already gone is not an error.</summary>
    void Kill(int pid);

    /// <summary>Waits a little before polling again (the kernel settles frozen or dying tasks asynchronously).</summary>
    void Pause(TimeSpan delay);
}
