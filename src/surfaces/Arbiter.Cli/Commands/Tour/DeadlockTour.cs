using Arbiter.Cli.Commands.Bankers;
using Arbiter.Cli.Commands.Deadlock;
using Arbiter.Cli.Output;
using Arbiter.Core.Deadlock.Avoidance;
using Arbiter.Core.Deadlock.Detection;
using Arbiter.Core.Deadlock.Prevention;
using Arbiter.Core.Deadlock.Recovery;
using Arbiter.Core.Resources;
using Spectre.Console;

namespace Arbiter.Cli.Commands.Tour;

/// <summary>
/// Every deadlock example and exercise of seed weeks 3–5, as tour items. Each runs the production engine on the
/// example files and, where the seed states an answer, compares the engine's answer with it.
/// </summary>
internal static class DeadlockTour
{
    public static IReadOnlyList<TourItem> Items() =>
    [
        Detection(3, "Examples in computing: two mutexes", "P1 holds mutex A and waits for B; P2 holds B and waits for A. Deadlock?",
            "two-mutexes.yaml", seedDeadlocked: ["P1", "P2"]),
        Detection(3, "RAG example: no deadlock", "The path P1 → R1 → P2 → R2 → P3 is linear. Deadlock?",
            "rag-no-deadlock.yaml", seedDeadlocked: []),
        Detection(3, "RAG example: deadlock", "The RAG has the cycle P1 → R1 → P2 → R2 → P1. Deadlock?",
            "rag-deadlock.yaml", seedDeadlocked: ["P1", "P2"]),
        Detection(3, "Exercise: RAG analysis", "P1 holds R1, requests R2; P2 holds R2, requests R3; P3 holds R3, requests R1. Draw the RAG; is there a deadlock, and which processes and resources are in the cycle?",
            "rag-exercise.yaml", seedDeadlocked: null),
        Detection(3, "Quiz 2: a cycle with several instances", "If a resource type has several instances, does a cycle in the RAG guarantee a deadlock?",
            "cycle-without-deadlock.yaml", seedDeadlocked: null),
        OneResourceTwoProcesses(),
        NoPreemption(),
        Prevention(4, "Violating Coffman's conditions: the two mutexes", "Which prevention rule does each acquisition order break, and what does timeout-and-retry do?",
            "two-locks.yaml"),
        Prevention(4, "Circular wait broken by resource ordering: dining philosophers", "Five philosophers take the left fork, then the right. Does it deadlock, and does the global fork order fix it?",
            "dining-philosophers.yaml", "dining-philosophers-ordered.yaml"),
        BankersExample(),
        BankersExercise(),
        UnsafeIsNotDeadlock(),
        Detection(5, "Detection with a RAG: dining philosophers", "Each philosopher holds the left fork and waits for the right one. Is the RAG cyclic?",
            "dining-philosophers.yaml", seedDeadlocked: ["Ph0", "Ph1", "Ph2", "Ph3", "Ph4"]),
        Detection(5, "Example: deadlock detection matrix", "Available = (3, 3, 2). Which processes are deadlocked?",
            "detection-seed.yaml", seedDeadlocked: ["P1", "P3"],
            seedTrace: "the slide lets P0 and P2 finish and declares P1 and P3 deadlocked", seedWork: [6, 4, 4]),
        Detection(5, "Exercise: detection algorithm", "Available A=2, B=1, C=0. Is the system in a deadlock state? Show your work.",
            "detection-exercise.yaml", seedDeadlocked: null),
        Recovery(),
    ];

