/*
 * The container's file system: private propagation, the rootfs bound on itself, the spec's mounts (proc, /dev,
 * binds...), the default device nodes, pivot_root, then masked and read-only paths and a read-only root.
 * Learnt from runc (libcontainer/rootfs_linux.go: prepareRoot, pivotRoot, maskPath, createDevices), crun and
 * bubblewrap; written afresh.
 *
 * Mount targets are opened with openat2(RESOLVE_IN_ROOT) relative to the rootfs and mounted through
 * /proc/self/fd/N: a symlink or ".." planted in the rootfs resolves inside the rootfs, never on the host
 * (the escape that runc's securejoin and CVE-2021-30465 are about).
 */
#define _GNU_SOURCE
#include "arbiter-init.h"
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

static char stage_text[600];

/* The stage named in an error message ("mount /proc (proc)"): static, because it outlives the call. */
static const char *staged(const char *what, const char *path, const char *detail)
{
    if (detail && *detail) snprintf(stage_text, sizeof stage_text, "%s %s (%s)", what, path, detail);
    else snprintf(stage_text, sizeof stage_text, "%s %s", what, path);
    return stage_text;
}

static const char *const Devices[] = { "null", "zero", "full", "random", "urandom", "tty" };

static int openat2_in_root(int rootfd, const char *path)
{
    struct open_how how = { .flags = O_PATH | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS };
    return (int)syscall(SYS_openat2, rootfd, path, &how, sizeof how);
}

/* Opens PATH (absolute, read as relative to ROOTFD's tree) as O_PATH; with CREATE, makes the missing parts:
 * directories, and a regular file at the end when AS_FILE (the target of a file bind mount). A component that is
 * a dangling symlink is followed by hand (its target re-read inside the root), so that even creation never
 * lands outside; DEPTH bounds symlink loops like the kernel's 40. */
