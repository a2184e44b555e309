using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Arbiter.Isolation.Cgroups;

namespace Arbiter.Isolation.Oci;

/// <summary>
/// What <c>arbiter oci</c> remembers about a container, in ROOT/ID/state.json (written atomically): its init's pid
/// and start time (so that a reused pid is not mistaken for it), bundle, rootfs and cgroup directories.
/// </summary>
public sealed record OciState
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The OCI version of the config it was created from.</summary>
    public required string OciVersion { get; init; }

    /// <summary>The container id.</summary>
    public required string Id { get; init; }

    /// <summary>The init's pid on the host.</summary>
    public required int Pid { get; init; }

    /// <summary>The init's start time (field 22 of /proc/PID/stat), to recognise a reused pid.</summary>
    public required long StartTime { get; init; }

    /// <summary>Absolute path of the bundle.</summary>
    public required string Bundle { get; init; }

    /// <summary>Absolute path of the rootfs.</summary>
    public required string Rootfs { get; init; }

    /// <summary>When it was created (UTC, ISO 8601).</summary>
    public required string Created { get; init; }

    /// <summary>The container's cgroup directories, removed by delete.</summary>
    public required IReadOnlyList<string> CgroupDirectories { get; init; }

    /// <summary>The config's annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>The status now, from the kernel: is the init alive (same start time, not a zombie), is the fifo still there.</summary>
    [JsonIgnore]
    public OciStatus Status => !IsAlive(Pid, StartTime) ? OciStatus.Stopped : File.Exists(FifoPath) ? OciStatus.Created : OciStatus.Running;

    /// <summary>The exec fifo that start opens (OCI "created" until then).</summary>
    [JsonIgnore]
    public string FifoPath { get; init; } = "";

    internal static string Directory(string root, string id) => Path.Combine(root, id);

    internal static string StatePath(string root, string id) => Path.Combine(root, id, "state.json");

    internal static string Fifo(string root, string id) => Path.Combine(root, id, "exec.fifo");

    /// <summary>Reads ROOT/ID/state.json; throws a bad-input <see cref="OciException"/> when there is no such container.</summary>
    public static OciState Load(string root, string id)
    {
        string file = StatePath(root, id);
        if (!File.Exists(file))
        {
            throw new OciException($"container '{id}' does not exist (no {file})");
        }

        try
        {
            var state = JsonSerializer.Deserialize<OciState>(File.ReadAllText(file), Options) ?? throw new JsonException("empty");
            return state with { FifoPath = Fifo(root, id) };
        }
        catch (JsonException e)
        {
            throw new OciException($"{file}: corrupt state ({e.Message.Split('.')[0]})", badInput: false, e);
        }
    }

    /// <summary>Writes the state atomically (temporary file, then rename).</summary>
    public void Save(string root)
    {
        string file = StatePath(root, Id);
        string temp = file + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Options));
        File.Move(temp, file, overwrite: true);
    }

    /// <summary>The OCI state document of <c>state ID</c> (runtime-spec runtime.md "State").</summary>
    public object ToDocument()
    {
        OciStatus status = Status;
        return new Dictionary<string, object>
        {
            ["ociVersion"] = OciVersion,
            ["id"] = Id,
            ["status"] = status.ToString().ToLowerInvariant(),
            ["pid"] = status == OciStatus.Stopped ? 0 : Pid,
            ["bundle"] = Bundle,
            ["rootfs"] = Rootfs,
            ["created"] = Created,
            ["annotations"] = Annotations,
        };
    }

    /// <summary>True while <paramref name="pid"/> runs with that start time and is not a zombie.</summary>
    internal static bool IsAlive(int pid, long startTime)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            int close = stat.LastIndexOf(')');
            string[] rest = stat[(close + 2)..].Split(' ');
            return rest[0] != "Z" && rest[0] != "X" && CgroupOwner.StartTimeFromStat(stat) == startTime;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    internal static long? StartTimeOf(int pid) => CgroupOwner.StartTimeOf(pid);
}
