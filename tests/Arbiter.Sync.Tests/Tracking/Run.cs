namespace Arbiter.Sync.Tests.Tracking;

/// <summary>Runs work on dedicated, named threads and turns a hang into a test failure.</summary>
internal static class Run
{
    public static void OnThread(string name, Action body, int timeoutMs = 10_000) => InParallel(timeoutMs, (name, body));

    public static void InParallel(int timeoutMs, params (string Name, Action Body)[] bodies)
    {
        var errors = new Exception?[bodies.Length];
        var threads = bodies.Select((b, i) => new Thread(() =>
        {
            try
            {
                b.Body();
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        }) { Name = b.Name, IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        foreach (var t in threads)
        {
            Assert.True(t.Join(timeoutMs), $"thread '{t.Name}' did not finish within {timeoutMs} ms (hang)");
        }

        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            throw new InvalidOperationException($"a thread failed: {error.Message}", error);
        }
    }
}
