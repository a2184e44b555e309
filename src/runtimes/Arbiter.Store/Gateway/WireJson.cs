using System.Text.Json.Serialization;

namespace Arbiter.Store.Gateway;

/// <summary>
/// The JSON conventions of etcd v3's gateway (grpc-gateway over protobuf's JSON mapping): int64 written as strings
/// and read from either, bytes as base64, zero and empty fields omitted, unknown fields ignored.
/// </summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(WireRangeRequest))]
[JsonSerializable(typeof(WireRangeResponse))]
[JsonSerializable(typeof(WirePutRequest))]
[JsonSerializable(typeof(WirePutResponse))]
[JsonSerializable(typeof(WireDeleteRangeRequest))]
[JsonSerializable(typeof(WireDeleteRangeResponse))]
[JsonSerializable(typeof(WireTxnRequest))]
[JsonSerializable(typeof(WireTxnResponse))]
[JsonSerializable(typeof(WireLeaseGrantRequest))]
[JsonSerializable(typeof(WireLeaseIdRequest))]
[JsonSerializable(typeof(WireLeaseResponse))]
[JsonSerializable(typeof(WireStreamed<WireLeaseResponse>))]
[JsonSerializable(typeof(WireLockRequest))]
[JsonSerializable(typeof(WireLockResponse))]
[JsonSerializable(typeof(WireUnlockRequest))]
[JsonSerializable(typeof(WireHeaderResponse))]
[JsonSerializable(typeof(WireError))]
[JsonSerializable(typeof(WireWatchRequest))]
[JsonSerializable(typeof(WireWatchResponse))]
[JsonSerializable(typeof(WireStreamed<WireWatchResponse>))]
[JsonSerializable(typeof(WireCompactionRequest))]
[JsonSerializable(typeof(WireCampaignRequest))]
[JsonSerializable(typeof(WireCampaignResponse))]
[JsonSerializable(typeof(WireProclaimRequest))]
[JsonSerializable(typeof(WireLeaderRequest))]
[JsonSerializable(typeof(WireLeaderResponse))]
[JsonSerializable(typeof(WireStreamed<WireLeaderResponse>))]
[JsonSerializable(typeof(WireResignRequest))]
[JsonSerializable(typeof(WireStatusRequest))]
[JsonSerializable(typeof(WireStatusResponse))]
[JsonSerializable(typeof(WireAcquireRequest))]
[JsonSerializable(typeof(WireReadWriteLockRequest))]
[JsonSerializable(typeof(WireArriveRequest))]
[JsonSerializable(typeof(WireReleaseRequest))]
[JsonSerializable(typeof(WireGrantResponse))]
[JsonSerializable(typeof(WireGraphRequest))]
[JsonSerializable(typeof(WireGraphResponse))]
[JsonSerializable(typeof(WireMemberListRequest))]
[JsonSerializable(typeof(WireMemberListResponse))]
[JsonSerializable(typeof(WireMemberAddRequest))]
[JsonSerializable(typeof(WireMemberAddResponse))]
[JsonSerializable(typeof(WireMemberIdRequest))]
public sealed partial class WireJson : JsonSerializerContext;
