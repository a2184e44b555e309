/*
 * arbiter-init: reads the spec from the C# runtime, clones the container's init into new namespaces, hands its
 * pid over, waits for "go" (cgroup placement and id maps are C#'s job), lets the init set itself up and exec,
 * then reports how it ended. See arbiter-init.h for the protocol. Single-threaded by design.
 */
#define _GNU_SOURCE
#include "arbiter-init.h"
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define CONTROL_FD 3
#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

static int status_fd = -1;
static volatile pid_t child;

/* In the container: report "STAGE: strerror(errno)" to the helper and give up. One write below PIPE_BUF is
 * atomic, so the helper reads the whole line at once. */
static void die(const char *stage)
{
    char line[1024];
    int n = snprintf(line, sizeof line, "E%s: %s", stage, strerror(errno));
    if (write(status_fd, line, n > 0 && (size_t)n < sizeof line ? (size_t)n : sizeof line - 1) < 0) _exit(126);
    _exit(126);
}

static void say(const char *fmt, ...)
{
    char line[1200];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n >= sizeof line) n = sizeof line - 1;
    while (send(CONTROL_FD, line, (size_t)n, MSG_NOSIGNAL) < 0 && errno == EINTR) {}
}

static const char *env_path(const struct spec *spec)
{
    for (size_t i = 0; i < spec->envc; i++) {
        if (!strncmp(spec->envp[i], "PATH=", 5)) return spec->envp[i] + 5;
    }
    return DEFAULT_PATH;
}

/* argv[0] looked up in the container's PATH (from the spec's environment, not ours), like execvpe would. */
static const char *find_executable(const struct spec *spec, char *buf, size_t size)
{
    const char *name = spec->argv[0];
    if (strchr(name, '/')) return access(name, X_OK) == 0 ? name : NULL;
    int saw_eacces = 0;
    for (const char *p = env_path(spec); ; ) {
        const char *colon = strchrnul(p, ':');
        int len = (int)(colon - p);
        snprintf(buf, size, "%.*s%s%s", len, p, len ? "/" : "", name);
        if (access(buf, X_OK) == 0) return buf;
        if (errno == EACCES) saw_eacces = 1;
        if (!*colon) break;
        p = colon + 1;
    }
    errno = saw_eacces ? EACCES : ENOENT;
    return NULL;
}

static volatile pid_t workload;

static void forward_to_workload(int sig)
{
    if (workload > 0) kill(workload, sig);
}

/* --init: stay as pid 1 and run the workload as its child. A pid-1 workload ignores every signal it has no handler
 * for (the kernel protects a namespace's init), so `kill TERM` or `timeout` would not stop it; this init forwards
 * signals, reaps orphans, and reports the workload's own wait status ("W<status>") before exiting with it.
 * Exec failure of the child comes back on a close-on-exec pipe, as for the helper. Never returns. */
static void tiny_init(const struct spec *spec, const char *exe)
{
    int exec_pipe[2];
    if (pipe2(exec_pipe, O_CLOEXEC) < 0) die("init pipe");
    pid_t pid = fork();
    if (pid < 0) die("init fork");
    if (pid == 0) {
        close(exec_pipe[0]);
        status_fd = exec_pipe[1];
        execve(exe, (char *const *)spec->argv, (char *const *)spec->envp);
        char what[600];
        snprintf(what, sizeof what, "exec %s", spec->argv[0]);
        die(what);
    }
    workload = pid;
    close(exec_pipe[1]);
    struct sigaction sa = { .sa_handler = forward_to_workload, .sa_flags = SA_RESTART };
    sigemptyset(&sa.sa_mask);
    static const int Forwarded[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH };
    for (size_t i = 0; i < sizeof Forwarded / sizeof *Forwarded; i++) sigaction(Forwarded[i], &sa, NULL);
    char msg[1100];
    ssize_t n;
    while ((n = read(exec_pipe[0], msg, sizeof msg)) < 0 && errno == EINTR) {}
    if (n > 0) {
        if (write(status_fd, msg, (size_t)n) < 0) _exit(126);  /* "E..." from the child: exec failed */
        _exit(126);
    }
    if (write(status_fd, "X", 1) != 1) _exit(126);           /* exec'd */
    for (;;) {
        int st;
        pid_t done = waitpid(-1, &st, 0);
        if (done < 0 && errno == EINTR) continue;
        if (done < 0) _exit(126);
        if (done != pid) continue;                            /* an orphan, reaped */
        char report[16];
        int len = snprintf(report, sizeof report, "W%d", st);
        if (write(status_fd, report, (size_t)len) != len) _exit(126);
        _exit(WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
    }
}

/* The container's init, from clone to exec. Never returns. */
static void container(const struct spec *spec, int detached)
{
    const char *stage = "";
    if (spec->cgroup_ns && unshare(CLONE_NEWCGROUP) < 0) die("cgroup namespace");
    if (spec->hostname && sethostname(spec->hostname, strlen(spec->hostname)) < 0) die("sethostname");
    if (spec->domainname && setdomainname(spec->domainname, strlen(spec->domainname)) < 0) die("setdomainname");
    if (spec->loopback && bring_up_loopback() < 0) die("bring up lo");
    /* Nothing we inherited beyond stdio reaches the workload. */
    if (syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC) < 0) die("close_range");
    int fifo_fd = -1;
    if (setup_rootfs(spec, &fifo_fd, &stage) < 0) die(stage);
    if (apply_rlimits(spec) < 0) die("setrlimit");
    if (spec->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) die("no_new_privs");
    /* Before the ids change: without no_new_privs, installing a filter needs CAP_SYS_ADMIN, which we still hold.
     * The filter denies nothing the rest of this function needs. */
    if (spec->seccomp && install_seccomp() < 0) die("seccomp");
    if (drop_privileges(spec, &stage) < 0) die(stage);
    char path[4096];
    const char *exe = find_executable(spec, path, sizeof path);
    if (!exe) {
        char what[600];
        snprintf(what, sizeof what, "exec %s", spec->argv[0]);
        die(what);
    }
    if (detached) {
        /* OCI create: set-up is done; "start" opens the fifo for reading, which lets this open return. */
        if (write(status_fd, "R", 1) != 1) die("report ready");
        char fifo[64];
        snprintf(fifo, sizeof fifo, "/proc/self/fd/%d", fifo_fd);
        int w = open(fifo, O_WRONLY | O_CLOEXEC);
        if (w < 0 || write(w, "0", 1) != 1) _exit(126);
        close(w);
        close(fifo_fd);
    } else if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) {
        /* Set after the ids changed (a credential change clears it): if the helper dies, so does the container. */
        die("parent-death signal");
    }
    if (spec->init) tiny_init(spec, exe);
    execve(exe, (char *const *)spec->argv, (char *const *)spec->envp);
    char what[600];
    snprintf(what, sizeof what, "exec %s", spec->argv[0]);
    die(what);
}

