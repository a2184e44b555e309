using System.Buffers.Binary;
using Arbiter.Distributed.Tcp;

namespace Arbiter.Distributed.Tests.Tcp;

/// <summary>
/// Reads a node's record file from outside, while its host has it open — what a crash right now would leave on
/// disk (as far as the file's contents go): the complete <c>[length][crc][json]</c> frames written so far, up to
/// the zeros of the file's reserve (a zero length: no record encodes to nothing).
/// </summary>
internal static class RecordFile
{
    public static List<T> Read<T>(string path)
    {
        var records = new List<T>();
        if (!File.Exists(path))
        {
            return records;
        }

        byte[] bytes;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }

        int at = 0;
        while (at + 8 <= bytes.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            if (length == 0 || at + 8 + length > bytes.Length)
            {
                break;
            }

            records.Add(Codec<T>.Json.Decode(bytes.AsSpan(at + 8, length)));
            at += 8 + length;
        }

        return records;
    }

    private static class Codec<T>
    {
        public static readonly JsonMessageCodec<T> Json = new();
    }
}
