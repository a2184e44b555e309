using Arbiter.Distributed.Tcp;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Distributed.Tests.Tcp;

/// <summary>
/// <see cref="FileRecordStore{TRecord}"/>'s background rewrite: appends racing the image's write, a crash at each
/// point (simulated by copying the files as they are on disk and opening the copy), superseding, disposal, a failed
/// write — and a differential check against the synchronous <c>Rewrite</c> over random runs.
/// </summary>
public sealed class BackgroundRewriteTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "arbiter-bgrw-" + Guid.NewGuid().ToString("N"));

    public BackgroundRewriteTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File1 => Path.Combine(_dir, "node-1.records");

    private static void WaitReady(FileRecordStore<string> store) =>
        Assert.True(SpinWait.SpinUntil(() => store.RewriteReady, Patience), "the background write never finished");

    /// <summary>What a crash right now leaves: the files as they are, opened by a fresh store (recovery as on restart).</summary>
    private List<string> CrashCopy(string file)
    {
        string crash = Path.Combine(_dir, "crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(crash);
        string copy = Path.Combine(crash, Path.GetFileName(file));
        foreach (string suffix in new[] { "", ".rewrite" })
        {
            if (File.Exists(file + suffix))
            {
                using var from = new FileStream(file + suffix, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var to = File.Create(copy + suffix);
                from.CopyTo(to);
            }
        }

        using var recovered = new FileRecordStore<string>(copy, new JsonMessageCodec<string>());
        Assert.False(File.Exists(copy + ".rewrite")); // a copy never renamed is dropped on start, as always
        Assert.False(recovered.Truncated);
        return [.. recovered.Recovered];
    }

    private static List<string> Reopen(string file)
    {
        using var store = new FileRecordStore<string>(file, new JsonMessageCodec<string>());
        return [.. store.Recovered];
    }

    [Fact]
    public void BeginRewrite_AppendsRaceTheImage_FileRecoversImageThenEveryLaterAppend()
    {
        using var codec = new GatedCodec();
        using (var store = new FileRecordStore<string>(File1, codec))
        {
            store.Append(["a", "b", "c"]);
            Assert.True(store.BeginRewrite(["image"]));
            codec.WaitReached();
            store.Append(["d"]);
            store.Append(["e", "f"]);
            Assert.False(store.RewriteReady);
            Assert.False(store.CompleteRewrite()); // still writing: nothing to do yet

            codec.Release();
            WaitReady(store);
            store.Append(["g"]); // after the thread's catch-up rounds: the owner copies it at the switch
            Assert.True(store.CompleteRewrite());
            Assert.False(store.RewriteInProgress);
            store.Append(["h"]);
        }

        Assert.False(File.Exists(File1 + ".rewrite"));
        Assert.Equal(["image", "d", "e", "f", "g", "h"], Reopen(File1));
    }

    [Fact]
    public void BeginRewrite_CrashWhileTheImageIsWritten_OldFileHoldsEveryAppend()
    {
        using var codec = new GatedCodec();
        using var store = new FileRecordStore<string>(File1, codec);
        store.Append(["a", "b"]);
        store.BeginRewrite(["x", "image"]); // "x" is on the copy, "image" holds the thread
        codec.WaitReached();
        store.Append(["c"]);

        Assert.Equal(["a", "b", "c"], CrashCopy(File1));
        codec.Release();
    }

    [Fact]
    public void BeginRewrite_CrashAfterTheImageBeforeTheSwitch_CopyDroppedOldFileComplete()
    {
        using var codec = new GatedCodec();
        using var store = new FileRecordStore<string>(File1, codec);
        store.Append(["a", "b"]);
        store.BeginRewrite(["image"]);
        codec.WaitReached();
        store.Append(["c"]);
        codec.Release();
        WaitReady(store);
        store.Append(["d"]);

        Assert.True(File.Exists(File1 + ".rewrite")); // complete and fsync'd, but never renamed
        Assert.Equal(["a", "b", "c", "d"], CrashCopy(File1));
        Assert.True(store.CompleteRewrite());
        Assert.Equal(["image", "c", "d"], CrashCopy(File1));
    }

    [Fact]
    public void CompleteRewrite_WithRecords_TheyGoToTheNewFileOnlyAndNothingIsWrittenWhileNotReady()
    {
        using var codec = new GatedCodec();
        using var store = new FileRecordStore<string>(File1, codec);
        store.Append(["a"]);
        store.BeginRewrite(["image"]);
        codec.WaitReached();
        store.Append(["b"]);
        Assert.False(store.CompleteRewrite(["not yet"])); // still writing: nothing written, the caller appends
        Assert.Equal(["a", "b"], CrashCopy(File1));

        codec.Release();
        WaitReady(store);
        store.Append(["c"]);
        Assert.True(store.CompleteRewrite(["d", "e"]));
        Assert.Equal(["image", "b", "c", "d", "e"], CrashCopy(File1));
        store.Append(["f"]);
        Assert.Equal(["image", "b", "c", "d", "e", "f"], CrashCopy(File1));
    }

    [Fact]
    public void BeginRewrite_WhileOneRuns_SkippedAndTheFirstStaysComplete()
    {
        using var codec = new GatedCodec();
        using (var store = new FileRecordStore<string>(File1, codec))
        {
            store.Append(["a"]);
            Assert.True(store.BeginRewrite(["image"]));
            codec.WaitReached();
            store.Append(["b"]);
            Assert.False(store.BeginRewrite(["second image"]));
            store.Append(["c"]);
            codec.Release();
            WaitReady(store);
            Assert.True(store.CompleteRewrite());
        }

        Assert.Equal(["image", "b", "c"], Reopen(File1));
    }

    [Fact]
    public async Task Rewrite_WhileABackgroundOneRuns_SupersedesIt()
    {
        using var codec = new GatedCodec();
        using (var store = new FileRecordStore<string>(File1, codec))
        {
            store.Append(["a"]);
            store.BeginRewrite(["old image", "image"]);
            codec.WaitReached();
            store.Append(["b"]);
            var release = Task.Run(async () =>
            {
                await Task.Delay(50);
                codec.Release(); // the abandoned thread stops at its next record
            });
            store.Rewrite(["installed"]);
            await release;
            Assert.False(store.RewriteInProgress);
            Assert.False(File.Exists(File1 + ".rewrite"));
            store.Append(["c"]);
        }

        Assert.Equal(["installed", "c"], Reopen(File1));
    }

    [Fact]
    public async Task Dispose_WhileABackgroundRewriteRuns_WaitsForItAndSwitches()
    {
        using var codec = new GatedCodec();
        var store = new FileRecordStore<string>(File1, codec);
        store.Append(["a"]);
        store.BeginRewrite(["image"]);
        codec.WaitReached();
        store.Append(["b"]);
        var disposing = Task.Run(store.Dispose);
        await Task.WhenAny(disposing, Task.Delay(100));
        Assert.False(disposing.IsCompleted); // waits for the thread
        codec.Release();
        await disposing.WaitAsync(Patience);

        Assert.False(File.Exists(File1 + ".rewrite"));
        Assert.Equal(["image", "b"], Reopen(File1));
    }

    [Fact]
    public void CompleteRewrite_TheBackgroundWriteFailed_ThrowsDeletesTheCopyAndTheLiveFileGoesOn()
    {
        using var codec = new GatedCodec();
        using (var store = new FileRecordStore<string>(File1, codec))
        {
            store.Append(["a"]);
            store.BeginRewrite(["boom"]);
            store.Append(["b"]);
            WaitReady(store);
            var e = Assert.Throws<IOException>(() => store.CompleteRewrite());
            Assert.Contains("disk full", e.Message, StringComparison.Ordinal);
            Assert.False(store.RewriteInProgress);
            Assert.False(File.Exists(File1 + ".rewrite"));
            store.Append(["c"]);
            Assert.True(store.BeginRewrite(["image"])); // a later request starts afresh
            store.Append(["d"]);
            codec.Release();
        }

        Assert.Equal(["image", "d"], Reopen(File1));
    }

    /// <summary>The state a list of records folds to: "=x|y" sets the state to [x, y], anything else is appended.</summary>
    private static List<string> Fold(IEnumerable<string> records)
    {
        var state = new List<string>();
        foreach (string r in records)
        {
            if (r.StartsWith('='))
            {
                state = r.Length == 1 ? [] : [.. r[1..].Split('|')];
            }
            else
            {
                state.Add(r);
            }
        }

        return state;
    }

    private static string Image(List<string> state) => "=" + string.Join('|', state);

    [Fact]
    public void SyncAndBackground_RandomAppendsCompactionsAndCrashes_RecoverTheSameState()
    {
        // Two stores take the same run: one compacts synchronously (Rewrite), the other in the background
        // (BeginRewrite, switched at random later points, sometimes skipped because one still runs). At random
        // points both are "crashed" (copied and recovered): each must fold to exactly the state appended so far.
        int run = 0;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(
            (from seed in ArbMap.Default.GeneratorFor<int>() from steps in Gen.Choose(1, 14) select (seed, steps)).ToArbitrary(),
            c =>
            {
                var rng = new Random(c.seed);
                string dir = Path.Combine(_dir, "run" + run++);
                Directory.CreateDirectory(dir);
                string syncFile = Path.Combine(dir, "sync.records"), backgroundFile = Path.Combine(dir, "background.records");
                var model = new List<string>();
                using (var sync = new FileRecordStore<string>(syncFile, new JsonMessageCodec<string>()))
                using (var background = new FileRecordStore<string>(backgroundFile, new JsonMessageCodec<string>()))
                {
                    for (int step = 0; step < c.steps; step++)
                    {
                        switch (rng.Next(10))
                        {
                            case < 5:
                                var values = Enumerable.Range(0, rng.Next(1, 4)).Select(_ => "v" + rng.Next(1000)).ToList();
                                sync.Append(values);
                                background.Append(values);
                                model.AddRange(values);
                                break;
                            case < 7:
                                sync.Rewrite([Image(model)]);
                                background.BeginRewrite([Image(model)]);
                                break;
                            case < 9:
                                if (rng.Next(2) == 0 && background.RewriteInProgress)
                                {
                                    WaitReady(background);
                                }

                                // As the host does: a batch's records go with the switch, or else to the live file.
                                var batch = Enumerable.Range(0, rng.Next(3)).Select(_ => "w" + rng.Next(1000)).ToList();
                                if (!background.CompleteRewrite(batch))
                                {
                                    background.Append(batch);
                                }

                                sync.Append(batch);
                                model.AddRange(batch);
                                break;
                            default:
                                Assert.Equal(model, Fold(CrashCopy(syncFile)));
                                Assert.Equal(model, Fold(CrashCopy(backgroundFile)));
                                break;
                        }
                    }

                    Assert.Equal(model, Fold(CrashCopy(backgroundFile)));
                }

                Assert.Equal(model, Fold(Reopen(syncFile)));
                Assert.Equal(model, Fold(Reopen(backgroundFile)));
                Assert.False(File.Exists(backgroundFile + ".rewrite"));
            }));
    }
}
