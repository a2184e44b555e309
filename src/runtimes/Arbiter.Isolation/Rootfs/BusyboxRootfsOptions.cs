namespace Arbiter.Isolation.Rootfs;

/// <summary>How to build a busybox root filesystem.</summary>
/// <param name="Hostname">Written to <c>/etc/hostname</c>.</param>
/// <param name="BusyboxPath">A static busybox to use; null looks for Debian's busybox-static at <see cref="BusyboxRootfs.SearchPaths"/>.</param>
/// <param name="Install">Install Debian's busybox-static with apt-get when no static busybox is found.</param>
/// <param name="Log">Receives progress lines (installing the package…); null for silence.</param>
public sealed record BusyboxRootfsOptions(
    string Hostname = "arbiter",
    string? BusyboxPath = null,
    bool Install = true,
    Action<string>? Log = null);
