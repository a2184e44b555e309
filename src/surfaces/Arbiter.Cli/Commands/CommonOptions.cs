using System.CommandLine;
using Arbiter.Cli.Input;
using Arbiter.Core.Resources;

namespace Arbiter.Cli.Commands;

/// <summary>Options and arguments shared by many commands, so that they read and behave alike.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON document (snake_case keys) instead of tables" };

    public static Argument<string> StateFileArgument() => new("FILE") { Description = "Resource state, JSON or YAML (by extension)" };

    public static ResourceLedger Load(ParseResult parse, Argument<string> file) => StateFile.Load(parse.GetValue(file)!);
}
