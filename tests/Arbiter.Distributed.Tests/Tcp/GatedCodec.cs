using Arbiter.Distributed.Tcp;

namespace Arbiter.Distributed.Tests.Tcp;

/// <summary>
/// JSON records, except that encoding the record <c>held</c> waits until <see cref="Release"/> (so a background
/// rewrite whose image holds it is caught mid-write) and encoding <c>"boom"</c> throws (a failed write).
/// </summary>
internal sealed class GatedCodec(string held = "image") : IMessageCodec<string>, IDisposable
{
    private static readonly JsonMessageCodec<string> Json = new();
    private readonly ManualResetEventSlim _gate = new(false);
    private readonly ManualResetEventSlim _reached = new(false);

    public void Release() => _gate.Set();

    /// <summary>Waits until the background thread is inside the held record's encoding.</summary>
    public void WaitReached() => Assert.True(_reached.Wait(TimeSpan.FromSeconds(20)), "the background write never began");

    public byte[] Encode(string value)
    {
        if (value == held)
        {
            _reached.Set();
            Assert.True(_gate.Wait(TimeSpan.FromSeconds(20)), "the test never released the gate");
        }

        return value == "boom" ? throw new IOException("disk full (simulated)") : Json.Encode(value);
    }

    public string Decode(ReadOnlySpan<byte> bytes) => Json.Decode(bytes);

    public void Dispose()
    {
        _gate.Dispose();
        _reached.Dispose();
    }
}
