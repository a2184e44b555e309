namespace Arbiter.Sync.Labs;

/// <summary>The three ways .NET code can run concurrent units of work, from kernel threads to user-level scheduling.</summary>
public enum ThreadModel
{
    /// <summary>One kernel thread per unit (one-to-one model): <c>new Thread</c>, scheduled by the OS.</summary>
    OsThread,

    /// <summary>Work items on the .NET thread pool: a few kernel threads run many queued units (many-to-many).</summary>
    ThreadPool,

    /// <summary>Async tasks: units are state machines that the runtime resumes on pool threads (user-level scheduling).</summary>
    Async,
}
