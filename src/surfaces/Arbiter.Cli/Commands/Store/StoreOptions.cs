using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Cli.Commands.Labs;
using Arbiter.Store.Client;

namespace Arbiter.Cli.Commands.Store;

/// <summary>
/// The options every <c>arbiter store</c> client command shares (--endpoints, --json, --timeout) and the way each
/// one runs: endpoints and durations checked first (bad input: one line, exit 2, nothing sent), then one client,
/// Ctrl-C wired to a cancellation token, and the store's refusals turned into one line, exit 1.
/// </summary>
internal sealed class StoreOptions
{
    public const string DefaultEndpoint = "http://127.0.0.1:2379";
    public const string EndpointsVariable = "ARBITER_ENDPOINTS";

    public Option<string?> Endpoints { get; } = new("--endpoints")
    {
        Description = $"Comma-separated gateway URLs, tried in turn (default ${EndpointsVariable}, else {DefaultEndpoint})",
    };

    public Option<bool> Json { get; } = CommonOptions.Json();

    public Option<string> Timeout { get; } = new("--timeout")
    {
        Description = "Time limit of each request that does not wait for a lock, lease or event: 500ms, 2s, 1m (default 5s)",
        DefaultValueFactory = _ => "5s",
    };

    /// <summary>A store command with the shared options already added.</summary>
    public static (Command Command, StoreOptions Options) Command(string name, string help)
    {
        var options = new StoreOptions();
        var command = new Command(name, help) { options.Endpoints, options.Json, options.Timeout };
        return (command, options);
    }

    public bool IsJson(ParseResult parse) => parse.GetValue(Json);

    /// <summary>
    /// Runs <paramref name="body"/> under the CLI's error contract. Input is checked (by the body
    /// and here) before anything is sent; a refusal from the store is "arbiter: message (endpoint)", exit 1.
    /// </summary>
    public void SetAction(Command command, CliContext context, Func<ParseResult, StoreRun, Task<int>> body)
    {
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            IReadOnlyList<Uri> endpoints = ParseEndpoints(parse.GetValue(Endpoints) ?? Environment.GetEnvironmentVariable(EndpointsVariable) ?? DefaultEndpoint);
            TimeSpan timeout = LabInput.ParseDuration(parse.GetValue(Timeout)!, "--timeout", TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));
            using var client = new StoreClient(endpoints, timeout);
            using var interrupted = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true; // the command stops cleanly: releases what it holds, revokes its lease
                interrupted.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                return body(parse, new StoreRun(context, client, interrupted.Token)).GetAwaiter().GetResult();
            }
            catch (StoreException e)
            {
                // Transport errors already name every endpoint tried; a refusal names the one that refused. An
                // Arbiter server prefixes its own refusals with "arbiter: " (as etcd's say "etcdserver: "): not twice.
                string message = e.Message.StartsWith("arbiter: ", StringComparison.Ordinal) ? e.Message["arbiter: ".Length..] : e.Message;
                context.Err.WriteLine(e.Status == 0 ? $"arbiter: {message}" : $"arbiter: {message} ({client.CurrentEndpoint.ToString().TrimEnd('/')})");
                return ArbiterApp.Fault;
            }
            catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
            {
                return ArbiterApp.Ok;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
    }

    public static List<Uri> ParseEndpoints(string text)
    {
        var urls = new List<Uri>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(part.EndsWith('/') ? part : part + "/", UriKind.Absolute, out Uri? url) || url.Scheme is not ("http" or "https"))
            {
                throw new InputException($"--endpoints: '{part}' is not an http(s) URL such as {DefaultEndpoint}");
            }

            urls.Add(url);
        }

        return urls.Count > 0 ? urls : throw new InputException($"--endpoints: no URL given (e.g. {DefaultEndpoint})");
    }
}
