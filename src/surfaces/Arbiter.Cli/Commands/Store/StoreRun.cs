using Arbiter.Cli.App;
using Arbiter.Store.Client;

namespace Arbiter.Cli.Commands.Store;

/// <summary>What a store command body gets: where to write, the client, and the token Ctrl-C cancels.</summary>
internal sealed record StoreRun(CliContext Context, StoreClient Client, CancellationToken Interrupted);
