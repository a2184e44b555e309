namespace Arbiter.Sync.Tests.Primitives;

/// <summary>One primitive seen as a mutual-exclusion lock, so that one contract suite runs against all of them.</summary>
public sealed record Exclusive(
    string Name,
    Action Enter,
    Action Exit,
    Func<TimeSpan, CancellationToken, bool> TryEnter,
    Func<CancellationToken, Task<Action>> EnterAsync)
{
    public override string ToString() => Name;
}
