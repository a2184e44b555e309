using System.Globalization;
using System.Net;

namespace Arbiter.Distributed.Tcp;

/// <summary>
/// The members of a TCP group: <c>1=127.0.0.1:7001,2=127.0.0.1:7002,3=127.0.0.1:7003</c> (ids ascending or not,
/// each once). Parse errors are one line naming the entry.
/// </summary>
public static class PeerList
{
    /// <summary>Parses a peer list; throws <see cref="FormatException"/> with a one-line message.</summary>
    public static IReadOnlyDictionary<int, IPEndPoint> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var peers = new SortedDictionary<int, IPEndPoint>();
        string[] entries = text.Split(',');
        for (int i = 0; i < entries.Length; i++)
        {
            string entry = entries[i].Trim();
            string where = $"peers: entry {i + 1} '{entry}'";
            int eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                throw new FormatException($"{where}: expected ID=HOST:PORT");
            }

            if (!int.TryParse(entry.AsSpan(0, eq), NumberStyles.None, CultureInfo.InvariantCulture, out int id) || id < 1)
            {
                throw new FormatException($"{where}: the id must be a positive integer");
            }

            if (!IPEndPoint.TryParse(entry[(eq + 1)..], out IPEndPoint? endpoint) || endpoint.Port == 0 || !entry[(eq + 1)..].Contains(':', StringComparison.Ordinal))
            {
                throw new FormatException($"{where}: expected an address HOST:PORT with a numeric IP and a port 1-65535");
            }

            if (!peers.TryAdd(id, endpoint))
            {
                throw new FormatException($"{where}: id {id} appears twice");
            }
        }

        if (peers.Values.GroupBy(e => e.ToString()).FirstOrDefault(g => g.Count() > 1) is { } shared)
        {
            throw new FormatException($"peers: address {shared.Key} is given to two ids");
        }

        return peers;
    }

    /// <summary>The list in its text form.</summary>
    public static string Format(IReadOnlyDictionary<int, IPEndPoint> peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        return string.Join(',', peers.OrderBy(p => p.Key).Select(p => FormattableString.Invariant($"{p.Key}={p.Value}")));
    }
}
