using System.Text.Json;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Cli.Commands.Node;

/// <summary>
/// Turns the JSON lines of a real run back into the observation objects the simulator's checkers take, in the order
/// of the nodes' clocks (one machine, one clock: a message's receipt is always stamped after its sending).
/// </summary>
internal static class RealObservations
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// The observations whose type is one of <paramref name="types"/>, as (time since the first observation, node,
    /// value), ordered by time; at an equal time, <paramref name="first"/> types come first.
    /// </summary>
    public static IReadOnlyList<(TimeSpan At, int Node, object Value)> Typed(IEnumerable<NodeObservation> observations, IReadOnlyList<Type> types, params Type[] first)
    {
        var byName = types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var known = observations.Where(o => byName.ContainsKey(o.Type)).ToList();
        if (known.Count == 0)
        {
            return [];
        }

        double origin = known.Min(o => o.LocalMs);
        return
        [
            .. known
                .Select(o => (At: TimeSpan.FromMilliseconds(o.LocalMs - origin), o.Node, Value: o.Value.Deserialize(byName[o.Type], Options)!))
                .OrderBy(o => o.At)
                .ThenBy(o => first.Contains(o.Value.GetType()) ? 0 : 1),
        ];
    }

    /// <summary>The errors a stopped group reported, one line per node that wrote to stderr.</summary>
    public static string[] Errors(IReadOnlyDictionary<int, (int ExitCode, string Errors)> exits, IReadOnlyCollection<int>? killed = null) =>
        [.. exits.Where(e => e.Value.Errors.Length > 0 || (e.Value.ExitCode != 0 && killed?.Contains(e.Key) != true))
            .Select(e => $"node {e.Key} exited {e.Value.ExitCode}{(e.Value.Errors.Length > 0 ? ": " + e.Value.Errors.ReplaceLineEndings(" | ") : "")}")];
}
