namespace Arbiter.Store.Client;

/// <summary>
/// A watch stream broke and is about to be re-created: the <paramref name="Attempt"/>-th reconnection in a row,
/// to <paramref name="Endpoint"/>, after <paramref name="Delay"/>, from <paramref name="FromRevision"/> (0: from now,
/// when the store's revision was never learned), because of <paramref name="Reason"/>.
/// </summary>
/// <param name="Attempt">1 for the first try after a break, 2 if that one failed too, …</param>
/// <param name="FromRevision">The start revision of the re-created watch: the last delivered revision + 1.</param>
/// <param name="Endpoint">The endpoint tried (the next one of the client's list, in turn).</param>
/// <param name="Delay">The back-off waited before trying.</param>
/// <param name="Reason">What broke the stream (or the last try).</param>
public sealed record WatchResumed(int Attempt, long FromRevision, Uri Endpoint, TimeSpan Delay, string Reason);