    private static TourItem Detection(int week, string title, string question, string file, string[]? seedDeadlocked, string? seedTrace = null, int[]? seedWork = null) =>
        new(week, title, question, $"arbiter deadlock detect examples/deadlock/{file}", console =>
        {
            var ledger = SeedExamples.State(file);
            var analysis = DetectCommand.Analyse(ledger);
            var result = analysis.Detection;
            console?.Let(c => DetectCommand.Render(c, ledger, analysis));
            var deadlocked = Format.Names(ledger, result.Deadlocked);
            string answer = result.HasDeadlock
                ? $"deadlock: {string.Join(", ", deadlocked)} can never finish"
                : $"no deadlock: all finish in the order {Format.Sequence(Format.Names(ledger, result.FinishOrder))}";
            string cycles = DetectCommand.CycleSummary(analysis);
            if (cycles.Length > 0)
            {
                answer += $"; {cycles}";
            }

            if (seedDeadlocked is null)
            {
                return new TourOutcome(answer, new { deadlocked, finish_order = Format.Names(ledger, result.FinishOrder) });
            }

            bool agrees = deadlocked.OrderBy(n => n, StringComparer.Ordinal).SequenceEqual(seedDeadlocked.OrderBy(n => n, StringComparer.Ordinal));
            string seed = seedDeadlocked.Length == 0 ? "no deadlock" : $"{string.Join(", ", seedDeadlocked)} deadlocked";
            string? correction = agrees ? null : Correct(ledger, result, seedDeadlocked, seedTrace, seedWork);
            return new TourOutcome(answer, new { deadlocked, finish_order = Format.Names(ledger, result.FinishOrder) }, seed, agrees, correction);
        });

    /// <summary>Explains, from the engine's own steps, why processes the seed calls deadlocked can in fact finish.</summary>
    private static string Correct(ResourceLedger ledger, DetectionResult result, string[] seedDeadlocked, string? seedTrace, int[]? seedWork)
    {
        // Which of the "deadlocked" processes fit even the Work the seed itself computed?
        string atSeedWork = "";
        if (seedWork is not null)
        {
            var fitting = seedDeadlocked.Select(ledger.IndexOfProcess)
                .Where(p => p >= 0 && Enumerable.Range(0, ledger.ResourceCount).All(r => ledger.Request(p)[r] <= seedWork[r]))
                .Select(p => $"{ledger.ProcessName(p)}'s {Format.Vector(ledger.Request(p))}").ToArray();
            if (fitting.Length > 0)
            {
                atSeedWork = $" Even the slide's own Work {Format.Vector(seedWork)} covers {string.Join(" and ", fitting)}.";
            }
        }

        var steps = Core.Deadlock.Reduction.GraphReduction.ExplainByRequest(ledger).Steps;
        var reasons = steps.Where(s => seedDeadlocked.Contains(ledger.ProcessName(s.Process)))
            .Select(s => $"{ledger.ProcessName(s.Process)}'s request {Format.Vector(s.Demand.ToArray())} fits Work {Format.Vector(s.WorkBefore)} (step {steps.ToList().IndexOf(s) + 1})");
        string wrongly = result.HasDeadlock
            ? $"the engine finds {string.Join(", ", Format.Names(ledger, result.Deadlocked))} deadlocked"
            : "nobody is deadlocked";
        return $"{(seedTrace is null ? "" : seedTrace + ", but ")}{wrongly}: {string.Join("; ", reasons)}. A process is deadlocked only if its request can never fit, however many others finish.{atSeedWork}";
    }

    /// <summary>Quiz 3 of week 3, answered exhaustively: every state of one single-instance resource and two processes.</summary>
    private static TourItem OneResourceTwoProcesses() =>
        new(3, "Quiz 3: one resource, two processes", "With a single resource and two processes, can a deadlock occur?",
            "arbiter deadlock detect FILE  (for each of the states enumerated here)", console =>
        {
            // Each process either holds the resource, waits for it, or neither; at most one holds it.
            int states = 0, deadlocks = 0;
            string[] roles = ["idle", "holds", "waits"];
            foreach (string a in roles)
            {
                foreach (string b in roles)
                {
                    if (a == "holds" && b == "holds")
                    {
                        continue;
                    }

                    var ledger = ResourceLedger.FromSpec(new LedgerSpec(["R"], [1], null,
                    [
                        new ProcessSpec("P1", Allocation: [a == "holds" ? 1 : 0], Request: [a == "waits" ? 1 : 0]),
                        new ProcessSpec("P2", Allocation: [b == "holds" ? 1 : 0], Request: [b == "waits" ? 1 : 0]),
                    ]));
                    states++;
                    if (DeadlockDetector.Detect(ledger).HasDeadlock)
                    {
                        deadlocks++;
                    }
                }
            }

            var twoMutexes = DeadlockDetector.Detect(SeedExamples.State("two-mutexes.yaml"));
            console?.MarkupLine($"Checked all {states} states of one single-instance resource R shared by P1 and P2: {deadlocks} deadlocked.");
            string answer = $"no: in all {states} possible states nobody is deadlocked — a waiter waits only for a holder that waits for nothing (no hold-and-wait, no circular wait); with two resources (the two-mutex example) {twoMutexes.Deadlocked.Count} processes deadlock";
            return new TourOutcome(answer, new { states, deadlocked_states = deadlocks });
        });

