using System.CommandLine;
using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Labs;
using Arbiter.Core.Scheduling.Policies;
using Arbiter.Core.Scheduling.Workload;

namespace Arbiter.Cli.Commands.Sched;

/// <summary>
/// The options <c>arbiter sched</c> and <c>arbiter sched compare</c> share (one instance per command), and how they
/// are read into a workload and policy settings, each failing with the one-line bad-input error naming the option.
/// </summary>
internal sealed class SchedInput
{
    public const int MaxRandomJobs = 2_000_000;

    public Option<string?> Jobs { get; } = new("--jobs", "-j") { Description = "Jobs: LENGTH or ARRIVAL:LENGTH[:io=EVERY/DURATION][:prio=N][:tickets=N][:nice=N], comma-separated (10,20,30; 0:10,5:20:io=4/3)" };

    public Option<string?> File { get; } = new("--file", "-f") { Description = "Jobs from a JSON or YAML file (see examples/sched/)" };

    public Option<int?> Random { get; } = new("--random") { Description = "Generate N jobs (lengths uniform in 1 … --max-length)" };

    public Option<int> Seed { get; } = new("--seed", "-s") { Description = "Seed for --random and the lottery (default 1)", DefaultValueFactory = _ => 1 };

    public Option<long> MaxLength { get; } = new("--max-length") { Description = "Longest random job (default 10)", DefaultValueFactory = _ => 10 };

    public Option<long> MaxArrival { get; } = new("--max-arrival") { Description = "Latest random arrival (default 0: all arrive at 0)", DefaultValueFactory = _ => 0 };

    public Option<int> Cpus { get; } = new("--cpus", "-c") { Description = "CPUs sharing the ready queues (default 1)", DefaultValueFactory = _ => 1 };

    public Option<long> Quantum { get; } = new("--quantum", "-q") { Description = "Time slice of rr, lottery, stride and (unless --quanta) every MLFQ level (default 4)", DefaultValueFactory = _ => 4 };

    public Option<long> Aging { get; } = new("--aging") { Description = "priority: ticks of waiting per priority step, 0 for none (default 10)", DefaultValueFactory = _ => 10 };

    public Option<int> Queues { get; } = new("--queues") { Description = "mlfq: number of queues (default 3)", DefaultValueFactory = _ => 3 };

    public Option<string?> Quanta { get; } = new("--quanta") { Description = "mlfq: quantum per level, top first (e.g. 2,4,8; default --quantum at every level)" };

    public Option<string?> Allotments { get; } = new("--allotments") { Description = "mlfq: allotment per level in quanta (e.g. 1,2,4; default 1 each)" };

    public Option<long> Boost { get; } = new("--boost") { Description = "mlfq: move every job to the top queue every this many ticks, 0 for never (default 0)", DefaultValueFactory = _ => 0 };

    public Option<bool> IoResets { get; } = new("--io-resets") { Description = "mlfq: issuing an I/O gives a fresh quantum and allotment (gameable; default: time used is counted)" };

    public Option<bool> IoFront { get; } = new("--io-front") { Description = "mlfq: a job back from I/O goes to the front of its queue (default: the tail)" };

    public Option<long> TargetLatency { get; } = new("--target-latency") { Description = "cfs: target latency in ticks (default 48)", DefaultValueFactory = _ => 48 };

    public Option<long> MinGranularity { get; } = new("--min-granularity") { Description = "cfs: minimum granularity in ticks (default 6)", DefaultValueFactory = _ => 6 };

    public Option<bool> Json { get; } = CommonOptions.Json();

