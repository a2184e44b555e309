namespace Arbiter.Distributed.Simulation;

/// <summary>A message a node sent to the pseudo-client (an answer to an external request).</summary>
/// <typeparam name="TMessage">The algorithm's message type.</typeparam>
/// <param name="At">True time at which it was sent.</param>
/// <param name="Node">The node that sent it.</param>
/// <param name="Message">The message.</param>
public sealed record ClientOutput<TMessage>(TimeSpan At, int Node, TMessage Message);
