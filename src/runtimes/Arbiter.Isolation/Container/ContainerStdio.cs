namespace Arbiter.Isolation.Container;

/// <summary>The file descriptors that become the container's stdin, stdout and stderr (the caller keeps them open).</summary>
/// <param name="Input">fd for stdin.</param>
/// <param name="Output">fd for stdout.</param>
/// <param name="Error">fd for stderr.</param>
public sealed record ContainerStdio(int Input, int Output, int Error);
