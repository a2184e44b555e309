/*
 * Unit tests of the native helper's pure parts, compiled together with them by HelperNativeTests.cs:
 * the spec parser (good and malformed messages), open_in_root (symlinks and ".." cannot leave the root) and the
 * seccomp filter (in forked children: denied calls get EPERM, allowed ones run, a foreign-arch syscall is killed).
 * Prints one line per failed check and "N checks, M failed"; exits 1 when any failed.
 * Everything it tries on the host is harmless even if the filter let it through (ENOENT/EINVAL paths).
 */
#define _GNU_SOURCE
#include "arbiter-init.h"
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

static int checks, failed;
#define CHECK(cond, ...) do { checks++; if (!(cond)) { failed++; printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

/* Builds a spec message from NUL-separated pieces ("a\0b\0" literals) into buf. */
static size_t msg(char *buf, const char *const *tokens)
{
    size_t n = 0;
    for (; *tokens; tokens++) { size_t l = strlen(*tokens) + 1; memcpy(buf + n, *tokens, l); n += l; }
    return n;
}

static void test_spec(void)
{
    static struct spec s;
    static char buf[4096];
    const char *err;
    const char *good[] = { SPEC_MAGIC, "rootfs", "/r", "ns", "pid,mount,uts,user", "hostname", "h",
        "mount", "proc", "/proc", "proc", "14", "", "caps", "0x3", "1", "2", "0", "0", "rlimit", "7", "10", "20",
        "user", "1000", "1000", "group", "5", "arg", "/bin/sh", "arg", "-c", "env", "A=1", "end", NULL };
    size_t n = msg(buf, good);
    CHECK(spec_parse(buf, n, &s, &err) == 0, "good spec refused: %s", err);
    CHECK(s.clone_flags == (CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWUSER), "namespaces %x", s.clone_flags);
    CHECK(s.nmounts == 1 && s.mounts[0].flags == 14 && !strcmp(s.mounts[0].fstype, "proc"), "mount");
    CHECK(s.caps_given && s.caps[0] == 3 && s.caps[2] == 2, "caps");
    CHECK(s.nrlimits == 1 && s.rlimits[0].resource == 7 && s.rlimits[0].limit.rlim_cur == 10 && s.rlimits[0].limit.rlim_max == 20, "rlimit");
    CHECK(s.uid == 1000 && s.ngroups == 1 && s.groups[0] == 5, "ids");
    CHECK(s.argc == 2 && s.argv[2] == NULL && !strcmp(s.argv[1], "-c") && s.envc == 1 && s.envp[1] == NULL, "argv/env");
    CHECK(!strcmp(s.cwd, "/"), "default cwd");

    /* Every prefix of a good message is refused (a record cut anywhere, or no "end"). */
    for (size_t cut = 0; cut < n; cut++) {
        n = msg(buf, good);
        CHECK(spec_parse(buf, cut, &s, &err) < 0, "prefix of %zu bytes accepted", cut);
    }

    struct { const char *why; const char *tokens[16]; } bad[] = {
        { "wrong magic", { "ARBITER-SPEC/0", "rootfs", "/r", "ns", "mount", "arg", "x", "end", NULL } },
        { "unknown key", { SPEC_MAGIC, "rootfs", "/r", "ns", "mount", "color", "red", "arg", "x", "end", NULL } },
        { "unknown namespace", { SPEC_MAGIC, "rootfs", "/r", "ns", "mount,time", "arg", "x", "end", NULL } },
        { "no mount namespace", { SPEC_MAGIC, "rootfs", "/r", "ns", "pid", "arg", "x", "end", NULL } },
        { "relative rootfs", { SPEC_MAGIC, "rootfs", "r", "ns", "mount", "arg", "x", "end", NULL } },
        { "no command", { SPEC_MAGIC, "rootfs", "/r", "ns", "mount", "end", NULL } },
        { "bad number", { SPEC_MAGIC, "rootfs", "/r", "ns", "mount", "user", "-1", "0", "arg", "x", "end", NULL } },
        { "rlimit soft > hard", { SPEC_MAGIC, "rootfs", "/r", "ns", "mount", "rlimit", "7", "9", "8", "arg", "x", "end", NULL } },
        { "relative mount target", { SPEC_MAGIC, "rootfs", "/r", "ns", "mount", "mount", "p", "proc", "proc", "0", "", "arg", "x", "end", NULL } },
        { "data after end", { SPEC_MAGIC, "rootfs", "/r", "ns", "mount", "arg", "x", "end", "arg", NULL } },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        n = msg(buf, bad[i].tokens);
        CHECK(spec_parse(buf, n, &s, &err) < 0, "%s accepted", bad[i].why);
    }
    /* An unterminated last token. */
    n = msg(buf, good);
    CHECK(spec_parse(buf, n - 1, &s, &err) < 0, "unterminated token accepted");
}

