using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Output;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Tour;

/// <summary><c>arbiter lab tour</c>: every deadlock example and exercise of the seeds, answered by the engine.</summary>
internal static class TourCommand
{
    public static Command Build(CliContext context)
    {
        var json = CommonOptions.Json();
        var brief = new Option<bool>("--brief") { Description = "One answer line per item, without the worked tables" };
        var week = new Option<int?>("--week") { Description = "Only the items of this seed week (3, 4 or 5)" };
        var command = new Command("tour", """
            Runs every deadlock example and exercise of seed weeks 3–5 through the engine and prints the answers.
            Where the seed states an answer, the tour checks it; where the seed is wrong, it says so and why.
            Each item names the command that reproduces it on the files under examples/.

            Examples:
              arbiter lab tour
              arbiter lab tour --brief
              arbiter lab tour --week 5 --json
            """) { json, brief, week };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            int? only = parse.GetValue(week);
            var items = DeadlockTour.Items().Where(i => only is null || i.Week == only).ToList();
            if (items.Count == 0)
            {
                throw new InputException($"--week: no tour items for week {only} (weeks 3, 4 and 5 have them)");
            }

            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    items = items.Select(item =>
                    {
                        var outcome = item.Run(null);
                        return new
                        {
                            week = item.Week,
                            title = item.Title,
                            question = item.Question,
                            command = item.Command,
                            answer = outcome.Answer,
                            details = outcome.Details,
                            seed_answer = outcome.SeedAnswer,
                            agrees_with_seed = outcome.AgreesWithSeed,
                            correction = outcome.Correction,
                        };
                    }),
                });
                return ArbiterApp.Ok;
            }

            bool short_ = parse.GetValue(brief);
            var console = context.Console;
            int disagreements = 0;
            int n = 1;
            foreach (var item in items)
            {
                if (!short_)
                {
                    console.Write(new Rule($"[bold]{n}. Week {item.Week} · {Format.Escape(item.Title)}[/]").LeftJustified());
                    console.MarkupLine($"[bold]Q:[/] {Format.Escape(item.Question)}");
                    console.MarkupLine($"[dim]$ {Format.Escape(item.Command)}[/]");
                }

                var outcome = item.Run(short_ ? null : console);
                console.MarkupLine(short_
                    ? $"{n}. [bold]Week {item.Week} · {Format.Escape(item.Title)}[/]: {Format.Escape(outcome.Answer)}"
                    : $"[bold]Answer:[/] {Format.Escape(outcome.Answer)}");
                if (outcome.AgreesWithSeed is true)
                {
                    console.MarkupLine($"   [green]✓ agrees with the seed[/] ({Format.Escape(outcome.SeedAnswer!)})");
                }
                else if (outcome.AgreesWithSeed is false)
                {
                    disagreements++;
                    console.MarkupLine($"   [red]✗ the seed says: {Format.Escape(outcome.SeedAnswer!)}[/]");
                    console.MarkupLine($"   [red]  why it is wrong:[/] {Format.Escape(outcome.Correction ?? "")}");
                }

                if (!short_)
                {
                    console.WriteLine();
                }

                n++;
            }

            console.MarkupLine($"{items.Count} examples and exercises answered by the engine; {disagreements} seed answer(s) found wrong.");
            return ArbiterApp.Ok;
        }));
        return command;
    }
}
