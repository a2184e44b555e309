namespace Arbiter.Sync.Spinning;

/// <summary>The one check every slot-per-thread lock makes on the index a caller passes.</summary>
internal static class ThreadIndex
{
    public static void Check(int thread, int count, string lockName)
    {
        if ((uint)thread >= (uint)count)
        {
            throw new ArgumentOutOfRangeException(nameof(thread), thread,
                $"thread index {thread} is outside 0..{count - 1}: this {lockName} is shared by {count} threads, numbered 0 to {count - 1}");
        }
    }
}
