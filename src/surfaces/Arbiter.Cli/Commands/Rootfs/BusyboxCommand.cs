using System.CommandLine;
using Arbiter.Cli.App;
using Arbiter.Isolation.Rootfs;

namespace Arbiter.Cli.Commands.Rootfs;

/// <summary><c>arbiter rootfs busybox DIR</c>: a minimal root filesystem from Debian's busybox-static.</summary>
internal static class BusyboxCommand
{
    public static Command Build(CliContext context)
    {
        var dir = new Argument<string>("DIR") { Description = "Where to build it: absent, empty, or a rootfs built here before (then rebuilt)" };
        var hostname = new Option<string>("--hostname") { Description = "Written to /etc/hostname", DefaultValueFactory = _ => "arbiter" };
        var busybox = new Option<string?>("--busybox") { Description = "A statically linked busybox to use instead of Debian's busybox-static" };
        var noInstall = new Option<bool>("--no-install") { Description = "Do not install busybox-static with apt-get when it is missing; fail instead" };
        var json = CommonOptions.Json();
        var command = new Command("busybox", """
            Builds a minimal root filesystem: DIR/bin/busybox (static, from Debian's busybox-static) with a symlink per
            applet, /etc/passwd, /etc/group, /etc/hostname, /etc/hosts and empty /proc /sys /dev /tmp /root for the
            runtime to mount. Needs no network unless busybox-static must first be installed with apt-get. Built in
            DIR.tmp and renamed into place; running it again rebuilds the same tree. A DIR holding anything else is
            refused and left untouched.

            Examples:
              arbiter rootfs busybox /var/lib/arbiter/rootfs
              arbiter rootfs busybox ./rootfs --hostname box1 --json
              arbiter run --rootfs ./rootfs -- /bin/sh -c 'ls /bin | wc -l'
            """) { dir, hostname, busybox, noInstall, json };
        command.SetAction(parse => ArbiterApp.Guard(context, () =>
        {
            var options = new BusyboxRootfsOptions(
                Hostname: parse.GetValue(hostname)!,
                BusyboxPath: parse.GetValue(busybox),
                Install: !parse.GetValue(noInstall),
                Log: line => context.Err.WriteLine($"arbiter: {line}"));
            BusyboxRootfsResult result;
            try
            {
                result = BusyboxRootfs.Build(parse.GetValue(dir)!, options);
            }
            catch (RootfsException e) when (e.IsBadInput)
            {
                throw new InputException(e.Message, e);
            }
            catch (RootfsException e)
            {
                // The machine, not the request: no static busybox and none installable, or a write failed.
                context.Err.WriteLine($"arbiter: {e.Message}");
                return ArbiterApp.Fault;
            }

            if (parse.GetValue(json))
            {
                context.Json(new
                {
                    directory = result.Directory,
                    busybox = result.Busybox,
                    version = result.Version,
                    applets = result.Applets,
                    installed = result.Installed,
                    replaced = result.Replaced,
                });
            }
            else
            {
                context.Out.WriteLine($"{(result.Replaced ? "rebuilt" : "built")} {result.Directory}: {result.Version}, {result.Applets} applets{(result.Installed ? " (busybox-static installed with apt-get)" : "")}");
            }

            return ArbiterApp.Ok;
        }));
        return command;
    }
}
