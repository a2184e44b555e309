namespace Arbiter.Sync.Tests.Spinning;

/// <summary>A fact that needs at least two cores, because it relies on two threads running at the same time.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MultiCoreFactAttribute : FactAttribute
{
    public MultiCoreFactAttribute()
    {
        if (Environment.ProcessorCount < 2)
        {
            Skip = "needs at least 2 cores: on one core threads only interleave at preemption, so lost updates are rare and the check could not be reliable";
        }
    }
}
