using System.Globalization;

namespace Arbiter.Cli.Commands.Vm;

/// <summary>Addresses and sizes as people write them: 0x1f3a or 7994; 4096, 4K or 4KiB.</summary>
internal static class AddressText
{
    /// <summary>A hex (0x…) or decimal address ≥ 0, or null if the text is neither.</summary>
    public static long? Parse(string text)
    {
        string t = text.Trim().Replace("_", "", StringComparison.Ordinal);
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return t.Length > 2 && ulong.TryParse(t[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong hex) ? (long)hex : null;
        }

        return long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : null;
    }

    /// <summary>A size in bytes: 256, 4K, 4KiB, 2M, 2MiB; null if malformed.</summary>
    public static long? Size(string text)
    {
        string t = text.Trim();
        long unit = 1;
        foreach (var (suffix, scale) in new[] { ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30) })
        {
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                (t, unit) = (t[..^suffix.Length], scale);
                break;
            }
        }

        return long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n <= long.MaxValue / unit ? n * unit : null;
    }

    /// <summary>0x-prefixed hex, zero-padded to the digits <paramref name="bits"/> need.</summary>
    public static string Hex(long value, int bits) =>
        "0x" + ((ulong)value).ToString("x", CultureInfo.InvariantCulture).PadLeft(Math.Max(1, (bits + 3) / 4), '0');
}
