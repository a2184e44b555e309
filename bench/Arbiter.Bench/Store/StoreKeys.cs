using System.Text;

namespace Arbiter.Bench.Store;

/// <summary>The benchmark key space: "key/000000" … in bytewise order, 100-byte values.</summary>
public static class StoreKeys
{
    public const int Count = 100_000;

    public static byte[] Key(int i) => Encoding.ASCII.GetBytes($"key/{i:D6}");

    public static byte[] Value(int i)
    {
        var v = new byte[100];
        v[0] = (byte)i;
        return v;
    }
}
