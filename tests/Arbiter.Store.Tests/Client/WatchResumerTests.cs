using System.Runtime.CompilerServices;
using Arbiter.Store.Client;
using Arbiter.Store.Gateway;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Store.Tests.Client;

/// <summary>
/// The resume loop against scripted streams that break, end, refuse, repeat history or answer "unavailable": the
/// caller must see one confirmation and exactly the history from the start revision, once each, in order — checked
/// against the history itself on thousands of random scripts — and reconnections must go round the endpoints.
/// </summary>
public class WatchResumerTests
{
    private static readonly WatchResumeOptions NoWait = new() { InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero };

    private static readonly Uri[] Three = [new("http://a/"), new("http://b/"), new("http://c/")];

    /// <summary>What one opened stream does: serve normally, or fail after <c>After</c> messages (the confirmation counts).</summary>
    private enum Fault
    {
        None,
        Break,        // the connection breaks (transport error)
        End,          // the server closes the stream cleanly
        Refuse,       // nothing answers at that endpoint
        Unavailable,  // 503, code 14
        Repeat,       // a server that replays three revisions too early, then breaks
    }

    private sealed record Script(Fault Fault, int After);

    /// <summary>A store's history (events per revision from 1) served by streams that follow a script, one entry per open.</summary>
    private sealed class Streams(IReadOnlyList<IReadOnlyList<WireEvent>> history, IReadOnlyList<Script> scripts, int chunk)
    {
        private int _opened;

        public List<int> Endpoints { get; } = [];

        public long Current => history.Count;

        public WatchResumer.Opener Open => (request, endpoint, connected, cancellation) =>
        {
            Script script = _opened < scripts.Count ? scripts[_opened] : new Script(Fault.None, 0);
            _opened++;
            Endpoints.Add(endpoint);
            return Serve(request, endpoint, connected, script, cancellation);
        };

        private async IAsyncEnumerable<WireWatchResponse> Serve(WireWatchCreateRequest request, int endpoint, Action<int> connected, Script script,
            [EnumeratorCancellation] CancellationToken cancellation)
        {
            await Task.Yield();
            if (script.Fault is Fault.Refuse)
            {
                throw new StoreException(0, 14, "connection refused");
            }

            connected(endpoint < 0 ? 0 : endpoint);
            long from = request.StartRevision > 0 ? request.StartRevision : Current + 1;
            if (script.Fault is Fault.Repeat)
            {
                from = Math.Max(1, from - 3);
            }

            var messages = new List<WireWatchResponse> { new() { Created = true, Header = new WireHeader { Revision = Current } } };
            for (long r = from; r <= Current; r += chunk)
            {
                messages.Add(new WireWatchResponse { Events = [.. Enumerable.Range((int)r, (int)Math.Min(chunk, Current - r + 1)).SelectMany(x => history[x - 1])] });
            }

            for (int i = 0; ; i++)
            {
                if (script.Fault is not Fault.None && i == script.After)
                {
                    throw script.Fault switch
                    {
                        Fault.End => new EndOfStream(),
                        Fault.Unavailable => new StoreException(503, 14, "etcdserver: no leader"),
                        _ => new StoreException(0, 14, "the stream broke") { Indeterminate = true },
                    };
                }

                if (i == messages.Count)
                {
                    await Task.Delay(Timeout.Infinite, cancellation); // live: nothing more happens
                }

                yield return messages[i];
            }
        }
    }

    /// <summary>Ends an iterator cleanly from inside the script's switch (caught by <see cref="Ending"/>).</summary>
    private sealed class EndOfStream : Exception;

