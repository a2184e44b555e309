using Arbiter.Distributed.Tcp;

namespace Arbiter.Distributed.Tests.Tcp;

/// <summary>A fact that needs poll(2) and eventfd(2) (64-bit Linux), which the event loop waits with when it watches sockets.</summary>
public sealed class PollFactAttribute : FactAttribute
{
    public PollFactAttribute()
    {
        if (!Poll.Supported)
        {
            Skip = "needs poll(2) and eventfd(2) (64-bit Linux): elsewhere the loop does not watch sockets itself";
        }
    }
}