    private static TourItem Prevention(int week, string title, string question, params string[] files) =>
        new(week, title, question, string.Join(" ; ", files.Select(f => $"arbiter deadlock prevent examples/prevention/{f}")), console =>
        {
            var parts = new List<string>();
            var details = new List<object>();
            foreach (string file in files)
            {
                var script = SeedExamples.Script(file);
                var (checks, runs) = PreventCommand.Evaluate(script, "all", timeout: 3, maxTicks: 10_000);
                var (plain, timeout) = (runs[0], runs[1]);
                console?.MarkupLine($"[bold]{Format.Escape(file)}[/]");
                console?.Let(c => PreventCommand.Render(c, checks, runs, timeline: false));
                string broken = string.Join(", ", checks.Where(c => c.Violations.Count > 0).Select(c => c.Policy));
                parts.Add($"{file}: " + (broken.Length == 0 ? "breaks no prevention rule" : $"breaks {broken}") +
                    (plain.DeadlockTick is { } t ? $"; without a policy it deadlocks at tick {t}" : "; without a policy it completes") +
                    (timeout.Completed ? $"; with timeout-and-retry it completes in {timeout.Ticks} ticks" : "; with timeout-and-retry it does not complete"));
                details.Add(new
                {
                    file,
                    violated = checks.Where(c => c.Violations.Count > 0).Select(c => c.Policy),
                    deadlock_tick = plain.DeadlockTick,
                    timeout_completed = timeout.Completed,
                });
            }

            return new TourOutcome(string.Join(" | ", parts), details);
        });

    private static TourItem BankersExample() =>
        new(4, "Banker's algorithm: allocation example", "10 instances; P0 max 7 holds 0, P1 max 5 holds 2, P2 max 3 holds 2. Is the state safe?",
            "arbiter bankers check examples/deadlock/bankers-10.yaml --all", console =>
        {
            var ledger = SeedExamples.State("bankers-10.yaml");
            var result = Banker.CheckSafety(ledger);
            console?.Let(c => BankersCheckCommand.Render(c, ledger, result));
            int[] seedSequence = [ledger.IndexOfProcess("P2"), ledger.IndexOfProcess("P1"), ledger.IndexOfProcess("P0")];
            bool seedValid = SequenceReplay.IsSafe(ledger, seedSequence);
            long count = SafeSequences.Count(ledger);
            string answer = $"{(result.Safe ? "safe" : "unsafe")}; the engine's sequence is {Format.Sequence(Format.Names(ledger, result.Sequence))}, one of {count} safe sequences; the seed's (P2, P1, P0) {(seedValid ? "replays as safe" : "does NOT replay")}";
            return new TourOutcome(answer, new { safe = result.Safe, sequence = Format.Names(ledger, result.Sequence), count, seed_sequence_safe = seedValid },
                "safe, with the safe sequence (P2, P1, P0)", result.Safe && seedValid);
        });

    private static TourItem BankersExercise() =>
        new(4, "Exercise: Banker's algorithm practice", "12 instances; P0 holds 5 of max 10, P1 holds 2 of max 4, P2 holds 2 of max 9. Safe? If P1 requests one more, is it granted?",
            "arbiter bankers check examples/deadlock/bankers-12.yaml ; arbiter bankers request examples/deadlock/bankers-12.yaml -p P1 -r 1", console =>
        {
            var ledger = SeedExamples.State("bankers-12.yaml");
            var result = Banker.CheckSafety(ledger);
            int p1 = ledger.IndexOfProcess("P1");
            var decision = Banker.Request(ledger, p1, [1]);
            console?.Let(c => BankersCheckCommand.Render(c, ledger, result));
            console?.Let(c => BankersRequestCommand.Render(c, ledger, p1, [1], decision));
            string answer = $"{(result.Safe ? "safe" : "unsafe")} (Available {Format.Vector(ledger.Available)}), sequence {Format.Sequence(Format.Names(ledger, result.Sequence))}; P1's request of 1 is {(decision.Granted ? "granted" : "not granted")} ({decision.Reason}){(decision.Granted ? $": afterwards {Format.Sequence(Format.Names(ledger, decision.SafeSequence))} is safe" : "")}";
            return new TourOutcome(answer, new { safe = result.Safe, sequence = Format.Names(ledger, result.Sequence), p1_request = new { granted = decision.Granted, reason = decision.Reason } });
        });

