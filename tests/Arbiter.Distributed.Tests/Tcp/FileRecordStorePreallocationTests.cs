using System.Buffers.Binary;
using System.Text;
using Arbiter.Distributed.Tcp;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Win32.SafeHandles;

namespace Arbiter.Distributed.Tests.Tcp;

/// <summary>
/// <see cref="FileRecordStore{TRecord}"/>'s reserve: the file is preallocated ahead of its records, a zeroed tail is
/// a clean end (not a truncation), anything else after the last good frame is a torn tail, and a closed file is
/// trimmed to its records. "Crash" means copying the file while the store has it open and opening the copy.
/// </summary>
public sealed class FileRecordStorePreallocationTests : IDisposable
{
    private const long MiB = 1 << 20;
    private static readonly JsonMessageCodec<string> Json = new();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "arbiter-prealloc-" + Guid.NewGuid().ToString("N"));

    public FileRecordStorePreallocationTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File1 => Path.Combine(_dir, "node-1.records");

    /// <summary>A record's frame on disk: 8 header bytes and its JSON, a string of ASCII letters plus two quotes.</summary>
    private static long FrameOf(string ascii) => 8 + ascii.Length + 2;

    private static long FramesOf(IEnumerable<string> records) => records.Sum(FrameOf);

    /// <summary>The file as a crash right now would leave it (page cache included), in a fresh path.</summary>
    private string CrashCopy(string file)
    {
        string copy = Path.Combine(_dir, "crash-" + Guid.NewGuid().ToString("N") + ".records");
        using var from = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var to = File.Create(copy);
        from.CopyTo(to);
        return copy;
    }

    private static (List<string> Records, bool Truncated) Open(string file)
    {
        using var store = new FileRecordStore<string>(file, Json);
        return ([.. store.Recovered], store.Truncated);
    }

    private static void Poke(string file, long offset, byte[] bytes)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        stream.Write(bytes);
    }

    [Fact]
    public void Append_FirstRecord_ReservesOneMebibyteAndTheCrashCopyRecoversCleanly()
    {
        using var store = new FileRecordStore<string>(File1, Json);
        Assert.Equal(0, new FileInfo(File1).Length); // nothing reserved before the first append
        store.Append(["a", "bb"]);

        Assert.True(store.Preallocating);
        Assert.Equal(MiB, new FileInfo(File1).Length);
        Assert.Equal(MiB - FrameOf("a") - FrameOf("bb"), store.ReservedBytes);
        string copy = CrashCopy(File1);
        Assert.Equal(MiB, new FileInfo(copy).Length); // the copy really ends in the zeroed reserve

        var (records, truncated) = Open(copy);
        Assert.Equal(["a", "bb"], records);
        Assert.False(truncated);
    }

    [Fact]
    public void Recover_CleanReservedTail_KeepsTheReserveAndAppendsAfterTheLastRecord()
    {
        string crashed, crashedAgain;
        using (var store = new FileRecordStore<string>(File1, Json))
        {
            store.Append(["a", "b"]);
            crashed = CrashCopy(File1);
        }

        using (var reopened = new FileRecordStore<string>(crashed, Json))
        {
            Assert.False(reopened.Truncated);
            Assert.Equal(MiB - FrameOf("a") - FrameOf("b"), reopened.ReservedBytes); // no cut, no new fallocate
            reopened.Append(["c"]);
            Assert.Equal(MiB, new FileInfo(crashed).Length);
            crashedAgain = CrashCopy(crashed);
        }

        AssertOpens(crashedAgain, ["a", "b", "c"], false);

        AssertOpens(crashed, ["a", "b", "c"], false);
    }

    [Fact]
    public void Dispose_ReservedFile_TrimmedToExactlyItsFrames()
    {
        using (var store = new FileRecordStore<string>(File1, Json))
        {
            store.Append(["alpha", "beta"]);
            store.Append(["gamma"]);
        }

        Assert.Equal(FramesOf(["alpha", "beta", "gamma"]), new FileInfo(File1).Length); // 15 + 14 + 15
        Assert.Equal(44, new FileInfo(File1).Length);
        AssertOpens(File1, ["alpha", "beta", "gamma"], false);
    }

    [Fact]
    public void Recover_NonZeroBytesAfterTheZeroHeader_TruncatedAndLaterAppendsReadable()
    {
        string copy, again;
        using (var store = new FileRecordStore<string>(File1, Json))
        {
            store.Append(["a", "b"]);
            copy = CrashCopy(File1);
        }

        // A torn batch whose header never reached the disk but a later block did: zeros, then data.
        long end = FrameOf("a") + FrameOf("b");
        Poke(copy, end + 4096, [0x7b, 0x22, 0x78]);
        using (var reopened = new FileRecordStore<string>(copy, Json))
        {
            Assert.True(reopened.Truncated);
            Assert.Equal(["a", "b"], reopened.Recovered);
            Assert.Equal(end, new FileInfo(copy).Length); // cut after the last good frame: the stale bytes are gone
            reopened.Append(["c", "d"]);
            again = CrashCopy(copy);
        }

        AssertOpens(again, ["a", "b", "c", "d"], false);
        AssertOpens(copy, ["a", "b", "c", "d"], false);
    }

    [Fact]
    public void Recover_BadCrcFrameFollowedByZeros_TruncatedAndTheFrameIsGone()
    {
        string copy;
        using (var store = new FileRecordStore<string>(File1, Json))
        {
            store.Append(["a"]);
            copy = CrashCopy(File1);
        }

        // A whole frame written into the reserve, but with a checksum that does not match its body.
        byte[] frame = new byte[8 + 3];
        BinaryPrimitives.WriteInt32BigEndian(frame, 3);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), 0xdeadbeef);
        Encoding.ASCII.GetBytes("\"z\"").CopyTo(frame, 8);
        Poke(copy, FrameOf("a"), frame);

        using (var reopened = new FileRecordStore<string>(copy, Json))
        {
            Assert.True(reopened.Truncated);
            Assert.Equal(["a"], reopened.Recovered);
            reopened.Append(["b"]);
        }

        AssertOpens(copy, ["a", "b"], false);
    }

    [Fact]
    public void Recover_HeaderWrittenBodyStillZeros_Truncated()
    {
        string copy;
        using (var store = new FileRecordStore<string>(File1, Json))
        {
            store.Append(["a"]);
            copy = CrashCopy(File1);
        }

        // Only the header of the next frame reached the disk: its body reads as the reserve's zeros.
        byte[] header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, 3);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), Crc32.Compute(Encoding.ASCII.GetBytes("\"z\"")));
        Poke(copy, FrameOf("a"), header);

        var (records, truncated) = Open(copy);
        Assert.True(truncated);
        Assert.Equal(["a"], records);
    }

    [Fact]
    public void Append_ManyBatchesAcrossReserveChunks_GrowsOneThreeSevenMebibytesAndRecoversAll()
    {
        // Reserves of 1, 2, 4 MiB, each made by the append that no longer fits: the file is 1, then 3, then 7 MiB.
        string body = new('x', 1014); // frame of 1 KiB: 8 + 1014 + 2
        var lengths = new List<long>();
        var model = new List<string>();
        using (var store = new FileRecordStore<string>(File1, Json))
        {
            for (int batch = 0; batch < 5 * 16 + 1; batch++) // 81 batches of 64 KiB: 5 MiB and 64 KiB
            {
                var records = Enumerable.Range(0, 64).Select(i => body[..^4] + (batch * 64 + i).ToString("D4", null)).ToList();
                store.Append(records);
                model.AddRange(records);
                lengths.Add(new FileInfo(File1).Length);
            }

            Assert.Equal([MiB, 3 * MiB, 7 * MiB], lengths.Distinct());
            Assert.Equal(16, lengths.Count(l => l == MiB)); // 16 × 64 KiB fill the first MiB exactly
            Assert.Equal(32, lengths.Count(l => l == 3 * MiB));
            AssertOpens(CrashCopy(File1), model, false);
        }

        Assert.Equal(model.Count * 1024L, new FileInfo(File1).Length);
        AssertOpens(File1, model, false);
    }

    [Fact]
    public void Append_BatchLargerThanTheNextReserve_ReservesExactlyWhatItNeeds()
    {
        string big = new('y', (int)(3 * MiB));
        using var store = new FileRecordStore<string>(File1, Json);
        store.Append(["a"]);
        store.Append([big]); // needs more than the next 2 MiB reserve: the reserve ends where the record does

        Assert.Equal(FrameOf("a") + FrameOf(big), new FileInfo(File1).Length);
        Assert.Equal(0, store.ReservedBytes);
        store.Append(["b"]); // then the next reserve, 4 MiB, follows
        Assert.Equal(FrameOf("a") + FrameOf(big) + 4 * MiB, new FileInfo(File1).Length);
        AssertOpens(CrashCopy(File1), ["a", big, "b"], false);
    }

    [Fact]
    public void Rewrite_ThenAppends_TheNewFileIsReservedAndACrashCopyRecoversAll()
    {
        using var store = new FileRecordStore<string>(File1, Json);
        store.Append(["a", "b", "c"]);
        store.Rewrite(["image"]);
        Assert.Equal(FrameOf("image"), new FileInfo(File1).Length); // the copy as written, no reserve yet
        store.Append(["d"]);
        store.Append(["e"]);

        Assert.True(new FileInfo(File1).Length > FramesOf(["image", "d", "e"])); // continued with a reserve
        AssertOpens(CrashCopy(File1), ["image", "d", "e"], false);
    }

    [Fact]
    public void CompleteRewrite_ThenAppends_TheSwitchedFileIsReservedAndACrashCopyRecoversAll()
    {
        using var store = new FileRecordStore<string>(File1, Json);
        store.Append(["a", "b"]);
        Assert.True(store.BeginRewrite(["image"]));
        store.Append(["c"]);
        Assert.True(SpinWait.SpinUntil(() => store.RewriteReady, TimeSpan.FromSeconds(20)));
        Assert.True(store.CompleteRewrite(["d"]));
        store.Append(["e"]);
        store.Append(["f"]);

        Assert.True(store.ReservedBytes > 0);
        AssertOpens(CrashCopy(File1), ["image", "c", "d", "e", "f"], false);
    }

    [Fact]
    public void Append_RecordEncodingToNoBytes_RejectedAndNothingWritten()
    {
        using (var store = new FileRecordStore<string>(File1, new EmptyForBlank()))
        {
            store.Append(["a"]);
            long before = store.ReservedBytes;
            var error = Assert.Throws<ArgumentException>(() => store.Append(["b", ""]));
            Assert.Contains("no bytes", error.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => store.Rewrite(["image", ""]));
            Assert.Equal(before, store.ReservedBytes);
            store.Append(["c"]);
        }

        AssertOpens(File1, ["a", "c"], false);
    }

    [Fact]
    public void Append_WithoutPreallocation_FileGrowsByEachBatchAndRecovers()
    {
        using (var store = new FileRecordStore<string>(File1, Json, preallocate: false))
        {
            Assert.False(store.Preallocating);
            store.Append(["a", "b"]);
            Assert.Equal(FramesOf(["a", "b"]), new FileInfo(File1).Length);
            store.Append(["c"]);
            Assert.Equal(FramesOf(["a", "b", "c"]), new FileInfo(File1).Length);
            Assert.Equal(0, store.ReservedBytes);
        }

        AssertOpens(File1, ["a", "b", "c"], false);
    }

    [Fact]
    public void TryReserve_ReadOnlyHandle_FalseWithoutThrowing()
    {
        File.WriteAllBytes(File1, [1, 2, 3]);
        using SafeFileHandle readOnly = File.OpenHandle(File1, FileMode.Open, FileAccess.Read);
        Assert.False(Fallocate.TryReserve(readOnly, 3, MiB)); // EBADF: not open for writing
        Assert.Equal(3, new FileInfo(File1).Length);

        using SafeFileHandle writable = File.OpenHandle(File1, FileMode.Open, FileAccess.ReadWrite);
        Assert.Equal(OperatingSystem.IsLinux(), Fallocate.TryReserve(writable, 3, MiB));
        Assert.Equal(OperatingSystem.IsLinux() ? 3 + MiB : 3, new FileInfo(File1).Length);
    }

    [Fact]
    public void Recover_RandomAppendsAndOneRandomDamagedByte_MatchesTheModel()
    {
        // Model: the records appended, in order. A crash copy must recover all of them, not truncated; a non-zero
        // byte poked into the reserve loses none of them but is reported; one poked into the last frame's body
        // (where the byte differs) loses exactly that frame and is reported.
        int run = 0;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(
            (from seed in ArbMap.Default.GeneratorFor<int>() from batches in Gen.Choose(1, 12) select (seed, batches)).ToArbitrary(),
            c =>
            {
                var rng = new Random(c.seed);
                string file = Path.Combine(_dir, $"run{run++}.records");
                var model = new List<string>();
                string copy;
                using (var store = new FileRecordStore<string>(file, Json))
                {
                    for (int b = 0; b < c.batches; b++)
                    {
                        var batch = Enumerable.Range(0, rng.Next(1, 5))
                            .Select(_ => new string((char)('a' + rng.Next(26)), rng.Next(1, rng.Next(2) == 0 ? 40 : 70_000))).ToList();
                        store.Append(batch);
                        model.AddRange(batch);
                    }

                    copy = CrashCopy(file);
                }

                AssertOpens(copy, model, false);
                long end = FramesOf(model), length = new FileInfo(copy).Length;
                string damaged = copy + ".damaged";
                File.Copy(copy, damaged);
                if (rng.Next(2) == 0 && length > end)
                {
                    Poke(damaged, end + rng.NextInt64(length - end), [(byte)rng.Next(1, 256)]);
                    AssertOpens(damaged, model, true);
                }
                else
                {
                    string last = model[^1];
                    long at = end - FrameOf(last) + 9 + rng.Next(last.Length); // a letter of the last record
                    Poke(damaged, at, [(byte)(last[0] == 'A' ? 'B' : 'A')]);
                    AssertOpens(damaged, model.Take(model.Count - 1), true);
                }
            }));
    }

    private static void AssertOpens(string file, IEnumerable<string> records, bool truncated)
    {
        var (recovered, wasTruncated) = Open(file);
        Assert.Equal(records, recovered);
        Assert.Equal(truncated, wasTruncated);
    }

    /// <summary>JSON, except that the empty string encodes to no bytes at all.</summary>
    private sealed class EmptyForBlank : IMessageCodec<string>
    {
        public byte[] Encode(string value) => value.Length == 0 ? [] : Json.Encode(value);

        public string Decode(ReadOnlySpan<byte> bytes) => Json.Decode(bytes);
    }
}
