namespace Arbiter.Isolation.Rootfs;

/// <summary>What <see cref="BusyboxRootfs.Build(string, BusyboxRootfsOptions?)"/> made.</summary>
/// <param name="Directory">The root filesystem's absolute path.</param>
/// <param name="Busybox">The static busybox binary that was copied in.</param>
/// <param name="Version">busybox's version line, e.g. "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1)".</param>
/// <param name="Applets">How many applet links were made (from <c>busybox --list-full</c>).</param>
/// <param name="Installed">True when busybox-static was installed with apt-get first.</param>
/// <param name="Replaced">True when an earlier rootfs built by Arbiter in the directory was replaced.</param>
public sealed record BusyboxRootfsResult(string Directory, string Busybox, string Version, int Applets, bool Installed, bool Replaced);