    private static TourItem UnsafeIsNotDeadlock() =>
        new(4, "Quiz 2: an unsafe state is not a deadlock", "A system is in an unsafe state. Does this mean a deadlock has occurred?",
            "arbiter bankers request examples/deadlock/bankers-12.yaml -p P2 -r 1", console =>
        {
            var ledger = SeedExamples.State("bankers-12.yaml");
            int p2 = ledger.IndexOfProcess("P2");
            var decision = Banker.Request(ledger, p2, [1]);
            var after = ledger.Clone();
            after.Grant(p2, [1]);
            var safety = Banker.CheckSafety(after);
            var detection = DeadlockDetector.Detect(after);
            console?.Let(c => BankersRequestCommand.Render(c, ledger, p2, [1], decision));
            string answer = $"no: granting P2 one more would be {(safety.Safe ? "safe" : "unsafe")} ({decision.Reason}), yet detection on that state finds {(detection.HasDeadlock ? "a deadlock" : "no deadlock")} — nobody is waiting yet; an unsafe state only means a deadlock can no longer be ruled out if processes claim their maximum";
            return new TourOutcome(answer, new { request_reason = decision.Reason, safe_after = safety.Safe, deadlocked_after = detection.HasDeadlock });
        });

    private static TourItem Recovery() =>
        new(5, "Recovery: process termination and resource preemption", "P1, P3 and P4 are deadlocked. Which victims does each strategy choose, at what cost, and what state is left?",
            "arbiter deadlock recover examples/deadlock/deadlocked.yaml --strategy terminate-all | terminate-one | preempt", console =>
        {
            var ledger = SeedExamples.State("deadlocked.yaml");
            var parts = new List<string>();
            var details = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (name, strategy) in new[] { ("terminate-all", RecoveryStrategy.TerminateAll), ("terminate-one", RecoveryStrategy.TerminateOne), ("preempt", RecoveryStrategy.Preempt) })
            {
                var result = DeadlockRecovery.Recover(ledger, strategy);
                console?.MarkupLine($"[bold]--strategy {name}[/]");
                console?.Let(c => RecoverCommand.Render(c, ledger, result));
                string victims = string.Join(", ", result.Steps.Select(s => $"{(s.Action == RecoveryAction.Terminate ? "kill" : "roll back")} {s.VictimName} (cost {s.Cost.Total:0.##})"));
                parts.Add($"{name}: {victims}");
                details[name.Replace('-', '_')] = result.Steps.Select(s => new { process = s.VictimName, action = s.Action.ToString().ToLowerInvariant(), cost = s.Cost.Total });
            }

            return new TourOutcome(string.Join(" | ", parts), details);
        });

    /// <summary>Week 3 quiz 1: breaking "no preemption" — preempting one mutex ends the two-mutex deadlock.</summary>
    private static TourItem NoPreemption() =>
        new(3, "Quiz 1: violating \"no preemption\"", "How can violating the no-preemption condition prevent (or end) a deadlock?",
            "arbiter deadlock recover examples/deadlock/two-mutexes.yaml --strategy preempt", console =>
        {
            var ledger = SeedExamples.State("two-mutexes.yaml");
            var result = DeadlockRecovery.Recover(ledger, RecoveryStrategy.Preempt);
            console?.Let(c => RecoverCommand.Render(c, ledger, result));
            var step = result.Steps[0];
            var after = DeadlockDetector.Detect(result.Ledger);
            string answer = $"taking {string.Join(", ", step.Released.Select((n, r) => (n, r)).Where(x => x.n > 0).Select(x => ledger.ResourceNames[x.r]))} away from {step.VictimName} (rolled back to its checkpoint, to ask again later) lets the other process finish: {(after.HasDeadlock ? "still deadlocked" : $"no deadlock remains, finish order {Format.Sequence(Format.Names(result.Ledger, after.FinishOrder))}")}";
            return new TourOutcome(answer, new { preempted = step.VictimName, deadlocked_after = Format.Names(result.Ledger, after.Deadlocked) });
        });

    private static void Let<T>(this T value, Action<T> action) => action(value);
}
