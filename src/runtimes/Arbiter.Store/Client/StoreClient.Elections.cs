using System.Text.Json;
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
    public async Task<WireStatusResponse> StatusAsync(Uri? endpoint = null, CancellationToken cancellation = default)
    {
        int only = endpoint is null ? -1 : Array.IndexOf(_endpoints, endpoint);
        if (endpoint is not null && only < 0)
        {
            throw new ArgumentException($"{endpoint} is not one of the client's endpoints", nameof(endpoint));
        }

        const string path = "v3/maintenance/status";
        (byte[] payload, int index) = await CallBytesAsync(path, "{}"u8.ToArray(), waits: false, only, cancellation).ConfigureAwait(false);
        return Parse(payload, WireJson.Default.WireStatusResponse, index, path);
    }
}
