using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Labs;

namespace Arbiter.Cli.Commands.Store;

/// <summary>
/// The options of the commands that take something and hold it (lock, sem, rwlock, elect): the owner's lease TTL,
/// how long to wait, whether to leave it held after exiting, and the command to run while holding it.
/// </summary>
internal sealed class HoldOptions
{
    public Option<long> Ttl { get; } = new("--ttl") { Description = "TTL in seconds of the lease that owns it, kept alive while held (default 60)", DefaultValueFactory = _ => 60 };

    public Option<string?> Wait { get; } = new("--wait") { Description = "Give up (exit 1) if not granted within this long: 500ms, 2s, 1m (default: wait until Ctrl-C)" };

    public Option<bool> Detach { get; } = new("--detach") { Description = "Exit once granted and leave it held by its lease, which then expires after --ttl unless kept alive or revoked (prints the lease)" };

    public Argument<string[]> Run { get; } = new("COMMAND") { Description = "A command to run while holding it (after --); exits with the command's exit code", Arity = ArgumentArity.ZeroOrMore };

    public void AddTo(Command command, bool withCommand = true)
    {
        command.Options.Add(Ttl);
        command.Options.Add(Wait);
        command.Options.Add(Detach);
        if (withCommand)
        {
            command.Arguments.Add(Run);
        }
    }

    /// <summary>The checked values: TTL, wait limit (null: none), detach, and the command (empty: hold until Ctrl-C).</summary>
    public (long Ttl, TimeSpan? Wait, bool Detach, string[] Command) Read(ParseResult parse)
    {
        long ttl = parse.GetValue(Ttl);
        if (ttl is < 1 or > 9_000_000_000)
        {
            throw new InputException($"--ttl: must be a number of seconds between 1 and 9000000000, got {ttl}");
        }

        TimeSpan? wait = parse.GetValue(Wait) is { } w ? LabInput.ParseDuration(w, "--wait", TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1)) : null;
        string[] command = parse.GetResult(Run) is null ? [] : parse.GetValue(Run) ?? [];
        bool detach = parse.GetValue(Detach);
        if (detach && command.Length > 0)
        {
            throw new InputException("--detach: cannot also run a command (the command runs while the lock is held, then it is released)");
        }

        return (ttl, wait, detach, command);
    }
}
