using Arbiter.Isolation.Cgroups;

namespace Arbiter.Isolation.Tests.Cgroups;

public sealed class CgroupLimitsTests
{
    [Theory]
    [InlineData(1, 2)] // weight 1, the minimum, is shares 2, the v1 minimum
    [InlineData(100, 2597)] // 2 + 99·262142/9999 = 2 + 2595.47 → 2597
    [InlineData(10_000, 262_144)] // the maxima match
    public void SharesFromWeight_HandComputed(int weight, long shares) =>
        Assert.Equal(shares, CgroupLimits.SharesFromWeight(weight));

    [Fact]
    public void SharesFromWeight_RunCsForwardMap_GivesTheWeightBack()
    {
        // runc's map (libcontainer/cgroups ConvertCPUSharesToCgroupV2Value): weight = 1 + (shares − 2)·9999/262142.
        for (int w = 1; w <= 10_000; w++)
        {
            long s = CgroupLimits.SharesFromWeight(w);
            long back = 1 + ((s - 2) * 9_999 / 262_142);
            Assert.True(Math.Abs(back - w) <= 1, $"weight {w} → shares {s} → weight {back}");
        }
    }

    [Theory]
    [InlineData(0.5, null, 50_000L)]
    [InlineData(2.0, 50_000L, 100_000L)]
    [InlineData(0.001, null, 1_000L)] // 100 µs would be below the kernel's 1 ms floor
    public void CpuQuotaMicros_CpusTimesPeriod(double cpus, long? period, long quota) =>
        Assert.Equal(quota, new CgroupLimits(Cpus: cpus, CpuPeriodMicros: period).CpuQuotaMicros);

    [Theory]
    [InlineData(0L, null, null, null, null, null, "memory limit must be positive, got 0 bytes")]
    [InlineData(null, 10L, null, null, null, null, "a memory+swap limit needs a memory limit too")]
    [InlineData(100L, 10L, null, null, null, null, "memory+swap limit (10 bytes) is below the memory limit (100 bytes)")]
    [InlineData(null, null, -1.0, null, null, null, "cpus must be in (0, 1024], got -1")]
    [InlineData(null, null, 1.0, 10L, null, null, "cpu period must be 1000..1000000 µs, got 10")]
    [InlineData(null, null, null, null, 0, null, "cpu weight must be 1..10000, got 0")]
    [InlineData(null, null, null, null, null, 0, "pids limit must be positive, got 0")]
    public void Validate_OutOfRange_OneLineNamingTheField(long? mem, long? swap, double? cpus, long? period, int? weight, int? pids, string message)
    {
        var e = Assert.Throws<CgroupException>(() => new CgroupLimits(mem, swap, cpus, period, weight, pids).Validate());
        Assert.Equal(message, e.Message);
    }
}
