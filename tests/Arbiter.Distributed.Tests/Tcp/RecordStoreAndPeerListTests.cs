using Arbiter.Distributed.Tcp;

namespace Arbiter.Distributed.Tests.Tcp;

public class RecordStoreAndPeerListTests
{
    [Fact]
    public void FileRecordStore_TornTail_RecoversGoodPrefixAndAppendsAfterIt()
    {
        string file = Path.GetTempFileName();
        try
        {
            using (var store = new FileRecordStore<string>(file, new JsonMessageCodec<string>()))
            {
                store.Append(["a", "b"]);
                store.Append(["c"]);
            }

            // A crash mid-write: the last record loses its final bytes.
            using (var stream = new FileStream(file, FileMode.Open))
            {
                stream.SetLength(stream.Length - 2);
            }

            using (var store = new FileRecordStore<string>(file, new JsonMessageCodec<string>()))
            {
                Assert.Equal(["a", "b"], store.Recovered);
                Assert.True(store.Truncated);
                store.Append(["d"]);
            }

            using var again = new FileRecordStore<string>(file, new JsonMessageCodec<string>());
            Assert.Equal(["a", "b", "d"], again.Recovered);
            Assert.False(again.Truncated);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void FileRecordStore_Rewrite_ReplacesEverythingAtomicallyAndAppendsAfter()
    {
        string file = Path.GetTempFileName();
        try
        {
            using (var store = new FileRecordStore<string>(file, new JsonMessageCodec<string>()))
            {
                store.Append(["a", "b", "c"]);
                store.Rewrite(["snapshot"]);
                store.Append(["d"]);
            }

            Assert.False(File.Exists(file + ".rewrite"));
            using var reopened = new FileRecordStore<string>(file, new JsonMessageCodec<string>());
            Assert.Equal(["snapshot", "d"], reopened.Recovered);
            Assert.False(reopened.Truncated);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void FileRecordStore_CrashBeforeRename_OldFileWinsAndTheCopyIsDropped()
    {
        string file = Path.GetTempFileName();
        try
        {
            using (var store = new FileRecordStore<string>(file, new JsonMessageCodec<string>()))
            {
                store.Append(["a", "b"]);
            }

            File.WriteAllBytes(file + ".rewrite", [0, 0, 0, 9, 1, 2]); // a half-written copy never renamed
            using var reopened = new FileRecordStore<string>(file, new JsonMessageCodec<string>());
            Assert.Equal(["a", "b"], reopened.Recovered);
            Assert.False(File.Exists(file + ".rewrite"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void FileRecordStore_CorruptByte_StopsAtTheChecksumMismatch()
    {
        string file = Path.GetTempFileName();
        try
        {
            using (var store = new FileRecordStore<string>(file, new JsonMessageCodec<string>()))
            {
                store.Append(["first", "second"]);
            }

            byte[] bytes = File.ReadAllBytes(file);
            bytes[^3] ^= 0x20; // inside "second"
            File.WriteAllBytes(file, bytes);

            using var reopened = new FileRecordStore<string>(file, new JsonMessageCodec<string>());
            Assert.Equal(["first"], reopened.Recovered);
            Assert.True(reopened.Truncated);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void PeerList_Valid_ParsedById()
    {
        var peers = PeerList.Parse("2=127.0.0.1:7002, 1=127.0.0.1:7001,3=127.0.0.1:7003");

        Assert.Equal([1, 2, 3], peers.Keys);
        Assert.Equal(7002, peers[2].Port);
        Assert.Equal("1=127.0.0.1:7001,2=127.0.0.1:7002,3=127.0.0.1:7003", PeerList.Format(peers));
    }

    [Theory]
    [InlineData("1=127.0.0.1:7001,2", "peers: entry 2 '2': expected ID=HOST:PORT")]
    [InlineData("x=127.0.0.1:7001", "peers: entry 1 'x=127.0.0.1:7001': the id must be a positive integer")]
    [InlineData("1=127.0.0.1", "peers: entry 1 '1=127.0.0.1': expected an address HOST:PORT with a numeric IP and a port 1-65535")]
    [InlineData("1=localhost:7001", "peers: entry 1 '1=localhost:7001': expected an address HOST:PORT with a numeric IP and a port 1-65535")]
    [InlineData("1=127.0.0.1:70000", "peers: entry 1 '1=127.0.0.1:70000': expected an address HOST:PORT with a numeric IP and a port 1-65535")]
    [InlineData("1=127.0.0.1:7001,1=127.0.0.1:7002", "peers: entry 2 '1=127.0.0.1:7002': id 1 appears twice")]
    [InlineData("1=127.0.0.1:7001,2=127.0.0.1:7001", "peers: address 127.0.0.1:7001 is given to two ids")]
    public void PeerList_Malformed_OneLineError(string text, string expected)
    {
        Assert.Equal(expected, Assert.Throws<FormatException>(() => PeerList.Parse(text)).Message);
    }
}
