using Arbiter.Core.Deadlock.Reduction;
using FsCheck;
using FsCheck.Fluent;

namespace Arbiter.Core.Tests.Deadlock.Reduction;

public class ReadySetTests
{
    [Fact]
    public void NextAtOrAfter_RandomAddRemove_MatchesSortedSetSuccessor()
    {
        // Operations: (add?, index, query) over capacities that span one, two and three bitset levels.
        Gen<(int Capacity, (bool Add, int Index, int Query)[] Ops)> gen =
            from capacity in Gen.Elements(1, 63, 64, 65, 200, 4096, 4097, 10_000)
            from ops in Gen.ArrayOf(
                from add in Gen.Frequency((2, Gen.Constant(true)), (1, Gen.Constant(false)))
                from index in Gen.Choose(0, capacity - 1)
                from query in Gen.Choose(-1, capacity + 1)
                select (add, index, query))
            select (capacity, ops);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var set = new ReadySet(t.Capacity);
            var model = new SortedSet<int>();
            foreach (var (add, index, query) in t.Ops)
            {
                if (add)
                {
                    set.Add(index);
                    model.Add(index);
                }
                else
                {
                    set.Remove(index);
                    model.Remove(index);
                }

                int expected = model.GetViewBetween(Math.Max(0, query), int.MaxValue).DefaultIfEmpty(-1).First();
                if (set.NextAtOrAfter(query) != expected || set.Contains(index) != model.Contains(index))
                {
                    return false;
                }
            }

            return true;
        }));
    }
}
