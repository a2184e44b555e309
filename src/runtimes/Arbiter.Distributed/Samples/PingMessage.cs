using System.Text.Json.Serialization;

namespace Arbiter.Distributed.Samples;

/// <summary>The messages of <see cref="PingPongNode"/>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(Ping), "ping")]
[JsonDerivedType(typeof(Pong), "pong")]
public abstract record PingMessage;

/// <summary>Round <paramref name="Round"/> of a ping.</summary>
/// <param name="Round">The round, from 1.</param>
public sealed record Ping(int Round) : PingMessage;

/// <summary>The answer to <see cref="Ping"/> of round <paramref name="Round"/>.</summary>
/// <param name="Round">The round answered.</param>
public sealed record Pong(int Round) : PingMessage;
