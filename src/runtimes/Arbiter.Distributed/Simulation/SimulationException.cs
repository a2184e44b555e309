namespace Arbiter.Distributed.Simulation;

/// <summary>A node threw during a run; the message names the seed, the time and the node so the run can be replayed.</summary>
public sealed class SimulationException : Exception
{
    /// <summary>Creates the error.</summary>
    public SimulationException(string message) : base(message) { }

    /// <summary>Creates the error.</summary>
    public SimulationException() : base("simulation failed") { }

    /// <summary>Creates the error, keeping the cause.</summary>
    public SimulationException(string message, Exception inner) : base(message, inner) { }
}
