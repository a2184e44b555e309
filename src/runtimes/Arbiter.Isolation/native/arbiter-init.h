/*
 * arbiter-init: the single-threaded native half of Arbiter's container runtime.
 *
 * Why native: a .NET process is multi-threaded from its first instruction, so unshare(CLONE_NEWUSER) fails in it,
 * a mount-namespace unshare affects only the calling thread, and running managed code after fork is unsupported.
 * runc (libcontainer/nsenter/nsexec.c), crun and bubblewrap solve the same problem the same way: a small
 * single-threaded program creates the namespaces and finishes the set-up before exec. Everything else
 * (configuration, cgroups, state, supervision, the CLI) is C#, in Arbiter.Isolation.
 *
 * Protocol (one AF_UNIX SOCK_SEQPACKET socket on fd 3, so every message keeps its boundaries):
 *   C#     -> helper  "ARBITER-SPEC/1\0" then NUL-terminated tokens: key, then that key's fields (spec.c)
 *   helper -> C#      "pid N"                 N = the container's init, as the host sees it
 *   C#     -> helper  "go"                    after C# placed N in its cgroup and wrote /proc/N/{uid,gid}_map
 *   helper -> C#      "error STAGE: MESSAGE"  set-up or exec failed (the container is gone), or
 *                     "ready"                 set-up done; waiting on the exec fifo (OCI create), or
 *                     "exec"                  the workload was exec'd (run mode), later
 *                     "exit N" | "signal N"   how it ended (run mode; the helper exits 0 after sending it)
 * The container reports a failure to the helper through a close-on-exec pipe: EOF without data means exec
 * succeeded (the classic self-pipe trick), so a failed exec is told apart from a workload that exits at once.
 */
#ifndef ARBITER_INIT_H
#define ARBITER_INIT_H

#include <stdint.h>
#include <stddef.h>
#include <sys/resource.h>

#define SPEC_MAGIC "ARBITER-SPEC/1"
#define MAX_ITEMS 256

struct mount_entry {
    const char *source, *target, *fstype, *data;
    unsigned long flags;       /* MS_* flags; MS_RDONLY on a bind mount is applied by a remount */
};

struct rlimit_entry {
    int resource;
    struct rlimit limit;
};

struct spec {
    const char *rootfs, *hostname, *domainname, *cwd, *fifo;
    int clone_flags;            /* CLONE_NEW* of the namespaces to create at clone time */
    int cgroup_ns;              /* unshare(CLONE_NEWCGROUP) after C# placed us in the cgroup */
    int devices, readonly_root, seccomp, no_new_privs, loopback;
    int init;                   /* pid 1 is a tiny init that forks the workload, forwards signals, reaps */
    uint64_t caps[5];           /* bounding, effective, permitted, inheritable, ambient */
    int caps_given;
    unsigned uid, gid;
    unsigned groups[64];
    size_t ngroups;
    struct mount_entry mounts[MAX_ITEMS];
    size_t nmounts;
    const char *masked[MAX_ITEMS], *readonly[MAX_ITEMS];
    size_t nmasked, nreadonly;
    struct rlimit_entry rlimits[32];
    size_t nrlimits;
    const char *argv[MAX_ITEMS + 1], *envp[MAX_ITEMS + 1];
    size_t argc, envc;
};

/* spec.c: parses a spec message in place (tokens point into buf). 0 on success, else -1 with *error set. */
int spec_parse(char *buf, size_t len, struct spec *spec, const char **error);

/* mounts.c: everything between the mount-namespace clone and pivot_root, then the paths inside the new root. */
int setup_rootfs(const struct spec *spec, int *fifo_fd, const char **stage);
int open_in_root(int rootfd, const char *path, int create, int as_file);

/* privileges.c */
int become_mapped_root(const char **stage);
int apply_rlimits(const struct spec *spec);
int install_seccomp(void);
int drop_privileges(const struct spec *spec, const char **stage);
int bring_up_loopback(void);

#endif
