namespace Arbiter.Sync.Tests.Spinning;

/// <summary>Runs a test body that could hang (a lock that never lets a thread in) so that a hang becomes a failure.</summary>
internal static class WithTimeout
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    public static T Run<T>(Func<T> body, TimeSpan? limit = null)
    {
        var task = Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(task.Wait(limit ?? Default), $"the test body did not finish within {(limit ?? Default).TotalSeconds} s: a thread never got in (hang)");
        return task.Result;
    }

    public static void Run(Action body, TimeSpan? limit = null) => Run(() =>
    {
        body();
        return true;
    }, limit);
}
