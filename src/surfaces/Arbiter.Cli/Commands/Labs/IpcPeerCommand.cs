using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Ipc;

namespace Arbiter.Cli.Commands.Labs;

/// <summary>
/// <c>arbiter lab ipc peer …</c> (hidden): the second process of <c>arbiter lab ipc</c>. Its arguments are written
/// by the parent and read by <see cref="IpcPeer"/>, which owns their format, so they pass through unparsed.
/// </summary>
internal static class IpcPeerCommand
{
    public static Command Build(CliContext context)
    {
        var command = new Command("peer", """
            Internal: the peer process that `arbiter lab ipc` starts; not for direct use.

            Examples:
              arbiter lab ipc --transport pipe
            """)
        {
            Hidden = true,
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            try
            {
                using var stdin = Console.OpenStandardInput();
                return IpcPeer.Run(parse.UnmatchedTokens, stdin, context.Out);
            }
            catch (ArgumentException e)
            {
                throw new InputException(e.Message);
            }
        }));
        return command;
    }
}
