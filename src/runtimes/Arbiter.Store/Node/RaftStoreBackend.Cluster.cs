using System.Globalization;
using System.Net;
using Arbiter.Core.Distributed.Raft;
using Arbiter.Store.Gateway;
using Arbiter.Store.Membership;
using Arbiter.Store.Server;

namespace Arbiter.Store.Node;

/// <content>
/// etcd v3's cluster API on Raft's single-server membership changes (dissertation §4.1; learners as etcd's), and the
/// address book that follows the configuration. Source: etcd's <c>server/etcdserver/server.go</c> (AddMember,
/// PromoteMember, RemoveMember: a ConfChange whose Context carries the member, applied by every server, which then
/// adds or removes the peer in its rafthttp transport) and <c>api/v3rpc/member.go</c> for the errors.
/// </content>
/// <remarks>
/// <para>Addresses travel with the change: the new member's peer URL is the change's <see cref="RaftConfChange.Context"/>,
/// so it is part of the configuration entry (and of every later one, and of snapshots); a host learns it when the
/// entry reaches its log (<see cref="RaftConfigurationChanged"/>) and a restarted member from its own log or
/// snapshot. The command line's <c>--peers</c> only seeds the initial configuration, whose addresses ride along in the
/// first configuration entry.</para>
/// <para>Ids: Arbiter's member ids are the small integers of <c>--id</c>, and an id is never used twice (a stale message
/// from a removed server must not count for a new one). etcd gets that from random uint64 ids plus a removed set;
/// Arbiter keeps small ids and makes them only grow: an add first proposes a <see cref="MemberIdCommand"/> that
/// takes one more than the highest id ever used — kept by the replicated <see cref="MemberRegistry"/>, so it
/// survives restarts and snapshots — or claims the id the request names if that is higher; a removal first records
/// the id as removed (what lets the group tell a removed server so, see <c>RaftStoreBackend.Removal.cs</c>). The id
/// is burnt even if the configuration change then fails, which costs nothing. Cost: each call is one linearizable
/// read of the configuration plus, for an add or a removal, two log entries (the id, then the change).</para>
/// </remarks>
public sealed partial class RaftStoreBackend
{
    // Node-thread state: every id this member has known (the floor it proposes with each member id command).
    private readonly HashSet<int> _everKnown = [];
    private RaftConfiguration? _inForce;

    /// <inheritdoc/>
    public async Task<WireMemberListResponse> MemberListAsync(WireMemberListRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ClusterView view = await LinearizableLocalAsync(View, cancellation).ConfigureAwait(false);
        return new WireMemberListResponse { Header = Header(0), Members = view.Members };
    }

    /// <inheritdoc/>
    public async Task<WireMemberAddResponse> MemberAddAsync(WireMemberAddRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PeerUrls is not { Count: > 0 } urls || urls.Any(u => ParsePeerUrl(u) is null))
        {
            throw new StoreRefusedException(3, "etcdserver: given member URLs are invalid");
        }

        if (urls.Count > 1)
        {
            throw new StoreRefusedException(3, "arbiter: a member has exactly one peer URL");
        }

        if (request.Id > int.MaxValue)
        {
            throw new StoreRefusedException(3, FormattableString.Invariant($"arbiter: member ids are 1 to {int.MaxValue}, got {request.Id}"));
        }

        IPEndPoint endpoint = ParsePeerUrl(urls[0])!;
        string peerUrl = PeerUrl(endpoint);
        ClusterView view = await LinearizableLocalAsync(View, cancellation).ConfigureAwait(false);
        if (view.Members.Any(m => m.PeerUrls is [var u] && ParsePeerUrl(u) is { } e && e.Equals(endpoint)))
        {
            throw new StoreRefusedException(9, "etcdserver: Peer URLs already exists");
        }

        if (request.Id != 0 && view.Members.Any(m => m.Id == request.Id))
        {
            throw new StoreRefusedException(9, "etcdserver: member ID already exist");
        }

        MemberIdResponse reserved = await MemberIdAsync(
            new MemberIdCommand(request.Id != 0 ? MemberIdAction.Claim : MemberIdAction.Next, view.Known, (int)request.Id), cancellation).ConfigureAwait(false);
        if (reserved.Id == 0)
        {
            throw new StoreRefusedException(9, FormattableString.Invariant(
                $"arbiter: member id {request.Id} may have been used before (ids are never reused: ask for one above {reserved.Highest}, or for none)"));
        }