static void test_open_in_root(void)
{
    char base[] = "/tmp/arbiter-helper-test-XXXXXX";
    if (!mkdtemp(base)) { CHECK(0, "mkdtemp"); return; }
    char root[128], outside[128], path[512];
    snprintf(root, sizeof root, "%s/root", base);
    snprintf(outside, sizeof outside, "%s/outside", base);
    mkdir(root, 0755); mkdir(outside, 0755);
    snprintf(path, sizeof path, "%s/abs", root);
    CHECK(symlink(outside, path) == 0, "symlink abs");            /* root/abs -> BASE/outside (host path) */
    snprintf(path, sizeof path, "%s/rel", root);
    CHECK(symlink("../outside", path) == 0, "symlink rel");       /* root/rel -> ../outside */
    int rootfd = open(root, O_PATH | O_DIRECTORY);

    int fd = open_in_root(rootfd, "/abs/made", 1, 0);
    CHECK(fd >= 0, "open_in_root abs: %s", strerror(errno));
    snprintf(path, sizeof path, "%s/made", outside);
    CHECK(access(path, F_OK) != 0, "an absolute symlink led outside the root");
    snprintf(path, sizeof path, "%s%s/made", root, outside);
    CHECK(access(path, F_OK) == 0, "absolute symlink not resolved inside the root (%s missing)", path);
    if (fd >= 0) close(fd);

    fd = open_in_root(rootfd, "/rel/file", 1, 1);
    CHECK(fd >= 0, "open_in_root rel: %s", strerror(errno));
    snprintf(path, sizeof path, "%s/file", outside);
    CHECK(access(path, F_OK) != 0, "a relative symlink with .. led outside the root");
    snprintf(path, sizeof path, "%s/outside/file", root);
    CHECK(access(path, F_OK) == 0, "relative symlink not clamped at the root");
    if (fd >= 0) close(fd);

    fd = open_in_root(rootfd, "/../../../etc", 0, 0);
    CHECK(fd < 0 && errno == ENOENT, "/../../../etc reached the host's /etc");
    if (fd >= 0) close(fd);
    close(rootfd);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    CHECK(system(cmd) == 0, "cleanup");
}

/* Runs fn in a child with the filter installed; returns its wait status. */
static int filtered(long (*fn)(void), long *result, int *err)
{
    int p[2];
    if (pipe(p) < 0) return -1;
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) _exit(3);
        if (install_seccomp() < 0) _exit(4);
        long r[2];
        errno = 0;
        r[0] = fn();
        r[1] = errno;
        if (write(p[1], r, sizeof r) != sizeof r) _exit(5);
        _exit(0);
    }
    close(p[1]);
    long r[2] = { 0, 0 };
    ssize_t n = read(p[0], r, sizeof r);
    close(p[0]);
    int status;
    waitpid(pid, &status, 0);
    *result = n == sizeof r ? r[0] : -99;
    *err = (int)r[1];
    return status;
}

static long do_mount(void) { return mount(NULL, "/arbiter-no-such-dir", "tmpfs", 0, NULL); }
static long do_reboot(void) { return syscall(SYS_reboot, 0, 0, 0, NULL); }
static long do_unshare_user(void) { return unshare(CLONE_NEWUSER); }
static long do_clone_newns(void) { long r = syscall(SYS_clone, CLONE_NEWNS | SIGCHLD, 0, 0, 0, 0); if (r == 0) _exit(0); if (r > 0) waitpid((pid_t)r, NULL, 0); return r > 0 ? 0 : r; }
static long do_fork(void) { long r = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0); if (r == 0) _exit(0); if (r > 0) waitpid((pid_t)r, NULL, 0); return r > 0 ? 0 : r; }
#ifdef SYS_clone3
static long do_clone3(void) { return syscall(SYS_clone3, NULL, 0); }
#endif
static long do_mknod_char(void) { long r = mknod("/tmp/arbiter-helper-test-null", S_IFCHR | 0600, makedev(1, 3)); int e = errno; unlink("/tmp/arbiter-helper-test-null"); errno = e; return r; }
static long do_mknod_fifo(void) { long r = mknod("/tmp/arbiter-helper-test-fifo", S_IFIFO | 0600, 0); int e = errno; unlink("/tmp/arbiter-helper-test-fifo"); errno = e; return r; }
static long do_getpid(void) { return getpid() > 0 ? 0 : -1; }
#ifdef __x86_64__
static long do_int80(void) { long r; __asm__ volatile("int $0x80" : "=a"(r) : "a"(20) : "memory"); return r; }
#endif

static void test_seccomp(void)
{
    struct { const char *name; long (*fn)(void); int denied_errno; } cases[] = {
        { "mount", do_mount, EPERM }, { "reboot", do_reboot, EPERM }, { "unshare(CLONE_NEWUSER)", do_unshare_user, EPERM },
        { "clone(CLONE_NEWNS)", do_clone_newns, EPERM }, { "mknod(char device)", do_mknod_char, EPERM },
#ifdef SYS_clone3
        { "clone3", do_clone3, ENOSYS },
#endif
        { "fork", do_fork, 0 }, { "mknod(fifo)", do_mknod_fifo, 0 }, { "getpid", do_getpid, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        long r;
        int e;
        int status = filtered(cases[i].fn, &r, &e);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: child status %x", cases[i].name, status);
        if (cases[i].denied_errno) CHECK(r == -1 && e == cases[i].denied_errno, "%s: expected errno %d, got r=%ld errno=%d", cases[i].name, cases[i].denied_errno, r, e);
        else CHECK(r == 0, "%s: should be allowed, got r=%ld errno=%d", cases[i].name, r, e);
    }
#ifdef __x86_64__
    long r;
    int e;
    int status = filtered(do_int80, &r, &e);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV) printf("note: no IA32 emulation in this kernel; arch check not exercised\n");
    else CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS, "a 32-bit syscall was not killed by the arch check (status %x)", status);
#endif
}

int main(void)
{
    test_spec();
    test_open_in_root();
    test_seccomp();
    printf("%d checks, %d failed\n", checks, failed);
    return failed ? 1 : 0;
}
