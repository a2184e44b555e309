using Arbiter.Core.Distributed.Raft;

namespace Arbiter.Distributed.Raft;

/// <summary>
/// The binary building blocks of the Raft codecs: integers as 7-bit varints (a term or index of 1 000 000 takes
/// 3 bytes), byte strings length-prefixed, entries and snapshots as their fields in order.
/// </summary>
/// <remarks>Membership (dissertation §4.1) added a second, "typed" form of entries (a type byte per entry, then the
/// configuration of a configuration entry) and a snapshot form with its configuration; the codecs write the first
/// form whenever there is no configuration to carry, so old bytes and new plain bytes stay identical and old
/// records stay readable. Run-time membership of real servers added a third entry type (2: a configuration whose
/// members carry contexts, their peer addresses) and a snapshot form with such a configuration; again written only
/// when there is a context to carry, so everything written before reads as it did.</remarks>
internal static class RaftWire
{
    public static void WriteBytes(BinaryWriter w, byte[] data)
    {
        w.Write7BitEncodedInt(data.Length);
        w.Write(data);
    }

    public static byte[] ReadBytes(BinaryReader r)
    {
        int length = r.Read7BitEncodedInt();
        if (length < 0 || length > r.BaseStream.Length - r.BaseStream.Position)
        {
            throw new FormatException($"a byte string of {length} bytes runs past the end");
        }

        return r.ReadBytes(length);
    }

    public static void WriteEntries(BinaryWriter w, IReadOnlyList<RaftEntry> entries)
    {
        w.Write7BitEncodedInt(entries.Count);
        foreach (RaftEntry e in entries)
        {
            w.Write7BitEncodedInt64(e.Term);
            w.Write7BitEncodedInt64(e.Index);
            WriteBytes(w, e.Data);
        }
    }

