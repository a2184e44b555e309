using System.Diagnostics;

namespace Arbiter.Ipc;

/// <summary>
/// How to start the peer process, given the arguments it must receive (see <see cref="PeerLaunchers"/>). The
/// experiment adds stream redirections and starts it; tests and benchmarks pass their own.
/// </summary>
public delegate ProcessStartInfo PeerLauncher(IReadOnlyList<string> peerArguments);
