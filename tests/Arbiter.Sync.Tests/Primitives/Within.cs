using System.Diagnostics;

namespace Arbiter.Sync.Tests.Primitives;

/// <summary>Turns a hang into a failure: every test that could block forever runs its body through these.</summary>
internal static class Within
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    public static void Run(Action body) => Run(Default, body);

    public static void Run(TimeSpan limit, Action body)
    {
        var task = Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        bool finished = ((IAsyncResult)task).AsyncWaitHandle.WaitOne(limit);
        Assert.True(finished, $"the test did not finish within {limit.TotalSeconds} s (a hang: lost wake-up or deadlock)");
        task.GetAwaiter().GetResult(); // rethrows the body's own exception, not an AggregateException
    }

    /// <summary>Runs <paramref name="body"/> under the hang guard and returns its result.</summary>
    public static T Result<T>(Func<T> body)
    {
        T result = default!;
        Run(() => result = body());
        return result;
    }

    public static void RunAsync(Func<Task> body) => Run(Default, () => body().GetAwaiter().GetResult());

    /// <summary>Waits until <paramref name="condition"/> holds (e.g. "a thread is queued"), failing after the limit.</summary>
    public static void SpinUntil(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < Default, $"timed out waiting until {what}");
            Thread.Sleep(1);
        }
    }

    /// <summary>Starts a dedicated background thread (blocked threads must not starve the thread pool).</summary>
    public static Thread Start(Action body)
    {
        var thread = new Thread(() => body()) { IsBackground = true };
        thread.Start();
        return thread;
    }

    public static void Join(Thread thread) => Assert.True(thread.Join(Default), "a thread did not finish (a hang)");
}
