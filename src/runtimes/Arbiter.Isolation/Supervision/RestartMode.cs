namespace Arbiter.Isolation.Supervision;

/// <summary>When a supervised workload is started again after it exits (docker's and Kubernetes' restart policies).</summary>
public enum RestartMode
{
    /// <summary>Never: the first exit ends supervision.</summary>
    Never,

    /// <summary>After a failure (non-zero exit, signal, OOM kill, failed start), up to a limit; a clean exit ends supervision.</summary>
    OnFailure,

    /// <summary>After every exit, clean or not (up to a limit if one is given).</summary>
    Always,
}
