/*
 * The spec the C# side sends: "ARBITER-SPEC/1\0" then NUL-terminated tokens, each key followed by a fixed number
 * of fields. Versioned so that a helper and a runtime from different builds refuse each other clearly. Parsed in
 * place: the strings point into the message buffer, which lives until exec. Everything is checked (arity, numbers,
 * counts); a bad spec is a bug on the C# side, reported as "error spec: ...".
 */
#define _GNU_SOURCE
#include "arbiter-init.h"
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

struct cursor { char *p, *end; };

static const char *next(struct cursor *c)
{
    if (c->p >= c->end) return NULL;
    char *s = c->p;
    char *nul = memchr(s, '\0', (size_t)(c->end - s));
    if (!nul) return NULL;               /* unterminated token */
    c->p = nul + 1;
    return s;
}

static int number(const char *s, unsigned long long *out)
{
    char *end;
    if (!s || !*s || *s == '-') return -1;
    errno = 0;
    *out = strtoull(s, &end, 0);          /* base 0: decimal, or 0x... for the capability masks */
    return errno || *end ? -1 : 0;
}

static int namespaces(const char *list, struct spec *spec)
{
    char copy[128];
    if (strlen(list) >= sizeof copy) return -1;
    strcpy(copy, list);
    for (char *save = NULL, *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (!strcmp(t, "pid")) spec->clone_flags |= CLONE_NEWPID;
        else if (!strcmp(t, "mount")) spec->clone_flags |= CLONE_NEWNS;
        else if (!strcmp(t, "uts")) spec->clone_flags |= CLONE_NEWUTS;
        else if (!strcmp(t, "ipc")) spec->clone_flags |= CLONE_NEWIPC;
        else if (!strcmp(t, "net")) spec->clone_flags |= CLONE_NEWNET;
        else if (!strcmp(t, "user")) spec->clone_flags |= CLONE_NEWUSER;
        else if (!strcmp(t, "cgroup")) spec->cgroup_ns = 1;
        else return -1;
    }
    return 0;
}

#define FAIL(msg) do { *error = (msg); return -1; } while (0)
#define FIELD(var) do { if (!((var) = next(&c))) FAIL("truncated record"); } while (0)
#define NUM(var) do { const char *t_; FIELD(t_); if (number(t_, &(var))) FAIL("bad number"); } while (0)
#define FLAG(key, member) else if (!strcmp(k, key)) { unsigned long long v_; NUM(v_); spec->member = v_ != 0; }

int spec_parse(char *buf, size_t len, struct spec *spec, const char **error)
{
    struct cursor c = { buf, buf + len };
    memset(spec, 0, sizeof *spec);
    spec->cwd = "/";
    const char *magic = next(&c);
    if (!magic || strcmp(magic, SPEC_MAGIC)) FAIL("not an " SPEC_MAGIC " spec (helper and runtime from different builds?)");
    for (;;) {
        const char *k = next(&c);
        unsigned long long a, b, d;
        if (!k) FAIL("missing 'end'");
        if (!strcmp(k, "end")) break;
        else if (!strcmp(k, "rootfs")) FIELD(spec->rootfs);
        else if (!strcmp(k, "hostname")) FIELD(spec->hostname);
        else if (!strcmp(k, "domainname")) FIELD(spec->domainname);
        else if (!strcmp(k, "cwd")) FIELD(spec->cwd);
        else if (!strcmp(k, "fifo")) FIELD(spec->fifo);
        else if (!strcmp(k, "ns")) { const char *l; FIELD(l); if (namespaces(l, spec)) FAIL("unknown namespace"); }
        FLAG("devices", devices)
        FLAG("readonly-root", readonly_root)
        FLAG("seccomp", seccomp)
        FLAG("nnp", no_new_privs)
        FLAG("loopback", loopback)
        FLAG("init", init)
        else if (!strcmp(k, "mount")) {
            if (spec->nmounts == MAX_ITEMS) FAIL("too many mounts");
            struct mount_entry *m = &spec->mounts[spec->nmounts++];
            FIELD(m->source); FIELD(m->target); FIELD(m->fstype); NUM(a); FIELD(m->data);
            m->flags = (unsigned long)a;
            if (m->target[0] != '/') FAIL("mount target must be absolute");
        } else if (!strcmp(k, "mask") || !strcmp(k, "ro")) {
            int mask = k[0] == 'm';
            size_t *n = mask ? &spec->nmasked : &spec->nreadonly;
            if (*n == MAX_ITEMS) FAIL("too many paths");
            FIELD((mask ? spec->masked : spec->readonly)[(*n)++]);
        } else if (!strcmp(k, "caps")) {
            for (int i = 0; i < 5; i++) { NUM(a); spec->caps[i] = a; }
            spec->caps_given = 1;
        } else if (!strcmp(k, "rlimit")) {
            if (spec->nrlimits == 32) FAIL("too many rlimits");
            NUM(a); NUM(b); NUM(d);
            if (a >= RLIM_NLIMITS || b > d) FAIL("bad rlimit");
            spec->rlimits[spec->nrlimits++] = (struct rlimit_entry){ (int)a, { (rlim_t)b, (rlim_t)d } };
        } else if (!strcmp(k, "user")) {
            NUM(a); NUM(b);
            if (a > 0xfffffffe || b > 0xfffffffe) FAIL("bad uid/gid");
            spec->uid = (unsigned)a; spec->gid = (unsigned)b;
        } else if (!strcmp(k, "group")) {
            if (spec->ngroups == 64) FAIL("too many groups");
            NUM(a);
            if (a > 0xfffffffe) FAIL("bad gid");
            spec->groups[spec->ngroups++] = (unsigned)a;
        } else if (!strcmp(k, "arg")) {
            if (spec->argc == MAX_ITEMS) FAIL("too many arguments");
            FIELD(spec->argv[spec->argc++]);
        } else if (!strcmp(k, "env")) {
            if (spec->envc == MAX_ITEMS) FAIL("too many environment variables");
            FIELD(spec->envp[spec->envc++]);
        } else FAIL("unknown key");
    }
    if (c.p != c.end) FAIL("data after 'end'");
    if (!spec->rootfs || spec->rootfs[0] != '/') FAIL("rootfs must be an absolute path");
    if (spec->argc == 0) FAIL("no command");
    if (!(spec->clone_flags & CLONE_NEWNS)) FAIL("a mount namespace is required");
    if (spec->cwd[0] != '/') FAIL("cwd must be absolute");
    spec->argv[spec->argc] = NULL;
    spec->envp[spec->envc] = NULL;
    return 0;
}
