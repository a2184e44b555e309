using Arbiter.Sync.Spinning;

namespace Arbiter.Sync.Tests.Spinning;

public class MisuseTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void PetersonEnter_IndexOutsideZeroOrOne_ThrowsNamingTheRange(int index)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PetersonLock().Enter(index));

        Assert.Contains($"thread index {index} is outside 0..1", e.Message, StringComparison.Ordinal);
        Assert.Contains("2 threads", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PetersonEnter_SameIndexTwice_ThrowsInsteadOfSpinningForever()
    {
        var sut = new PetersonLock();
        sut.Enter(1);

        var e = Assert.Throws<InvalidOperationException>(() => sut.Enter(1));
        Assert.Contains("not re-entrant", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PetersonExit_NotEntered_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new PetersonLock().Exit(0));
    }

    [Fact]
    public void BakeryEnter_IndexEqualToThreadCount_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BakeryLock(3).Enter(3));

        Assert.Contains("outside 0..2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BakeryConstructor_NoThreads_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BakeryLock(0));
    }

    [Fact]
    public void BakeryEnter_SameIndexTwice_Throws()
    {
        var sut = new BakeryLock(2);
        sut.Enter(0);

        Assert.Throws<InvalidOperationException>(() => sut.Enter(0));
    }

    public static TheoryData<string> Hardware => new() { "tas", "ttas", "ticket", "cas" };

    [Theory]
    [MemberData(nameof(Hardware))]
    public void Exit_LockNobodyHolds_Throws(string name)
    {
        ICriticalSectionLock sut = Create(name);

        var e = Assert.Throws<InvalidOperationException>(() => sut.Exit(0));
        Assert.Contains("nobody holds", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Hardware))]
    public void EnterExit_OneThread_CanBeRepeated(string name)
    {
        ICriticalSectionLock sut = Create(name);
        for (int i = 0; i < 3; i++)
        {
            sut.Enter(0);
            sut.Exit(0);
        }

        Assert.Throws<InvalidOperationException>(() => sut.Exit(0)); // released after the last exit
    }

    [Fact]
    public void CasSpinLockConstructor_CapBelowMinimum_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CasSpinLock(CasSpinLock.MinBackoff - 1));
    }

    private static ICriticalSectionLock Create(string name) => name switch
    {
        "tas" => new TestAndSetLock(),
        "ttas" => new TestAndTestAndSetLock(),
        "ticket" => new TicketLock(),
        _ => new CasSpinLock(),
    };
}