    private static async IAsyncEnumerable<T> Ending<T>(IAsyncEnumerable<T> stream, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await using var e = stream.GetAsyncEnumerator(cancellation);
        while (true)
        {
            try
            {
                if (!await e.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (EndOfStream)
            {
                yield break;
            }

            yield return e.Current;
        }
    }

    private static WatchResumer.Opener Clean(WatchResumer.Opener open) => (r, i, c, t) => Ending(open(r, i, c, t), t);

    private static async Task<(List<WireWatchResponse> Messages, List<WatchResumed> Resumes)> CollectAsync(
        WatchResumer.Opener open, WireWatchCreateRequest request, IReadOnlyList<Uri> endpoints, int events)
    {
        var messages = new List<WireWatchResponse>();
        var resumes = new List<WatchResumed>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        int seen = 0;
        if (events == 0)
        {
            return (messages, resumes);
        }

        await foreach (var m in WatchResumer.RunAsync(request, endpoints, Clean(open), NoWait, resumes.Add, timeout.Token))
        {
            messages.Add(m);
            seen += m.Events?.Count ?? 0;
            if (seen >= events)
            {
                break;
            }
        }

        return (messages, resumes);
    }

    private static Gen<IReadOnlyList<IReadOnlyList<WireEvent>>> Histories() =>
        from sizes in Gen.ListOf(Gen.Choose(1, 3)).Select(l => l.Take(40).ToList())
        where sizes.Count > 0
        select (IReadOnlyList<IReadOnlyList<WireEvent>>)[.. sizes.Select((n, r) => (IReadOnlyList<WireEvent>)[.. Enumerable.Range(0, n).Select(k =>
            new WireEvent { Kv = new WireKeyValue { Key = [(byte)('a' + k)], ModRevision = r + 1, Value = [(byte)r, (byte)k] } })])];

    private static Gen<Script> Scripts(bool first) =>
        from fault in first ? Gen.Elements(Fault.None, Fault.Break, Fault.End, Fault.Unavailable) : Gen.Elements(Enum.GetValues<Fault>())
        from after in Gen.Choose(first && fault is not Fault.None ? 1 : 0, 5)
        select new Script(fault, after);

    [Fact]
    public void RunAsync_RandomBreaksEndsRefusalsAndRepeats_ExactlyTheHistoryFromTheStartOnceInOrder()
    {
        var cases =
            from history in Histories()
            from start in Gen.Choose(1, history.Count)
            from first in Scripts(first: true)
            from rest in Gen.ListOf(Scripts(first: false)).Select(l => l.Take(8).ToList())
            from chunk in Gen.Choose(1, 3)
            from endpoints in Gen.Choose(1, 3)
            select (history, start, scripts: (IReadOnlyList<Script>)[first, .. rest], chunk, endpoints);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1500), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var streams = new Streams(c.history, c.scripts, c.chunk);
            List<WireEvent> expected = [.. c.history.Skip(c.start - 1).SelectMany(e => e)];
            var (messages, resumes) = CollectAsync(streams.Open, new WireWatchCreateRequest { Key = [1], StartRevision = c.start }, Three[..c.endpoints], expected.Count)
                .GetAwaiter().GetResult();

            Assert.True(messages[0].Created);
            Assert.DoesNotContain(messages.Skip(1), m => m.Created || m.Canceled);
            Assert.Equal(expected, messages.SelectMany(m => m.Events ?? []));
            // Each reconnection goes to the endpoint after the previous stream's, in turn.
            for (int i = 1; i < streams.Endpoints.Count; i++)
            {
                int previous = streams.Endpoints[i - 1] < 0 ? 0 : streams.Endpoints[i - 1];
                Assert.Equal((previous + 1) % c.endpoints, streams.Endpoints[i]);
                Assert.Equal(Three[streams.Endpoints[i]], resumes[i - 1].Endpoint);
            }
        }));
    }

    [Fact]
    public async Task RunAsync_FromNowThenBroken_ResumesAfterTheConfirmedRevision()
    {
        IReadOnlyList<IReadOnlyList<WireEvent>> history = [[Event(1)], [Event(2)]];
        var streams = new Streams(history, [new Script(Fault.Break, 1)], chunk: 1);
        var resumes = new List<WatchResumed>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var messages = new List<WireWatchResponse>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var m in WatchResumer.RunAsync(new WireWatchCreateRequest { Key = [1] }, Three, streams.Open, NoWait, r =>
            {
                resumes.Add(r);
                stop.Cancel(); // enough: the reconnection is what is checked
            }, stop.Token))
            {
                messages.Add(m);
            }
        });

        WatchResumed resumed = Assert.Single(resumes);
        Assert.Equal((1, 3L, Three[1], "the stream broke"), (resumed.Attempt, resumed.FromRevision, resumed.Endpoint, resumed.Reason));
        Assert.Single(messages, m => m.Created);
    }

    [Fact]
    public async Task RunAsync_CompactedWhileDown_CanceledMessageIsTheLastOne()
    {
        var compacted = new WatchResumer.Opener((request, endpoint, connected, cancellation) => Compacting(request, endpoint, connected));
        var messages = new List<WireWatchResponse>();
        var resumes = new List<WatchResumed>();

        await foreach (var m in WatchResumer.RunAsync(new WireWatchCreateRequest { Key = [1], StartRevision = 2 }, Three, compacted, NoWait, resumes.Add, CancellationToken.None))
        {
            messages.Add(m);
        }

        Assert.Equal(3, messages.Count); // created, the event at 2, the cancellation
        Assert.Equal(2, messages[1].Events![0].Kv!.ModRevision);
        Assert.Equal((true, 10L), (messages[2].Canceled, messages[2].CompactRevision));
        Assert.Equal(3, Assert.Single(resumes).FromRevision);
    }

    private static async IAsyncEnumerable<WireWatchResponse> Compacting(WireWatchCreateRequest request, int endpoint, Action<int> connected)
    {
        await Task.Yield();
        connected(Math.Max(endpoint, 0));
        yield return new WireWatchResponse { Created = true, Header = new WireHeader { Revision = 12 } };
        if (request.StartRevision == 2)
        {
            yield return new WireWatchResponse { Events = [Event(2)] };
            throw new StoreException(0, 14, "the stream broke");
        }

        yield return new WireWatchResponse { Canceled = true, CompactRevision = 10, CancelReason = "etcdserver: mvcc: required revision has been compacted" };
    }

    [Fact]
    public async Task RunAsync_FirstOpenRefused_ThrownNotRetried()
    {
        var streams = new Streams([[Event(1)]], [new Script(Fault.Refuse, 0)], chunk: 1);

        var e = await Assert.ThrowsAsync<StoreException>(async () =>
        {
            await foreach (var _ in WatchResumer.RunAsync(new WireWatchCreateRequest { Key = [1], StartRevision = 1 }, Three, streams.Open, NoWait, null, CancellationToken.None))
            {
            }
        });

        Assert.Equal("connection refused", e.Message);
        Assert.Single(streams.Endpoints);
    }

    [Fact]
    public async Task RunAsync_FirstMemberStoppingBeforeConfirming_NextEndpointServesTheWatch()
    {
        var endpoints = new List<int>();
        var open = new WatchResumer.Opener((request, endpoint, connected, cancellation) =>
        {
            endpoints.Add(endpoint);
            return endpoints.Count == 1 ? Stopping(connected, 0) : Confirming(connected, endpoint);
        });
        var messages = new List<WireWatchResponse>();

        await foreach (var m in WatchResumer.RunAsync(new WireWatchCreateRequest { Key = [1], StartRevision = 1 }, Three, open, NoWait, null, CancellationToken.None))
        {
            messages.Add(m);
        }

        Assert.Equal([-1, 1], endpoints); // the client's current endpoint answered as 0 and was stopping; then the next
        Assert.Equal([true, false], messages.Select(m => m.Created));
        Assert.True(messages[1].Canceled);
    }

    [Fact]
    public async Task RunAsync_EveryMemberUnavailableBeforeConfirming_EachTriedOnceThenTheRefusalIsThrown()
    {
        var endpoints = new List<int>();
        var open = new WatchResumer.Opener((request, endpoint, connected, cancellation) =>
        {
            endpoints.Add(endpoint);
            return Stopping(connected, Math.Max(endpoint, 0));
        });

        var e = await Assert.ThrowsAsync<StoreException>(async () =>
        {
            await foreach (var _ in WatchResumer.RunAsync(new WireWatchCreateRequest { Key = [1] }, Three, open, NoWait, null, CancellationToken.None))
            {
            }
        });

        Assert.Equal([-1, 1, 2], endpoints);
        Assert.Equal((503, 14, "arbiter: member 2 is stopping"), (e.Status, e.Code, e.Message));
    }

    private static async IAsyncEnumerable<WireWatchResponse> Stopping(Action<int> connected, int endpoint)
    {
        await Task.Yield();
        connected(endpoint);
        throw new StoreException(503, 14, $"arbiter: member {endpoint} is stopping");
#pragma warning disable CS0162 // unreachable: only makes this an iterator
        yield break;
#pragma warning restore CS0162
    }

    /// <summary>Confirms the watch, then cancels it as the store would (so the resumer's enumeration ends there).</summary>
    private static async IAsyncEnumerable<WireWatchResponse> Confirming(Action<int> connected, int endpoint)
    {
        await Task.Yield();
        connected(endpoint);
        yield return new WireWatchResponse { Created = true, Header = new WireHeader { Revision = 1 } };
        yield return new WireWatchResponse { Canceled = true, CancelReason = "test: done" };
    }

    [Fact]
    public async Task RunAsync_ReconnectionRefusedAsABadRequest_ThrownNotRetried()
    {
        int opened = 0;
        var open = new WatchResumer.Opener((request, endpoint, connected, cancellation) => opened++ == 0 ? Broken(connected) : Refused());

        var e = await Assert.ThrowsAsync<StoreException>(async () =>
        {
            await foreach (var _ in WatchResumer.RunAsync(new WireWatchCreateRequest { Key = [1] }, Three, open, NoWait, null, CancellationToken.None))
            {
            }
        });

        Assert.Equal((400, 3), (e.Status, e.Code));
        Assert.Equal(2, opened);
    }

    private static async IAsyncEnumerable<WireWatchResponse> Broken(Action<int> connected)
    {
        await Task.Yield();
        connected(0);
        yield return new WireWatchResponse { Created = true, Header = new WireHeader { Revision = 1 } };
        throw new StoreException(0, 14, "the stream broke");
    }

    private static async IAsyncEnumerable<WireWatchResponse> Refused()
    {
        await Task.Yield();
        throw new StoreException(400, 3, "etcdserver: key is not provided");
#pragma warning disable CS0162 // unreachable: only makes this an iterator
        yield break;
#pragma warning restore CS0162
    }

    [Fact]
    public void Backoff_DoublesFrom100msAndStopsAt2s()
    {
        var options = new WatchResumeOptions();

        Assert.Equal([100, 200, 400, 800, 1600, 2000, 2000], Enumerable.Range(1, 7).Select(a => options.Backoff(a).TotalMilliseconds));
    }

    private static WireEvent Event(long revision) => new() { Kv = new WireKeyValue { Key = [1], ModRevision = revision } };
}