    /// <summary>True when <paramref name="entries"/> need the typed form (some entry holds a configuration).</summary>
    public static bool NeedTyped(IReadOnlyList<RaftEntry> entries)
    {
        foreach (RaftEntry e in entries)
        {
            if (e.Configuration is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The typed form: count, then per entry term, index, type (0 command or no-op, 1 configuration, 2
    /// configuration with contexts), data, configuration (then its contexts for type 2).</summary>
    public static void WriteTypedEntries(BinaryWriter w, IReadOnlyList<RaftEntry> entries)
    {
        w.Write7BitEncodedInt(entries.Count);
        foreach (RaftEntry e in entries)
        {
            w.Write7BitEncodedInt64(e.Term);
            w.Write7BitEncodedInt64(e.Index);
            w.Write(e.Configuration switch { null => (byte)0, { Contexts.Count: 0 } => (byte)1, _ => (byte)2 });
            WriteBytes(w, e.Data);
            if (e.Configuration is { } c)
            {
                WriteConfiguration(w, c);
                if (c.Contexts.Count > 0)
                {
                    WriteContexts(w, c);
                }
            }
        }
    }

    public static RaftEntry[] ReadTypedEntries(BinaryReader r)
    {
        int count = r.Read7BitEncodedInt();
        if (count < 0 || count > r.BaseStream.Length - r.BaseStream.Position)
        {
            throw new FormatException($"{count} entries cannot fit in what is left");
        }

        var entries = new RaftEntry[count];
        for (int i = 0; i < count; i++)
        {
            long term = r.Read7BitEncodedInt64();
            long index = r.Read7BitEncodedInt64();
            byte type = r.ReadByte();
            if (type > 2)
            {
                throw new FormatException($"{type} is not an entry type");
            }

            byte[] data = ReadBytes(r);
            entries[i] = new RaftEntry(term, index, data)
            {
                Configuration = type switch { 0 => null, 1 => ReadConfiguration(r), _ => ReadContexts(r, ReadConfiguration(r)) },
            };
        }

        return entries;
    }

    public static void WriteConfiguration(BinaryWriter w, RaftConfiguration c)
    {
        WriteIds(w, c.Voters);
        WriteIds(w, c.Learners);
    }

    public static RaftConfiguration ReadConfiguration(BinaryReader r)
    {
        int[] voters = ReadIds(r), learners = ReadIds(r);
        if (voters.Concat(learners).Any(id => id <= 0) || voters.Distinct().Count() != voters.Length
            || learners.Distinct().Count() != learners.Length || voters.Intersect(learners).Any())
        {
            throw new FormatException("a configuration's ids must be positive and distinct");
        }

        return new RaftConfiguration(voters, learners);
    }

    /// <summary>The contexts of <paramref name="c"/>'s members: count, then (id, UTF-8 text) pairs.</summary>
    public static void WriteContexts(BinaryWriter w, RaftConfiguration c)
    {
        w.Write7BitEncodedInt(c.Contexts.Count);
        foreach (var (id, context) in c.Contexts)
        {
            w.Write7BitEncodedInt(id);
            WriteBytes(w, System.Text.Encoding.UTF8.GetBytes(context));
        }
    }

    /// <summary>Reads what <see cref="WriteContexts"/> wrote and returns <paramref name="c"/> with those contexts; each must name a member once.</summary>
    public static RaftConfiguration ReadContexts(BinaryReader r, RaftConfiguration c)
    {
        int count = r.Read7BitEncodedInt();
        if (count < 0 || count > r.BaseStream.Length - r.BaseStream.Position)
        {
            throw new FormatException($"{count} contexts cannot fit in what is left");
        }

        var contexts = new Dictionary<int, string>(count);
        for (int i = 0; i < count; i++)
        {
            int id = r.Read7BitEncodedInt();
            string context = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(ReadBytes(r));
            if (!c.IsMember(id) || !contexts.TryAdd(id, context))
            {
                throw new FormatException($"a context for {id}, which is not a member or has one already");
            }
        }

        return new RaftConfiguration(c.Voters, c.Learners, contexts);
    }

    /// <summary>A snapshot with its configuration's contexts (the contexts snapshot form, after the typed one).</summary>
    public static void WriteContextsSnapshot(BinaryWriter w, RaftSnapshot s)
    {
        WriteTypedSnapshot(w, s);
        WriteContexts(w, s.Configuration!);
    }

    public static RaftSnapshot ReadContextsSnapshot(BinaryReader r)
    {
        RaftSnapshot s = ReadTypedSnapshot(r);
        return s with { Configuration = ReadContexts(r, s.Configuration!) };
    }

    /// <summary>A snapshot with its configuration (the typed snapshot form).</summary>
    public static void WriteTypedSnapshot(BinaryWriter w, RaftSnapshot s)
    {
        WriteSnapshot(w, s);
        WriteConfiguration(w, s.Configuration!);
    }

    public static RaftSnapshot ReadTypedSnapshot(BinaryReader r) => ReadSnapshot(r) with { Configuration = ReadConfiguration(r) };

    private static void WriteIds(BinaryWriter w, IReadOnlyList<int> ids)
    {
        w.Write7BitEncodedInt(ids.Count);
        foreach (int id in ids)
        {
            w.Write7BitEncodedInt(id);
        }
    }

    private static int[] ReadIds(BinaryReader r)
    {
        int count = r.Read7BitEncodedInt();
        if (count < 0 || count > r.BaseStream.Length - r.BaseStream.Position)
        {
            throw new FormatException($"{count} ids cannot fit in what is left");
        }

        var ids = new int[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = r.Read7BitEncodedInt();
        }

        return ids;
    }

    public static RaftEntry[] ReadEntries(BinaryReader r)
    {
        int count = r.Read7BitEncodedInt();
        if (count < 0 || count > r.BaseStream.Length - r.BaseStream.Position)
        {
            throw new FormatException($"{count} entries cannot fit in what is left");
        }

        var entries = new RaftEntry[count];
        for (int i = 0; i < count; i++)
        {
            long term = r.Read7BitEncodedInt64();
            long index = r.Read7BitEncodedInt64();
            entries[i] = new RaftEntry(term, index, ReadBytes(r));
        }

        return entries;
    }

    public static void WriteSnapshot(BinaryWriter w, RaftSnapshot s)
    {
        w.Write7BitEncodedInt64(s.Index);
        w.Write7BitEncodedInt64(s.Term);
        WriteBytes(w, s.Data);
    }

    public static RaftSnapshot ReadSnapshot(BinaryReader r)
    {
        long index = r.Read7BitEncodedInt64();
        long term = r.Read7BitEncodedInt64();
        return new RaftSnapshot(index, term, ReadBytes(r));
    }

    public static byte[] Encode(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            write(w);
        }

        return stream.ToArray();
    }

    /// <summary>Decodes with <paramref name="read"/>; truncation, overflow or trailing bytes are a <see cref="FormatException"/>.</summary>
    public static T Decode<T>(ReadOnlySpan<byte> bytes, Func<BinaryReader, T> read)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var r = new BinaryReader(stream);
        try
        {
            T value = read(r);
            if (stream.Position != stream.Length)
            {
                throw new FormatException($"{stream.Length - stream.Position} bytes left over after the value");
            }

            return value;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or OverflowException or ArgumentException)
        {
            throw new FormatException($"malformed Raft bytes: {ex.Message}", ex);
        }
    }

    public static bool ReadBool(BinaryReader r) => r.ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw new FormatException($"{b} is not a boolean"),
    };
}