static int open_in_root_at_depth(int rootfd, const char *path, int create, int as_file, int depth)
{
    int fd = openat2_in_root(rootfd, path);
    if (fd >= 0 || errno != ENOENT || !create) return fd;
    if (depth > 40) { errno = ELOOP; return -1; }
    char parent[4096];
    const char *slash = strrchr(path, '/');
    if (!slash || (size_t)(slash - path) >= sizeof parent) { errno = ENAMETOOLONG; return -1; }
    memcpy(parent, path, (size_t)(slash - path));
    parent[slash - path] = '\0';
    int dirfd = parent[0] ? open_in_root_at_depth(rootfd, parent, 1, 0, depth + 1) : openat2_in_root(rootfd, "/");
    if (dirfd < 0) return -1;
    const char *name = slash + 1;
    int made;
    if (as_file) {
        made = openat(dirfd, name, O_CREAT | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (made >= 0) close(made);
    } else {
        made = mkdirat(dirfd, name, 0755);
    }
    int saved = errno;
    if (made < 0 && (saved == EEXIST || saved == ELOOP)) {
        /* A dangling symlink: create what it points to, resolved inside the root. */
        char target[4096], next[8192];
        ssize_t n = readlinkat(dirfd, name, target, sizeof target - 1);
        close(dirfd);
        if (n < 0) { errno = saved; return -1; }
        target[n] = '\0';
        if (target[0] == '/') snprintf(next, sizeof next, "%s", target);
        else snprintf(next, sizeof next, "%s/%s", parent, target);
        return open_in_root_at_depth(rootfd, next, create, as_file, depth + 1);
    }
    close(dirfd);
    if (made < 0) { errno = saved; return -1; }
    return openat2_in_root(rootfd, path);
}

int open_in_root(int rootfd, const char *path, int create, int as_file)
{
    return open_in_root_at_depth(rootfd, path, create, as_file, 0);
}

static void fd_path(char *buf, size_t size, int fd) { snprintf(buf, size, "/proc/self/fd/%d", fd); }

/* The flags a remount must keep: in a user namespace nosuid/nodev/noexec/atime flags inherited from the
 * host are locked, and a remount that drops them fails with EPERM. */
static unsigned long locked_flags(const char *path)
{
    struct statvfs s;
    if (statvfs(path, &s) < 0) return 0;
    unsigned long f = 0;
    if (s.f_flag & ST_NOSUID) f |= MS_NOSUID;
    if (s.f_flag & ST_NODEV) f |= MS_NODEV;
    if (s.f_flag & ST_NOEXEC) f |= MS_NOEXEC;
    if (s.f_flag & ST_NOATIME) f |= MS_NOATIME;
    if (s.f_flag & ST_NODIRATIME) f |= MS_NODIRATIME;
    if (s.f_flag & ST_RELATIME) f |= MS_RELATIME;
    return f;
}

static int remount_bind(const char *path, unsigned long flags)
{
    return mount(NULL, path, NULL, MS_REMOUNT | MS_BIND | flags | locked_flags(path), NULL);
}

#define PROPAGATION (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)

static int mount_one(int rootfd, const struct mount_entry *m, const char **stage)
{
    char at[64];
    int bind = (m->flags & MS_BIND) != 0;
    struct stat st;
    *stage = staged("mount", m->target, bind ? m->source : m->fstype);
    if (bind && stat(m->source, &st) < 0) return -1;
    int fd = open_in_root(rootfd, m->target, 1, bind && !S_ISDIR(st.st_mode));
    if (fd < 0) return -1;
    fd_path(at, sizeof at, fd);
    unsigned long flags = m->flags & ~PROPAGATION;
    int r = mount(m->source, at, m->fstype[0] ? m->fstype : NULL, bind ? flags & (MS_BIND | MS_REC) : flags,
                  m->data[0] ? m->data : NULL);
    close(fd);
    if (r < 0) return -1;
    if (!(flags & ~(MS_BIND | MS_REC)) && !(m->flags & PROPAGATION)) return 0;
    /* Re-open: the fd named the directory under the new mount; ro and propagation apply to the mount itself. */
    if ((fd = open_in_root(rootfd, m->target, 0, 0)) < 0) return -1;
    fd_path(at, sizeof at, fd);
    r = 0;
    if (bind && (flags & ~(MS_BIND | MS_REC))) r = remount_bind(at, flags & ~(MS_BIND | MS_REC));
    if (r == 0 && (m->flags & PROPAGATION)) r = mount(NULL, at, NULL, m->flags & (PROPAGATION | MS_REC), NULL);
    close(fd);
    return r;
}

/* The default devices: bind mounts of the host's nodes (mknod is not allowed in a user namespace, and a bind
 * works in both cases), plus the usual symlinks. */
static int create_devices(int rootfd, const char **stage)
{
    char path[64], at[64];
    for (size_t i = 0; i < sizeof Devices / sizeof *Devices; i++) {
        snprintf(path, sizeof path, "/dev/%s", Devices[i]);
        *stage = staged("bind device", path, NULL);
        int fd = open_in_root(rootfd, path, 1, 1);
        if (fd < 0) return -1;
        fd_path(at, sizeof at, fd);
        int r = mount(path, at, NULL, MS_BIND, NULL);
        close(fd);
        if (r < 0) return -1;
    }
    int dev = open_in_root(rootfd, "/dev", 1, 0);
    if (dev < 0) return -1;
    static const char *const Links[][2] = {
        { "pts/ptmx", "ptmx" }, { "/proc/self/fd", "fd" }, { "/proc/self/fd/0", "stdin" },
        { "/proc/self/fd/1", "stdout" }, { "/proc/self/fd/2", "stderr" },
    };
    for (size_t i = 0; i < sizeof Links / sizeof *Links; i++) {
        if (symlinkat(Links[i][0], dev, Links[i][1]) < 0 && errno != EEXIST) { close(dev); return -1; }
    }
    close(dev);
    return 0;
}

/* pivot_root(".", ".") stacks the old root on the new one; detaching it leaves only the rootfs, with no
 * directory left behind for the old root (the runc/bubblewrap idiom). */
static int pivot(int rootfd)
{
    int oldroot = open("/", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
    if (oldroot < 0) return -1;
    int r = fchdir(rootfd) == 0 && syscall(SYS_pivot_root, ".", ".") == 0 && fchdir(oldroot) == 0
        /* slave first, so that detaching the old root cannot propagate an unmount to the host */
        && mount(NULL, ".", NULL, MS_SLAVE | MS_REC, NULL) == 0 && umount2(".", MNT_DETACH) == 0
        && chdir("/") == 0 ? 0 : -1;
    int saved = errno;
    close(oldroot);
    errno = saved;
    return r;
}

static int mask(const char *path)
{
    struct stat st;
    if (stat(path, &st) < 0) return errno == ENOENT ? 0 : -1;
    if (S_ISDIR(st.st_mode)) return mount("tmpfs", path, "tmpfs", MS_RDONLY, "size=0");
    return mount("/dev/null", path, NULL, MS_BIND, NULL);
}

static int make_readonly(const char *path)
{
    if (mount(path, path, NULL, MS_BIND | MS_REC, NULL) < 0) return errno == ENOENT ? 0 : -1;
    return remount_bind(path, MS_RDONLY);
}

int setup_rootfs(const struct spec *spec, int *fifo_fd, const char **stage)
{
    *stage = "make / private";
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) return -1;
    *stage = staged("bind rootfs", spec->rootfs, NULL);
    if (mount(spec->rootfs, spec->rootfs, NULL, MS_BIND | MS_REC, NULL) < 0) return -1;
    int rootfd = open(spec->rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (rootfd < 0) return -1;
    /* Symlinks on the way are followed on the host here: the C# side passes a fully resolved path. */
    if (spec->clone_flags & CLONE_NEWUSER) {
        /* Bind mount points missing from the rootfs are made now, while our kernel uid is still the host's 0
         * that owns the rootfs (as runc does, they stay); then we become the namespace's root for the rest. */
        for (size_t i = 0; i < spec->nmounts; i++) {
            const struct mount_entry *m = &spec->mounts[i];
            struct stat st;
            if (!(m->flags & MS_BIND) || stat(m->source, &st) < 0) continue;
            int fd = open_in_root(rootfd, m->target, 1, !S_ISDIR(st.st_mode));
            if (fd >= 0) close(fd);
        }
        if (become_mapped_root(stage) < 0) return -1;
    }
    for (size_t i = 0; i < spec->nmounts; i++) {
        if (mount_one(rootfd, &spec->mounts[i], stage) < 0) return -1;
    }
    *stage = "devices";
    if (spec->devices && create_devices(rootfd, stage) < 0) return -1;
    if (spec->fifo) {
        /* Opened now: after pivot_root the host path is out of reach; reopened for writing via /proc. */
        *stage = "open exec fifo";
        if ((*fifo_fd = open(spec->fifo, O_PATH | O_CLOEXEC)) < 0) return -1;
    }
    *stage = "pivot_root";
    if (pivot(rootfd) < 0) return -1;
    close(rootfd);
    for (size_t i = 0; i < spec->nmasked; i++) {
        *stage = staged("mask", spec->masked[i], NULL);
        if (mask(spec->masked[i]) < 0) return -1;
    }
    for (size_t i = 0; i < spec->nreadonly; i++) {
        *stage = staged("read-only path", spec->readonly[i], NULL);
        if (make_readonly(spec->readonly[i]) < 0) return -1;
    }
    *stage = "read-only root";
    if (spec->readonly_root && remount_bind("/", MS_RDONLY) < 0) return -1;
    *stage = staged("chdir", spec->cwd, NULL);
    return chdir(spec->cwd);
}
