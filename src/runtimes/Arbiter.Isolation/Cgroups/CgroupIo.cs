namespace Arbiter.Isolation.Cgroups;

/// <summary>File access that turns kernel errors into one-line <see cref="CgroupException"/>s naming the file.</summary>
internal static class CgroupIo
{
    public static void Write(ICgroupFs fs, string dir, string file, string value)
    {
        string path = Path.Combine(dir, file);
        try
        {
            fs.Write(path, value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CgroupException($"cannot write '{value}' to {path}: {Reason(e)}", e);
        }
    }

    public static string Read(ICgroupFs fs, string path)
    {
        try
        {
            return fs.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CgroupException($"cannot read {path}: {Reason(e)}", e);
        }
    }

    public static long? ReadNumber(ICgroupFs fs, string dir, string file)
    {
        string path = Path.Combine(dir, file);
        return CgroupFiles.ParseNumber(Read(fs, path), path);
    }

    /// <summary>The kernel's reason without .NET's " : 'path'" suffix (the caller names the path).</summary>
    public static string Reason(Exception e)
    {
        string m = e.Message;
        int cut = m.IndexOf(" : '", StringComparison.Ordinal);
        m = cut > 0 ? m[..cut] : m;
        return m.ReplaceLineEndings(" ").Trim();
    }
}
