using System.Globalization;
using Arbiter.Cli.App;
using Arbiter.Core.Distributed;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Cli.Commands.Node;

/// <summary>
/// An algorithm that <c>arbiter node run --algorithm NAME</c> can host over TCP: its name, and how to make a node
/// from the id, the members and the <c>--param</c> values. Messages and records travel as JSON
/// (<see cref="JsonMessageCodec{T}"/>: give the message base type <c>[JsonPolymorphic]</c>/<c>[JsonDerivedType]</c>).
/// </summary>
internal sealed class NodeAlgorithm
{
    private readonly Func<CliContext, NodeRunRequest, Task<int>> _run;

    private NodeAlgorithm(string name, string description, Func<CliContext, NodeRunRequest, Task<int>> run)
    {
        Name = name;
        Description = description;
        _run = run;
    }

    public string Name { get; }

    public string Description { get; }

    /// <summary>
    /// Defines an algorithm from its node factory (id, members, parameters → node); <paramref name="finalState"/>, if
    /// given, reads the stopped node's state into one last observation (what the simulator's end-of-run checks read).
    /// </summary>
    public static NodeAlgorithm Create<TMessage, TRecord>(string name, string description,
        Func<int, IReadOnlyList<int>, IReadOnlyDictionary<string, string>, INode<TMessage, TRecord>> factory,
        Func<int, INode<TMessage, TRecord>, object?>? finalState = null) =>
        new(name, description, (context, request) => RunAsync(context, request, factory, finalState));

    public Task<int> RunAsync(CliContext context, NodeRunRequest request) => _run(context, request);

    /// <summary>An integer parameter with a default; a bad value is a one-line input error.</summary>
    public static int IntParameter(IReadOnlyDictionary<string, string> parameters, string name, int defaultValue, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!parameters.TryGetValue(name, out string? text))
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw new InputException($"--param {name}: '{text}' is not an integer between {min} and {max}");
    }

    private static async Task<int> RunAsync<TMessage, TRecord>(CliContext context, NodeRunRequest request,
        Func<int, IReadOnlyList<int>, IReadOnlyDictionary<string, string>, INode<TMessage, TRecord>> factory,
        Func<int, INode<TMessage, TRecord>, object?>? finalState)
    {
        IReadOnlyList<int> members = [.. request.Peers.Keys.Order()];
        _ = factory(request.Id, members, request.Parameters); // parameters are checked before anything binds
        var codec = new JsonMessageCodec<TMessage>();
        var output = context.Out;
        INode<TMessage, TRecord>? live = null;
        var host = new TcpNodeHost<TMessage, TRecord>(
            new TcpNodeOptions { Id = request.Id, Peers = request.Peers, DataDirectory = request.DataDirectory },
            () => live = factory(request.Id, members, request.Parameters), codec, new JsonMessageCodec<TRecord>(),
            (node, local, value) =>
            {
                lock (output)
                {
                    output.WriteLine(NodeObservation.ToLine(node, local, value));
                    output.Flush();
                }
            });
        bool disposed = false;
        try
        {
            return await HostAsync(context, request, host, codec, async () =>
            {
                await host.DisposeAsync().ConfigureAwait(false);
                disposed = true;
                // The loop has stopped: the node's state can be read, and the count of messages is final.
                lock (output)
                {
                    if (live is not null && finalState?.Invoke(request.Id, live) is { } state)
                    {
                        output.WriteLine(NodeObservation.ToLine(request.Id, TimeSpan.Zero, state));
                    }

                    output.WriteLine(NodeObservation.ToLine(request.Id, TimeSpan.Zero, new NodeStats(request.Id, host.Sent)));
                    output.Flush();
                }
            }).ConfigureAwait(false);
        }
        finally
        {
            if (!disposed)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> HostAsync<TMessage, TRecord>(CliContext context, NodeRunRequest request, TcpNodeHost<TMessage, TRecord> host,
        JsonMessageCodec<TMessage> codec, Func<Task> finish)
    {
        try
        {
            host.Listen();
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new InputException($"--peers: node {request.Id} cannot listen on {request.Peers[request.Id]}: {e.Message}");
        }

        if (request.WaitForPeers)
        {
            await WaitForPeersAsync(request).ConfigureAwait(false);
        }

        host.Start();
        var stop = new TaskCompletionSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            if (request.Stdin)
            {
                _ = Task.Run(() => ReadInputs(context, host, codec, stop));
            }

            Task duration = request.Duration is { } d ? Task.Delay(d) : Task.Delay(Timeout.Infinite);
            while (!stop.Task.IsCompleted && !duration.IsCompleted && host.Fault is null)
            {
                await Task.WhenAny(stop.Task, duration, Task.Delay(50)).ConfigureAwait(false);
            }
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        await finish().ConfigureAwait(false);
        if (host.Fault is { } fault)
        {
            context.Err.WriteLine($"arbiter: node {request.Id} failed: {fault.GetType().Name}: {fault.Message}");
            return ArbiterApp.Fault;
        }

        return ArbiterApp.Ok;
    }

    /// <summary>Polls every peer's listener until each accepts a connection (or 30 s pass: the links then reconnect with backoff).</summary>
    private static async Task WaitForPeersAsync(NodeRunRequest request)
    {
        var waiting = request.Peers.Where(p => p.Key != request.Id).Select(p => p.Value).ToList();
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (waiting.Count > 0 && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            foreach (var endpoint in waiting.ToList())
            {
                using var probe = new System.Net.Sockets.TcpClient();
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
                    await probe.ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
                    waiting.Remove(endpoint);
                }
                catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException)
                {
                }
            }

            if (waiting.Count > 0)
            {
                await Task.Delay(10).ConfigureAwait(false);
            }
        }
    }

    private static async Task ReadInputs<TMessage, TRecord>(CliContext context, TcpNodeHost<TMessage, TRecord> host, JsonMessageCodec<TMessage> codec, TaskCompletionSource stop)
    {
        int number = 0;
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                host.Inject(codec.Decode(System.Text.Encoding.UTF8.GetBytes(line)));
            }
            catch (FormatException e)
            {
                context.Err.WriteLine($"arbiter: node {host.Id}: stdin line {number}: {e.Message}");
            }
        }

        stop.TrySetResult();
    }
}