    public Option<string?> Svg { get; } = new("--svg") { Description = "Write the Gantt chart as SVG" };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Jobs, File, Random, Seed, MaxLength, MaxArrival, Cpus, Quantum, Aging, Queues, Quanta, Allotments, Boost, IoResets, IoFront, TargetLatency, MinGranularity, Json, Svg })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The workload from exactly one of --jobs, --file and --random.</summary>
    public JobList Workload(ParseResult parse)
    {
        string? jobs = parse.GetValue(Jobs), file = parse.GetValue(File);
        int? random = parse.GetValue(Random);
        int given = (jobs is null ? 0 : 1) + (file is null ? 0 : 1) + (random is null ? 0 : 1);
        if (given != 1)
        {
            throw new InputException(given == 0
                ? "give the jobs: --jobs 10,20,30, --file FILE or --random N"
                : "give only one of --jobs, --file and --random");
        }

        if (file is not null)
        {
            return WorkloadFile.Load(file);
        }

        try
        {
            if (jobs is not null)
            {
                return JobListParser.Parse(jobs);
            }

            LabInput.RequireCount("--random", random!.Value, MaxRandomJobs);
            LabInput.RequireCount("--max-length", parse.GetValue(MaxLength), JobList.MaxTicks);
            long maxArrival = parse.GetValue(MaxArrival);
            if (maxArrival < 0)
            {
                throw new InputException($"--max-arrival: must not be negative, got {maxArrival}");
            }

            return WorkloadGenerator.Random(random.Value, parse.GetValue(MaxLength), new System.Random(parse.GetValue(Seed)), maxArrival);
        }
        catch (WorkloadException e)
        {
            throw new InputException($"{(jobs is not null ? "--jobs" : "--random")}: {e.Message}", e);
        }
    }

    public int CpuCount(ParseResult parse) => LabInput.Positive(parse, Cpus, 1024);

    public PolicySettings Settings(ParseResult parse)
    {
        long quantum = parse.GetValue(Quantum);
        LabInput.RequireCount("--quantum", quantum, JobList.MaxTicks);
        long aging = parse.GetValue(Aging);
        if (aging < 0)
        {
            throw new InputException($"--aging: must not be negative, got {aging}");
        }

        int queues = parse.GetValue(Queues);
        LabInput.RequireCount("--queues", queues, 64);
        long[] quanta = List(parse, Quanta, queues) ?? Enumerable.Repeat(quantum, queues).ToArray();
        long[] allotments = List(parse, Allotments, queues) ?? Enumerable.Repeat(1L, queues).ToArray();
        long boost = parse.GetValue(Boost);
        if (boost < 0)
        {
            throw new InputException($"--boost: must not be negative, got {boost}");
        }

        long latency = parse.GetValue(TargetLatency), granularity = parse.GetValue(MinGranularity);
        LabInput.RequireCount("--target-latency", latency, JobList.MaxTicks);
        LabInput.RequireCount("--min-granularity", granularity, JobList.MaxTicks);
        return new PolicySettings(quantum, aging, parse.GetValue(Seed),
            new MlfqOptions(quanta, allotments, boost, parse.GetValue(IoResets), parse.GetValue(IoFront)),
            new CfsOptions(latency, granularity));
    }

    /// <summary>One policy name, checked against the catalog.</summary>
    public static string Policy(string? name, string option)
    {
        if (name is null)
        {
            throw new InputException($"{option}: give a policy: {string.Join(", ", PolicyCatalog.Names)}");
        }

        string key = name.Trim().ToLowerInvariant();
        return PolicyCatalog.Names.Contains(key)
            ? key
            : throw new InputException($"{option}: unknown policy '{name}' (expected one of {string.Join(", ", PolicyCatalog.Names)})");
    }

    /// <summary>A short description of the policy's settings, for headings.</summary>
    public static string Describe(string policy, PolicySettings s) => policy switch
    {
        "rr" or "stride" => $"quantum {s.Quantum}",
        "lottery" => $"quantum {s.Quantum}, seed {s.Seed}",
        "priority" => s.Aging == 0 ? "no aging" : $"aging every {s.Aging}",
        "mlfq" => $"{s.Mlfq!.Levels} queues, quanta {string.Join("/", s.Mlfq.Quanta)}, allotments {string.Join("/", s.Mlfq.Allotments)}, "
            + (s.Mlfq.BoostPeriod == 0 ? "no boost" : $"boost every {s.Mlfq.BoostPeriod}")
            + (s.Mlfq.IoResetsAllotment ? ", I/O resets" : "") + (s.Mlfq.IoToFront ? ", I/O to front" : ""),
        "cfs" => $"target latency {s.Cfs!.TargetLatency}, min granularity {s.Cfs.MinGranularity}",
        _ => "",
    };

    private static long[]? List(ParseResult parse, Option<string?> option, int queues)
    {
        string? text = parse.GetValue(option);
        if (text is null)
        {
            return null;
        }

        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]) || values[i] < 1 || values[i] > JobList.MaxTicks)
            {
                throw new InputException($"{option.Name}: '{parts[i]}' is not a whole number ≥ 1 (in '{text}')");
            }
        }

        if (values.Length != queues)
        {
            throw new InputException($"{option.Name}: {values.Length} value(s) for {queues} queue(s) (set --queues or give one per level)");
        }

        return values;
    }
}
