using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Sync.Labs;
using Arbiter.Sync.Primitives;
using Spectre.Console;
using static Arbiter.Cli.Commands.Labs.FairnessLabCommand;
using static Arbiter.Cli.Commands.Labs.LabInput;

namespace Arbiter.Cli.Commands.Labs;

/// <summary><c>arbiter lab readers-writers</c>: the seed's readers-writers problem under each policy, on real threads.</summary>
internal static class ReadersWritersLabCommand
{
    private static readonly Dictionary<string, ReadWritePolicy> Policies = new()
    {
        ["readers"] = ReadWritePolicy.ReaderPreferring,
        ["writers"] = ReadWritePolicy.WriterPreferring,
        ["phase-fair"] = ReadWritePolicy.PhaseFair,
    };

    public static Command Build(CliContext context)
    {
        var json = CommonOptions.Json();
        var policy = new Option<string?>("--policy", "-p") { Description = "readers (reader-preferring) | writers (writer-preferring) | phase-fair (default: all three)" };
        var readers = CountOption("--readers", "-r", "Reader threads", 4);
        var writers = CountOption("--writers", "-w", "Writer threads", 2);
        var duration = DurationOption("How long each policy runs", "2s");
        var command = new Command("readers-writers", """
            The readers-writers problem (seed week 2) on a real ReadWriteLock: R reader threads and W writer threads
            for the duration. Per role: acquisitions, throughput, max and p99.9 wait, max bypass. A role is marked
            STARVED when one of its requests waited at least a quarter of the run.
              readers      reader-preferring (the seed's solution): readers never wait for waiting writers, so a
                           steady stream of overlapping readers starves the writers
              writers      writer-preferring: waiting writers go first, so a stream of writers starves the readers
              phase-fair   reader and writer phases alternate (Brandenburg & Anderson 2009): nobody starves

            Examples:
              arbiter lab readers-writers --policy readers --readers 4 --writers 1 --duration 2s
              arbiter lab readers-writers --policy phase-fair
              arbiter lab readers-writers --duration 1s --json
            """) { policy, readers, writers, duration, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            int r = Positive(parse, readers, max: 128);
            int w = Positive(parse, writers, max: 128);
            var time = ParseDuration(parse.GetValue(duration)!, "--duration");
            string? only = Choice(parse, policy, Policies.Keys);
            var chosen = only is null ? Policies.Values.ToList() : [Policies[only]];
            var results = chosen
                .Select(p => ReadersWritersExperiment.Run(new ReadersWritersOptions { Policy = p, Readers = r, Writers = w, Duration = time }))
                .ToList();

            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    readers = r,
                    writers = w,
                    duration_ms = time.TotalMilliseconds,
                    results = results.Select(x => new
                    {
                        policy = x.Policy,
                        elapsed_ms = Math.Round(x.Elapsed.TotalMilliseconds, 1),
                        throughput_per_second = Math.Round(x.ThroughputPerSecond),
                        violations = x.Violations,
                        starved = x.Starved,
                        roles = new[] { x.Readers, x.Writers }.Select(RoleDocument),
                    }),
                });
            }
            else
            {
                Render(context.Console, r, w, time, results);
            }

            return Safety(context, results.Sum(x => x.Violations));
        }));
        return command;
    }

    private static void Render(IAnsiConsole console, int readers, int writers, TimeSpan duration, List<ReadersWritersResult> results)
    {
        console.MarkupLine($"Readers-writers: {readers} readers, {writers} writers, {Seconds(duration)} per policy");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns(Text("policy"), Text("role"))
            .AddColumns(Right("acquired"), Right("ops/s"), Right("max wait µs"), Right("p99.9 wait µs"), Right("max bypass"), Right("unserved"))
            .AddColumn("starved");
        foreach (var x in results)
        {
            foreach (var role in new[] { x.Readers, x.Writers })
            {
                bool starved = x.Starved.Contains(role.Role);
                table.AddRow(x.Policy, role.Role, Num(role.Acquisitions), Num(role.ThroughputPerSecond), Num(role.MaxWaitMicroseconds),
                    Num(role.P999WaitMicroseconds), Num(role.MaxBypass), Num(role.Unserved), starved ? "[red]STARVED[/]" : "no");
            }
        }

        console.Write(table);
        foreach (var x in results)
        {
            string verdict = x.Starved.Count == 0
                ? "nobody starved"
                : string.Join("; ", x.Starved.Select(role =>
                {
                    var stats = role == "readers" ? x.Readers : x.Writers;
                    return $"{role} starved: one waited {stats.MaxWaitMicroseconds / 1e6:0.###} s of {x.Elapsed.TotalSeconds:0.###} s";
                }));
            console.MarkupLine($"{x.Policy}: {Markup.Escape(verdict)}; {(x.Violations == 0 ? "no writer ever shared the lock" : $"[red]{x.Violations} violation(s)[/]")}.");
        }
    }
}
