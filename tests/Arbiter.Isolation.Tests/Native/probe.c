/*
 * probe: a static test program copied into the test rootfs. It asks the kernel for things a container must not
 * be able to do and prints what the kernel answered, so a test can tell "denied" (EPERM) from "allowed" (success
 * or an argument error such as EINVAL/EFAULT/EBADF/ENOENT, which the kernel checks only after the permission).
 * Every probe is harmless even when allowed (the test must fail, not the machine): reboot with a wrong magic,
 * init_module of nothing, a tmpfs mounted on a fresh directory and unmounted at once, umount of a directory that
 * is no mount point, sethostname to the name already set.
 *
 *   probe sys NAME...   one line per call: "NAME ok" or "NAME EPERM" (errno name)
 *   probe hog MB        allocates and touches MB MiB, printing each 8 MiB done
 *   probe spin MS       burns CPU for MS ms of wall time, then prints the CPU time it got
 *   probe escape FILE   the classic chroot escape (chroot into a subdirectory with the cwd left outside it, walk
 *                       up with "..", chroot there), then prints FILE: a root set up with chroot alone is left
 *                       this way (CAP_SYS_CHROOT is in the default set); after pivot_root and the detach of the
 *                       old root, the walk ends at the container's own root
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

static const char *errname(int e)
{
    switch (e) {
    case EPERM: return "EPERM";
    case EACCES: return "EACCES";
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case EBADF: return "EBADF";
    case ENOENT: return "ENOENT";
    case ENOSYS: return "ENOSYS";
    case ESRCH: return "ESRCH";
    case EEXIST: return "EEXIST";
    case EBUSY: return "EBUSY";
    case ENOEXEC: return "ENOEXEC";
    case EROFS: return "EROFS";
    default: return "EOTHER";
    }
}

/* A fresh empty directory for the mount probes; removed again by the caller. */
static char scratch[64];

static const char *make_scratch(void)
{
    strcpy(scratch, "/tmp/probe-XXXXXX");
    if (!mkdtemp(scratch)) { strcpy(scratch, "/probe-XXXXXX"); if (!mkdtemp(scratch)) return NULL; }
    return scratch;
}

static long mount_probe(void)
{
    const char *dir = make_scratch();
    if (!dir) return -1;
    long r = mount("none", dir, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k");
    int saved = errno;
    if (r == 0) umount2(dir, MNT_DETACH);
    rmdir(dir);
    errno = saved;
    return r;
}

static long umount_probe(void)
{
    const char *dir = make_scratch();
    if (!dir) return -1;
    long r = umount2(dir, 0);                     /* not a mount point: EINVAL when allowed */
    int saved = errno;
    rmdir(dir);
    errno = saved;
    return r == 0 || errno == EINVAL ? 0 : r;
}

static long call(const char *name)
{
    if (!strcmp(name, "mount")) return mount_probe();
    if (!strcmp(name, "umount")) return umount_probe();
    if (!strcmp(name, "reboot")) return syscall(SYS_reboot, 0, 0, 0, NULL);          /* wrong magic: EINVAL if allowed */
    if (!strcmp(name, "init_module")) return syscall(SYS_init_module, NULL, 0, "");    /* EFAULT if allowed */
    if (!strcmp(name, "finit_module")) return syscall(SYS_finit_module, -1, "", 0);   /* EBADF if allowed */
    if (!strcmp(name, "delete_module")) return syscall(SYS_delete_module, "arbiter_no_such_module", 0);
    if (!strcmp(name, "kexec_load")) return syscall(SYS_kexec_load, 0, 0, NULL, 0xffffffffUL); /* EINVAL if allowed */
    if (!strcmp(name, "bpf")) return syscall(SYS_bpf, -1, NULL, 0);
    if (!strcmp(name, "keyctl")) return syscall(SYS_keyctl, -1, 0, 0, 0, 0);
    if (!strcmp(name, "ptrace")) return syscall(SYS_ptrace, 0 /* PTRACE_TRACEME */, 0, 0, 0);
    if (!strcmp(name, "unshare-user")) return unshare(CLONE_NEWUSER);
    if (!strcmp(name, "unshare-mount")) return unshare(CLONE_NEWNS);
    if (!strcmp(name, "mknod-char")) { long r = mknod("/tmp/probe-null", S_IFCHR | 0600, makedev(1, 3)); int e = errno; unlink("/tmp/probe-null"); errno = e; return r; }
    if (!strcmp(name, "mknod-fifo")) { long r = mknod("/tmp/probe-fifo", S_IFIFO | 0600, 0); unlink("/tmp/probe-fifo"); return r; }
    if (!strcmp(name, "sethostname")) { char h[256] = ""; gethostname(h, sizeof h - 1); return sethostname(h, strlen(h)); }
    errno = ENOSYS;
    return -2;
}

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static double wall_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc >= 3 && !strcmp(argv[1], "sys")) {
        for (int i = 2; i < argc; i++) {
            errno = 0;
            long r = call(argv[i]);
            if (r == -2) { printf("%s unknown\n", argv[i]); continue; }
            printf("%s %s\n", argv[i], r == 0 ? "ok" : errname(errno));
        }
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "hog")) {
        long mb = atol(argv[2]);
        for (long i = 0; i < mb; i++) {
            char *p = malloc(1 << 20);
            if (!p) { printf("malloc failed at %ld MiB\n", i); return 1; }
            memset(p, 1, 1 << 20);
            if ((i + 1) % 8 == 0) printf("%ld MiB\n", i + 1);
        }
        printf("survived %ld MiB\n", mb);
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "spin")) {
        double until = wall_seconds() + atol(argv[2]) / 1000.0;
        volatile unsigned long x = 0;
        while (wall_seconds() < until) for (int i = 0; i < 100000; i++) x++;
        printf("cpu %.3f\n", cpu_seconds());
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "escape")) {
        const char *dir = make_scratch();
        if (!dir) { printf("escape mkdtemp %s\n", errname(errno)); return 0; }
        if (chroot(dir) < 0) { printf("escape chroot %s\n", errname(errno)); return 0; }
        for (int i = 0; i < 64; i++) {
            if (chdir("..") < 0) break;                  /* the cwd is outside the new root: ".." is not stopped */
        }
        if (chroot(".") < 0) { printf("escape chroot-back %s\n", errname(errno)); return 0; }
        FILE *f = fopen(argv[2], "r");
        if (!f) { printf("escape open %s\n", errname(errno)); return 0; }
        char buf[256];
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        printf("escape read %.*s\n", (int)n, buf);
        return 0;
    }
    fprintf(stderr, "usage: probe sys NAME... | hog MB | spin MS | escape FILE\n");
    return 2;
}
