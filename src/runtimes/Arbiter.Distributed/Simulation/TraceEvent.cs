using System.Globalization;
using System.Text;
using Arbiter.Core.Distributed.Clocks;

namespace Arbiter.Distributed.Simulation;

/// <summary>
/// One event of a run, stamped by the runtime (not by the algorithm) with the node's Lamport time and vector time.
/// Network events (drop, partition, heal) and crashes do not advance logical clocks; every other node event does.
/// </summary>
/// <param name="Index">Position in the run, from 0.</param>
/// <param name="Time">True (virtual) time.</param>
/// <param name="Node">The node the event happened at (0 for network-wide events).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Peer">The other end of a send, receive or drop; 0 otherwise (and for inputs: the pseudo-client).</param>
/// <param name="MessageId">Links a send with its receives and drops; 0 when no message is involved.</param>
/// <param name="Payload">The message, the observation, the record or the timer name.</param>
/// <param name="Lamport">The node's Lamport time after the event.</param>
/// <param name="Vector">The node's vector time after the event; null when the run records no trace.</param>
/// <param name="Incarnation">How many times the node had restarted when the event happened.</param>
/// <param name="Detail">Why a message was dropped, the groups of a partition; null otherwise.</param>
public sealed record TraceEvent(
    long Index,
    TimeSpan Time,
    int Node,
    TraceKind Kind,
    int Peer,
    long MessageId,
    object? Payload,
    long Lamport,
    VectorTimestamp? Vector,
    int Incarnation,
    string? Detail)
{
    /// <summary>One deterministic line: <c>#12 1.234ms P2 receive from P1 m7 Ping { } L=3 V=[1,2,0]</c>.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"#{Index} {Time.Ticks / 1e4:0.####}ms P{Node} {Kind.ToString().ToLowerInvariant()}");
        if (Kind is TraceKind.Send or TraceKind.Output)
        {
            text.Append(CultureInfo.InvariantCulture, $" to P{Peer}");
        }
        else if (Kind is TraceKind.Receive or TraceKind.Input)
        {
            text.Append(CultureInfo.InvariantCulture, $" from P{Peer}");
        }
        else if (Kind is TraceKind.Drop)
        {
            text.Append(CultureInfo.InvariantCulture, $" to P{Peer}");
        }

        if (MessageId != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" m{MessageId}");
        }

        if (Payload is not null)
        {
            text.Append(' ').Append(Payload);
        }

        if (Detail is not null)
        {
            text.Append(" (").Append(Detail).Append(')');
        }

        text.Append(CultureInfo.InvariantCulture, $" L={Lamport}");
        if (Vector is not null)
        {
            text.Append(" V=").Append(Vector);
        }

        return text.ToString();
    }
}
