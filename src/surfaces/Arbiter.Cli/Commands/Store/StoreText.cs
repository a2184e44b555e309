using System.Globalization;
using System.Text;
using Arbiter.Cli.App;
using Arbiter.Store.Gateway;

namespace Arbiter.Cli.Commands.Store;

/// <summary>
/// How the store commands read and show keys, values and lease ids: keys and values are UTF-8 text on the command
/// line and in the output; lease ids are hexadecimal, as etcdctl prints and reads them.
/// </summary>
internal static class StoreText
{
    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(byte[]? bytes) => bytes is null ? "" : Encoding.UTF8.GetString(bytes);

    /// <summary>
    /// The end of the range of every key starting with <paramref name="prefix"/>: the prefix with its last byte below
    /// 0xff incremented and the rest cut (etcd's GetPrefixRangeEnd); "\0" (every key) when there is no such byte.
    /// </summary>
    public static byte[] PrefixEnd(byte[] prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        for (int i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] < 0xff)
            {
                byte[] end = prefix[..(i + 1)];
                end[i]++;
                return end;
            }
        }

        return [0];
    }

    /// <summary>The key and range end of KEY, or with <paramref name="prefix"/> of every key under it ("" with a prefix: every key).</summary>
    public static (byte[] Key, byte[]? End) Range(string key, bool prefix, string? rangeEnd = null)
    {
        if (prefix)
        {
            return key.Length == 0 ? ([0], [0]) : (Bytes(key), PrefixEnd(Bytes(key)));
        }

        return (Bytes(key), rangeEnd is null ? null : Bytes(rangeEnd));
    }

    /// <summary>A lease id in hexadecimal (etcdctl's spelling), with or without 0x.</summary>
    public static long LeaseId(string text, string what)
    {
        string t = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (t.Length == 0 || t.Length > 16 || !long.TryParse(t, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long id) || id <= 0)
        {
            throw new InputException($"{what}: '{text}' is not a lease id (hexadecimal, as 'lease grant' prints it, e.g. 694d7a3e2b5c1e04)");
        }

        return id;
    }

    public static string Lease(long id) => id.ToString("x", CultureInfo.InvariantCulture);

    public static string Member(ulong id) => id.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>A key-value in the JSON output: text key and value, numbers as numbers, lease in hexadecimal.</summary>
    public static object Json(WireKeyValue kv) => new
    {
        key = Text(kv.Key),
        value = Text(kv.Value),
        create_revision = kv.CreateRevision,
        mod_revision = kv.ModRevision,
        version = kv.Version,
        lease = kv.Lease == 0 ? null : Lease(kv.Lease),
    };

    /// <summary>An event in the JSON output.</summary>
    public static object Json(WireEvent e) => new
    {
        type = e.Type ?? "PUT",
        revision = e.Kv?.ModRevision ?? 0,
        kv = e.Kv is null ? null : Json(e.Kv),
        prev_kv = e.PrevKv is null ? null : Json(e.PrevKv),
    };

    /// <summary>A count option's value, which must be positive.</summary>
    public static long Positive(long value, string option) =>
        value > 0 ? value : throw new InputException($"{option}: must be a whole number ≥ 1, got {value}");

    /// <summary>A revision option's value: 0 (now) or a positive revision.</summary>
    public static long Revision(long value, string option) =>
        value >= 0 ? value : throw new InputException($"{option}: must be a revision ≥ 0 (0: the current one), got {value}");
}
