using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arbiter.Store.Gateway;

namespace Arbiter.Store.Client;

// etcd v3's election API (/v3/election/*) and maintenance status: the same calls drive etcd and Arbiter.
public sealed partial class StoreClient
{
    /// <summary>
    /// Waits to lead the election <paramref name="name"/> while <paramref name="lease"/> lives, then leads with
    /// <paramref name="value"/>. The answer's leader key proves leadership; its revision is the fencing token.
    /// Not bounded by the timeout: cancel to give up.
    /// </summary>
    public Task<WireCampaignResponse> CampaignAsync(byte[] name, long lease, byte[] value, CancellationToken cancellation = default) =>
        CallAsync("v3/election/campaign", new WireCampaignRequest { Name = name, Lease = lease, Value = value },
            WireJson.Default.WireCampaignRequest, WireJson.Default.WireCampaignResponse, cancellation, waits: true);

    /// <summary>The leader publishes a new value (refused unless <paramref name="leader"/> still leads).</summary>
    public Task<WireHeaderResponse> ProclaimAsync(WireLeaderKey leader, byte[] value, CancellationToken cancellation = default) =>
        CallAsync("v3/election/proclaim", new WireProclaimRequest { Leader = leader, Value = value },
            WireJson.Default.WireProclaimRequest, WireJson.Default.WireHeaderResponse, cancellation);

    /// <summary>The current leader of an election (refused when nobody leads: etcd says "election: no leader").</summary>
    public Task<WireLeaderResponse> LeaderAsync(byte[] name, CancellationToken cancellation = default) =>
        CallAsync("v3/election/leader", new WireLeaderRequest { Name = name },
            WireJson.Default.WireLeaderRequest, WireJson.Default.WireLeaderResponse, cancellation);

    /// <summary>The leader steps down; the next candidate in line is elected.</summary>
    public Task<WireHeaderResponse> ResignAsync(WireLeaderKey leader, CancellationToken cancellation = default) =>
        CallAsync("v3/election/resign", new WireResignRequest { Leader = leader },
            WireJson.Default.WireResignRequest, WireJson.Default.WireHeaderResponse, cancellation);

    /// <summary>
    /// The status of one member: <paramref name="endpoint"/> (one of <see cref="Endpoints"/>) is asked, never
    /// another one, since each member answers for itself. Null asks the current endpoint, with failover.
    /// </summary>
    /// <remarks>
    /// etcd's <c>leader</c> is a uint64 member id, which <see cref="WireStatusResponse.Leader"/> holds in a long: an
    /// id above 2^63 (half of etcd's random ids) is carried as the long with the same 64 bits, so
    /// <c>(ulong)status.Leader</c> is the member id and compares equal to <see cref="WireHeader.MemberId"/>.
    /// </remarks>
    public async Task<WireStatusResponse> StatusAsync(Uri? endpoint = null, CancellationToken cancellation = default)
    {
        int only = endpoint is null ? -1 : Array.IndexOf(_endpoints, endpoint);
        if (endpoint is not null && only < 0)
        {
            throw new ArgumentException($"{endpoint} is not one of the client's endpoints", nameof(endpoint));
        }

        const string path = "v3/maintenance/status";
        (byte[] payload, int index) = await CallBytesAsync(path, "{}"u8.ToArray(), waits: false, only, cancellation).ConfigureAwait(false);
        try
        {
            if (JsonNode.Parse(payload) is JsonObject status
                && status["leader"] is JsonValue leader
                && leader.TryGetValue(out string? text)
                && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong id)
                && id > long.MaxValue)
            {
                status["leader"] = unchecked((long)id).ToString(CultureInfo.InvariantCulture);
                payload = Encoding.UTF8.GetBytes(status.ToJsonString());
            }
        }
        catch (JsonException)
        {
            // Parse below reports it.
        }

        return Parse(payload, WireJson.Default.WireStatusResponse, index, path);
    }
}
