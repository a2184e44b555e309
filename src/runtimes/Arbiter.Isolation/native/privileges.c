/*
 * What the workload may do: rlimits, the capability sets, the ids, no_new_privs and a seccomp filter.
 *
 * The seccomp filter is raw classic BPF (no libseccomp): check the architecture first (a 32-bit syscall on a
 * 64-bit kernel has other numbers, so a foreign arch kills the process), refuse the x32 ABI, then a deny-list
 * answered with EPERM; clone with a namespace flag is refused too (a new user namespace would give back every
 * capability inside it), clone3 answers ENOSYS so that libc falls back to clone, where the flags can be read,
 * and mknod of a character or block device is refused (the devices cgroup's job on other runtimes).
 * Syscall numbers come from <sys/syscall.h> for the architecture being compiled, so the list is portable.
 */
#define _GNU_SOURCE
#include "arbiter-init.h"
#include <errno.h>
#include <grp.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <net/if.h>
#include <sched.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define AUDIT_ARCH_NATIVE AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define AUDIT_ARCH_NATIVE AUDIT_ARCH_AARCH64
#else
#error "arbiter-init: add this architecture's AUDIT_ARCH to privileges.c"
#endif

/* Low 32 bits of a syscall argument (the flags and modes checked here fit in them). */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ARG_LOW(n) (offsetof(struct seccomp_data, args) + 8 * (n))
#else
#define ARG_LOW(n) (offsetof(struct seccomp_data, args) + 8 * (n) + 4)
#endif

static const long Denied[] = {
    SYS_mount, SYS_umount2, SYS_pivot_root, SYS_reboot, SYS_kexec_load,
#ifdef SYS_kexec_file_load
    SYS_kexec_file_load,
#endif
    SYS_init_module, SYS_finit_module, SYS_delete_module, SYS_ptrace, SYS_process_vm_readv, SYS_process_vm_writev,
    SYS_keyctl, SYS_add_key, SYS_request_key, SYS_bpf, SYS_perf_event_open, SYS_userfaultfd,
    SYS_swapon, SYS_swapoff, SYS_acct, SYS_settimeofday, SYS_clock_settime, SYS_clock_adjtime, SYS_adjtimex,
    SYS_open_by_handle_at, SYS_name_to_handle_at, SYS_unshare, SYS_setns, SYS_quotactl, SYS_syslog, SYS_vhangup,
    SYS_lookup_dcookie, SYS_kcmp,
#ifdef SYS_iopl
    SYS_iopl, SYS_ioperm,
#endif
#ifdef SYS_uselib
    SYS_uselib,
#endif
#ifdef SYS_fsopen
    SYS_fsopen, SYS_fsconfig, SYS_fsmount, SYS_fspick, SYS_move_mount, SYS_open_tree,
#endif
#ifdef SYS_mount_setattr
    SYS_mount_setattr,
#endif
};

#define NS_FLAGS (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP)
#define RET(v) BPF_STMT(BPF_RET | BPF_K, (v))
#define EPERM_ (SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA))

int install_seccomp(void)
{
    struct sock_filter f[256];
    unsigned short n = 0;
    f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_NATIVE, 1, 0);
    f[n++] = (struct sock_filter)RET(SECCOMP_RET_KILL_PROCESS);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
#ifdef __x86_64__
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000 /* __X32_SYSCALL_BIT */, 0, 1);
    f[n++] = (struct sock_filter)RET(EPERM_);
#endif
    for (size_t i = 0; i < sizeof Denied / sizeof *Denied; i++) {
        f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)Denied[i], 0, 1);
        f[n++] = (struct sock_filter)RET(EPERM_);
    }
#ifdef SYS_clone3
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone3, 0, 1);
    f[n++] = (struct sock_filter)RET(SECCOMP_RET_ERRNO | ENOSYS);