        int id = reserved.Id;
        var change = new RaftConfChange(request.IsLearner ? RaftConfChangeType.AddLearner : RaftConfChangeType.AddVoter, id) { Context = peerUrl };
        long index = await ConfChangeAsync(change, cancellation).ConfigureAwait(false);
        ClusterView after = await LocalAsync(View, index, cancellation).ConfigureAwait(false);
        return new WireMemberAddResponse
        {
            Header = Header(0),
            Member = new WireMember { Id = (ulong)id, PeerUrls = [peerUrl], IsLearner = request.IsLearner },
            Members = after.Members,
        };
    }

    /// <inheritdoc/>
    public Task<WireMemberListResponse> MemberRemoveAsync(WireMemberIdRequest request, CancellationToken cancellation) =>
        ChangeMemberAsync(request, RaftConfChangeType.RemoveServer, cancellation);

    /// <inheritdoc/>
    public Task<WireMemberListResponse> MemberPromoteAsync(WireMemberIdRequest request, CancellationToken cancellation) =>
        ChangeMemberAsync(request, RaftConfChangeType.PromoteLearner, cancellation);

    /// <summary>The peer URL of <paramref name="endpoint"/>: http://IP:PORT.</summary>
    public static string PeerUrl(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return string.Create(CultureInfo.InvariantCulture, $"http://{endpoint}");
    }

    /// <summary>The address in a peer URL (http://IP:PORT with a numeric IP, a port 1–65535 and no path), or null.</summary>
    public static IPEndPoint? ParsePeerUrl(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttp || uri.IsDefaultPort
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0
            || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? address) || uri.Port is < 1 or > 65535)
        {
            return null;
        }

        return new IPEndPoint(address, uri.Port);
    }

    private async Task<WireMemberListResponse> ChangeMemberAsync(WireMemberIdRequest request, RaftConfChangeType type, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ClusterView view = await LinearizableLocalAsync(View, cancellation).ConfigureAwait(false);
        if (view.Members.FirstOrDefault(m => m.Id == request.Id) is not { } member)
        {
            throw new StoreRefusedException(5, "etcdserver: member not found");
        }

        if (type == RaftConfChangeType.PromoteLearner && !member.IsLearner)
        {
            throw new StoreRefusedException(9, "etcdserver: can only promote a learner member");
        }

        if (type == RaftConfChangeType.RemoveServer)
        {
            await MemberIdAsync(new MemberIdCommand(MemberIdAction.Remove, view.Known, (int)request.Id), cancellation).ConfigureAwait(false);
        }

        long index = await ConfChangeAsync(new RaftConfChange(type, (int)request.Id), cancellation).ConfigureAwait(false);
        ClusterView after = await LocalAsync(View, index, cancellation).ConfigureAwait(false);
        return new WireMemberListResponse { Header = Header(0), Members = after.Members };
    }

    /// <summary>Proposes a membership bookkeeping entry and returns what it did.</summary>
    private async Task<MemberIdResponse> MemberIdAsync(MemberIdCommand command, CancellationToken cancellation)
    {
        var (result, _) = await ProposeAsync(command, cancellation).ConfigureAwait(false);
        return result.Response as MemberIdResponse
            ?? throw new StoreRefusedException(2, $"arbiter: log entry {result.Index} answered {result.Response?.GetType().Name ?? result.Error.ToString()}, expected a member id");
    }

    /// <summary>Proposes <paramref name="change"/> through the leader and waits until the leader has applied it; returns its index.</summary>
    private async Task<long> ConfChangeAsync(RaftConfChange change, CancellationToken cancellation)
    {
        DateTime deadline = DateTime.UtcNow + _options.RequestTimeout;
        while (true)
        {
            long tag = NextTag();
            var pending = new Pending(proposal: false);
            _pending[tag] = pending;
            Inject(new RaftMessage.ClientConfChange(tag, change));
            RaftMessage.ClientReply reply = (await AwaitAsync(tag, pending.Reply.Task, deadline, cancellation).ConfigureAwait(false))!;
            if (reply.Status == RaftReplyStatus.Ok)
            {
                return reply.Index;
            }

            string reason = System.Text.Encoding.UTF8.GetString(reply.Result);
            if (reply.Status == RaftReplyStatus.Failed && !IsTransient(reason))
            {
                throw Refusal(change, reason);
            }

            await RetryDelayAsync(reply.Status, deadline, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Refusals that go away by themselves: a change still in flight, a new leader's first commit, a transfer; empty: the entry lost with its term.</summary>
    private static bool IsTransient(string reason) =>
        reason.Length == 0
        || reason.Contains("is not committed yet", StringComparison.Ordinal)
        || reason.Contains("has not yet committed an entry", StringComparison.Ordinal)
        || reason.Contains("is being transferred", StringComparison.Ordinal);

    /// <summary>The leader's refusal in etcd's words where etcd has them (api/v3rpc/rpctypes), else Arbiter's.</summary>
    private static StoreRefusedException Refusal(RaftConfChange change, string reason) => reason switch
    {
        _ when reason.Contains("is not caught up", StringComparison.Ordinal) =>
            new StoreRefusedException(9, "etcdserver: can only promote a learner member which is in sync with leader"),
        _ when reason.Contains("is not a learner", StringComparison.Ordinal) =>
            new StoreRefusedException(9, "etcdserver: can only promote a learner member"),
        _ when reason.Contains("is not a member", StringComparison.Ordinal) => new StoreRefusedException(5, "etcdserver: member not found"),
        _ when reason.Contains("is already a member", StringComparison.Ordinal) => new StoreRefusedException(9, "etcdserver: member ID already exist"),
        _ => new StoreRefusedException(9, $"arbiter: {change}: {reason}"),
    };

    // ---- node thread ----

    /// <summary>The members as this member's log has them (the latest configuration, committed or not).</summary>
    private ClusterView View()
    {
        RaftConfiguration config = _node!.Core.Configuration;
        var members = new List<WireMember>();
        foreach (int id in config.Members.Order())
        {
            IPEndPoint? endpoint = EndpointOf(config, id);
            members.Add(new WireMember
            {
                Id = (ulong)id,
                Name = string.Create(CultureInfo.InvariantCulture, $"member-{id}"),
                PeerUrls = endpoint is null ? [] : [PeerUrl(endpoint)],
                ClientUrls = id == Id && _options.ClientUrl is { } client ? [client] : null,
                IsLearner = config.IsLearner(id),
            });
        }

        _everKnown.UnionWith(config.Members);
        _everKnown.UnionWith(_options.Peers.Keys);
        return new ClusterView(members, Math.Max(_everKnown.Max(), _node.Replica.Machine.Members.Highest));
    }

    /// <summary>Where <paramref name="id"/> listens: the configuration's context, else the command line's address.</summary>
    private IPEndPoint? EndpointOf(RaftConfiguration config, int id) =>
        config.Contexts.TryGetValue(id, out string? url) && ParsePeerUrl(url) is { } endpoint ? endpoint
        : id == Id && _listened is { } self ? self
        : _startPeers.TryGetValue(id, out IPEndPoint? given) ? given : null;

    /// <summary>
    /// The configuration in force changed (at start, an entry appended or cut, a snapshot installed): link to every
    /// member whose address is known. Runs on the node's thread inside the call that changed it, so that call's
    /// messages already reach a member it added (a leader replicates to a new member before the entry commits).
    /// </summary>
    private void OnConfigurationChanged(RaftConfigurationChanged changed)
    {
        RaftConfiguration config = changed.Configuration;
        _inForce = config;
        _everKnown.UnionWith(config.Members);
        foreach (int id in config.Members)
        {
            if (id != Id && EndpointOf(config, id) is { } endpoint)
            {
                _host.SetPeer(id, endpoint);
            }
        }
    }

    /// <summary>
    /// A configuration entry was applied (committed): drop the links to servers that are members neither of it nor
    /// of the configuration in force. Not earlier, when the entry merely reached the log: a leader that removes
    /// itself still leads until the change commits (dissertation §4.2.2), and it can only learn that from the acks
    /// of the members it removed itself from — a follower that dropped the link at once would leave it unable to
    /// commit, and its clients unanswered, until check-quorum deposed it.
    /// </summary>
    private void OnConfigurationApplied(RaftConfigurationApplied applied)
    {
        RaftConfiguration config = applied.Configuration;
        foreach (int peer in _host.Peers.Keys.Where(p => !config.IsMember(p) && _inForce?.IsMember(p) != true).ToList())
        {
            _host.RemovePeer(peer);
        }
    }

    /// <summary>The members, and the highest id this member knows was used (the floor of the next id).</summary>
    private sealed record ClusterView(IReadOnlyList<WireMember> Members, int Known);
}