static void forward(int sig)
{
    if (child > 0) kill(child, sig);
}

static int run(void)
{
    static char buf[1 << 20];
    ssize_t n;
    while ((n = recv(CONTROL_FD, buf, sizeof buf, MSG_TRUNC)) < 0 && errno == EINTR) {}
    if (n <= 0) return 2;                       /* not started by the runtime (or it went away) */
    if ((size_t)n > sizeof buf) { say("error spec: larger than %zu bytes", sizeof buf); return 1; }
    static struct spec spec;
    const char *error;
    if (spec_parse(buf, (size_t)n, &spec, &error) < 0) { say("error spec: %s", error); return 1; }
    int detached = spec.fifo != NULL;

    int go[2], status[2];
    if (pipe2(go, O_CLOEXEC) < 0 || pipe2(status, O_CLOEXEC) < 0) { say("error pipe: %s", strerror(errno)); return 1; }
    /* A raw clone behaves like fork (same stack, copied memory); safe because we are single-threaded. */
    pid_t pid = (pid_t)syscall(SYS_clone, (unsigned long)spec.clone_flags | SIGCHLD, 0, 0, 0, 0);
    if (pid < 0) { say("error clone: %s", strerror(errno)); return 1; }
    if (pid == 0) {
        close(CONTROL_FD); close(go[1]); close(status[0]);
        status_fd = status[1];
        char c;
        if (read(go[0], &c, 1) != 1) _exit(1);  /* the helper gave up before "go" */
        close(go[0]);
        container(&spec, detached);
    }
    close(go[0]); close(status[1]);
    child = pid;
    /* Hold the container's mount namespace: when the init exits it is then not the last user, so the teardown
     * (unmounting everything, an RCU grace period) happens when this helper exits, after it has reported the
     * exit, instead of delaying the report. */
    char ns_path[64];
    snprintf(ns_path, sizeof ns_path, "/proc/%d/ns/mnt", pid);
    int mnt_ns = detached ? -1 : open(ns_path, O_RDONLY | O_CLOEXEC);
    (void)mnt_ns;
    struct sigaction sa = { .sa_handler = forward, .sa_flags = SA_RESTART };
    sigemptyset(&sa.sa_mask);
    static const int Forwarded[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH };
    for (size_t i = 0; i < sizeof Forwarded / sizeof *Forwarded; i++) sigaction(Forwarded[i], &sa, NULL);

    say("pid %d", pid);
    char reply[16] = { 0 };
    while ((n = recv(CONTROL_FD, reply, sizeof reply - 1, 0)) < 0 && errno == EINTR) {}
    if (n != 2 || memcmp(reply, "go", 2)) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return 1;
    }
    if (write(go[1], "g", 1) != 1) { say("error go: %s", strerror(errno)); return 1; }
    close(go[1]);

    char msg[1100];
    while ((n = read(status[0], msg, sizeof msg - 1)) < 0 && errno == EINTR) {}
    int wstatus;
    if (n > 0 && msg[0] == 'E') {
        msg[n] = '\0';
        say("error %s", msg + 1);
        while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {}
        return 1;
    }
    if (n > 0 && msg[0] == 'R') { say("ready"); return 0; }
    say("exec");                                /* EOF: exec'd; or 'X': the tiny init's child exec'd */
    if (n > 0 && msg[0] == 'X') {
        /* With --init, the workload's own status comes as "W<status>" before the init exits. */
        char w[32] = { 0 };
        ssize_t m = n - 1;                      /* "XW0" may come in one read when the workload is quick */
        if (m > 0) memcpy(w, msg + 1, (size_t)m < sizeof w - 1 ? (size_t)m : sizeof w - 1);
        else while ((m = read(status[0], w, sizeof w - 1)) < 0 && errno == EINTR) {}
        while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {}
        if (m > 1 && w[0] == 'W') wstatus = atoi(w + 1);
    } else {
        while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {}
    }
    if (WIFSIGNALED(wstatus)) say("signal %d", WTERMSIG(wstatus));
    else say("exit %d", WEXITSTATUS(wstatus));
    return 0;
}

#ifndef ARBITER_INIT_NO_MAIN
int main(void)
{
    return run();
}
#endif