#endif
    /* clone(flags, ...): refuse a namespace flag */
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 0, 4);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LOW(0));
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, NS_FLAGS, 0, 1);
    f[n++] = (struct sock_filter)RET(EPERM_);
    f[n++] = (struct sock_filter)RET(SECCOMP_RET_ALLOW);
    /* mknod(path, mode, dev) and mknodat(dirfd, path, mode, dev): refuse character and block devices */
    static const long Mknod[][2] = {
#ifdef SYS_mknod
        { SYS_mknod, 1 },
#endif
        { SYS_mknodat, 2 },
    };
    for (size_t i = 0; i < sizeof Mknod / sizeof *Mknod; i++) {
        f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)Mknod[i][0], 0, 6);
        f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LOW(Mknod[i][1]));
        f[n++] = (struct sock_filter)BPF_STMT(BPF_ALU | BPF_AND | BPF_K, S_IFMT);
        f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, S_IFCHR, 1, 0);
        f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, S_IFBLK, 0, 1);
        f[n++] = (struct sock_filter)RET(EPERM_);
        f[n++] = (struct sock_filter)RET(SECCOMP_RET_ALLOW);
    }
    f[n++] = (struct sock_filter)RET(SECCOMP_RET_ALLOW);
    struct sock_fprog prog = { .len = n, .filter = f };
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
}

/* In a new user namespace we hold every capability inside it, but our kernel uid is still the host's 0 (unmapped,
 * so some file systems refuse to mount: devpts cannot name an owner). Become the uid 0 of the map C# wrote. */
int become_mapped_root(const char **stage)
{
    *stage = "setresgid 0 in the user namespace (is gid 0 mapped?)";
    if (setresgid(0, 0, 0) < 0) return -1;
    *stage = "setresuid 0 in the user namespace (is uid 0 mapped?)";
    if (setresuid(0, 0, 0) < 0) return -1;
    *stage = "setgroups";
    return setgroups(0, NULL);
}

int apply_rlimits(const struct spec *spec)
{
    for (size_t i = 0; i < spec->nrlimits; i++) {
        if (setrlimit(spec->rlimits[i].resource, &spec->rlimits[i].limit) < 0) return -1;
    }
    return 0;
}

/* Order matters: the bounding set is cut while we still hold CAP_SETPCAP; KEEPCAPS keeps the permitted set
 * across a change to a non-zero uid; capset then sets exactly the sets asked for; ambient last. */
int drop_privileges(const struct spec *spec, const char **stage)
{
    if (spec->caps_given) {
        *stage = "capability bounding set";
        for (int c = 0; c < 64; c++) {
            int has = prctl(PR_CAPBSET_READ, c, 0, 0, 0);
            if (has < 0) break;                                   /* past cap_last_cap */
            if (has && !(spec->caps[0] >> c & 1) && prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0) return -1;
        }
        if (spec->uid != 0 && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0) return -1;
    }
    *stage = "setgroups";
    gid_t groups[64];
    for (size_t i = 0; i < spec->ngroups; i++) groups[i] = spec->groups[i];
    if (setgroups(spec->ngroups, groups) < 0) return -1;
    *stage = "setresgid";
    if (setresgid(spec->gid, spec->gid, spec->gid) < 0) return -1;
    *stage = "setresuid";
    if (setresuid(spec->uid, spec->uid, spec->uid) < 0) return -1;
    if (!spec->caps_given) return 0;
    *stage = "capset";
    struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[2];
    for (int half = 0; half < 2; half++) {
        data[half].effective = (uint32_t)(spec->caps[1] >> (32 * half));
        data[half].permitted = (uint32_t)(spec->caps[2] >> (32 * half));
        data[half].inheritable = (uint32_t)(spec->caps[3] >> (32 * half));
    }
    if (syscall(SYS_capset, &header, data) < 0) return -1;
    *stage = "ambient capabilities";
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0) return -1;
    for (int c = 0; c < 64; c++) {
        if ((spec->caps[4] >> c & 1) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, c, 0, 0) < 0) return -1;
    }
    return 0;
}

int bring_up_loopback(void)
{
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) return -1;
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    int r = ioctl(s, SIOCGIFFLAGS, &ifr);
    if (r == 0) {
        ifr.ifr_flags |= IFF_UP;
        r = ioctl(s, SIOCSIFFLAGS, &ifr);
    }
    close(s);
    return r;
}
