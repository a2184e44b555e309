using Spectre.Console;

namespace Arbiter.Cli.Commands.Tour;

/// <summary>One example or exercise of the seeds, with the command a learner runs to reproduce it.</summary>
/// <param name="Week">Seed week (004's deck).</param>
/// <param name="Title">What the slide calls it.</param>
/// <param name="Question">The question it asks.</param>
/// <param name="Command">The equivalent <c>arbiter</c> command.</param>
/// <param name="Run">Runs the engine; writes the worked answer to the console when one is given.</param>
internal sealed record TourItem(int Week, string Title, string Question, string Command, Func<IAnsiConsole?, TourOutcome> Run);

/// <summary>The engine's answer to a <see cref="TourItem"/>, checked against the seed's own answer when it gives one.</summary>
/// <param name="Answer">One-line answer.</param>
/// <param name="Details">The machine-readable answer (for <c>--json</c>).</param>
/// <param name="SeedAnswer">What the seed says, or null for an exercise the seed leaves open.</param>
/// <param name="AgreesWithSeed">Whether the engine agrees with the seed's answer, or null when there is none.</param>
/// <param name="Correction">Why the seed is wrong, when it is.</param>
internal sealed record TourOutcome(string Answer, object Details, string? SeedAnswer = null, bool? AgreesWithSeed = null, string? Correction = null);
