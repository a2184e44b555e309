namespace Arbiter.Core.Distributed.ClockSync;

/// <summary>The messages of the three clock-synchronisation algorithms. Every exchange carries the requester's
/// sequence number, so a duplicated or late reply is never paired with the wrong request.</summary>
public abstract record ClockSyncMessage
{
    /// <summary>Cristian / NTP client → server: "what time is it?" NTP's <paramref name="T1"/> is the client's send time.</summary>
    /// <param name="Sequence">The request's number.</param>
    /// <param name="T1">Client's clock when sending (NTP's origin timestamp).</param>
    public sealed record TimeRequest(long Sequence, TimeSpan T1) : ClockSyncMessage;

    /// <summary>Server → client. Cristian uses <paramref name="T3"/> (the server's time); NTP uses all four stamps.</summary>
    /// <param name="Sequence">The request answered.</param>
    /// <param name="T1">Echoed origin timestamp.</param>
    /// <param name="T2">Server's clock when the request arrived.</param>
    /// <param name="T3">Server's clock when the reply left.</param>
    public sealed record TimeReply(long Sequence, TimeSpan T1, TimeSpan T2, TimeSpan T3) : ClockSyncMessage;

    /// <summary>Berkeley master → slave: "what does your clock say?"</summary>
    /// <param name="Round">The polling round.</param>
    public sealed record Poll(long Round) : ClockSyncMessage;

    /// <summary>Berkeley slave → master: its (corrected) clock.</summary>
    /// <param name="Round">The round.</param>
    /// <param name="Clock">The slave's clock when answering.</param>
    public sealed record PollReply(long Round, TimeSpan Clock) : ClockSyncMessage;

    /// <summary>Berkeley master → slave: "adjust your clock by <paramref name="By"/>" (relative, so transit time does not matter).</summary>
    /// <param name="Round">The round.</param>
    /// <param name="By">The adjustment.</param>
    public sealed record Adjust(long Round, TimeSpan By) : ClockSyncMessage;
}
