#!/usr/bin/env bash
# Start-to-exit latency of /bin/true in a container: Debian's runc and crun against Arbiter, on the same OCI bundle
# (`runc spec` defaults: pid, network, ipc, uts and mount namespaces, /proc, /dev, masked paths, a cgroup;
# process.terminal off, args /bin/true; a busybox rootfs), side by side in one run.
#
#   bench/isolation/run-vs-runc.sh            # hyperfine, every runtime as a command; RUNS=30 by default
#   bench/isolation/run-vs-runc.sh --bdn      # the BenchmarkDotNet class ContainerStartBench (in-process Arbiter API)
#
# hyperfine rows: `runc run` (Go; re-execs itself as `runc init`), `crun run` (C), `arbiter oci run` and
# `arbiter run` (each a new .NET process, so they include the .NET start-up; the last row, `arbiter oci --help`, is
# that start-up alone). The in-process API — what the node agent pays, no .NET start-up — is the --bdn run.
#
# crun (1.8) refuses a hybrid cgroup layout whose cgroup2 mount carries any controller ("cgroups in hybrid mode not
# supported, drop all controllers from cgroupv2"; here cgroup2 has hugetlb). So, on such a machine, the script
# re-runs itself in a private mount namespace without the cgroup2 mount: every runtime then sees the same pure v1
# layout (none of them uses hugetlb) and the host's mounts are untouched.
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "run-vs-runc.sh: needs root (namespaces, cgroups)" >&2; exit 2; }
MODE=${1:-hyperfine}
case "$MODE" in hyperfine|--bdn) ;; *) echo "usage: run-vs-runc.sh [--bdn]" >&2; exit 2 ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

if [ -z "${ARBITER_BENCH_NS:-}" ]; then
  missing=""
  for tool in runc crun hyperfine; do command -v "$tool" >/dev/null || missing="$missing $tool"; done
  if [ -n "$missing" ]; then
    apt-get install -y $missing >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y $missing >/dev/null; }
  fi
  if [ "$MODE" = --bdn ]; then
    dotnet build "$ROOT/bench/Arbiter.Bench" -c Release -v q -nologo >/dev/null
  else
    dotnet build "$ROOT/src/surfaces/Arbiter.Cli" -c Release -v q -nologo >/dev/null
  fi
  # mountinfo: "id parent dev root MOUNTPOINT options [optional fields...] - FSTYPE source super-options"
  fstype() { awk -v t="$1" '{ for (i = 7; i <= NF; i++) if ($i == "-") { if ($(i + 1) == t) print $5; break } }' /proc/self/mountinfo; }
  UNIFIED=$(fstype cgroup2 | head -n 1)
  # (cgroupfs files report size 0, so test the content, not -s)
  if [ -n "$UNIFIED" ] && [ -n "$(fstype cgroup)" ] && [ -n "$(cat "$UNIFIED/cgroup.controllers")" ]; then
    echo "hybrid cgroups with controllers on cgroup2 ($(cat "$UNIFIED/cgroup.controllers")): running in a private mount namespace without $UNIFIED, for crun"
    exec unshare --mount --propagation private env ARBITER_BENCH_NS="$UNIFIED" "$0" "$@"
  fi
else
  umount "$ARBITER_BENCH_NS"   # only in this process's private mount namespace
fi

if [ "$MODE" = --bdn ]; then
  echo "load before: $(uptime)"
  dotnet run -c Release --project "$ROOT/bench/Arbiter.Bench" --no-build -- --filter '*ContainerStartBench*' --inProcess \
    --warmupCount 3 --iterationCount "${ITERATIONS:-15}" --launchCount 1
  echo "load after: $(uptime)"
  exit 0
fi

ARBITER="$ROOT/src/surfaces/Arbiter.Cli/bin/Release/net10.0/arbiter"
WORK=$(mktemp -d /tmp/arbiter-run-vs-runc.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/bundle"
"$ARBITER" rootfs busybox "$WORK/bundle/rootfs" --no-install >/dev/null
(cd "$WORK/bundle" && runc spec)
sed -i -e 's/"terminal": true/"terminal": false/' -e 's/"sh"$/"\/bin\/true"/' "$WORK/bundle/config.json"
grep -q '"/bin/true"' "$WORK/bundle/config.json" || { echo "run-vs-runc.sh: could not set args in config.json" >&2; exit 1; }
# Each runtime once before timing: a failure is reported here, not as a hyperfine error mid-table.
runc --root "$WORK/runc-state" run -b "$WORK/bundle" check
crun --root "$WORK/crun-state" run -b "$WORK/bundle" check
"$ARBITER" oci --root "$WORK/arbiter-state" run -b "$WORK/bundle" check
echo "load before: $(uptime)"
hyperfine -N --warmup 3 --runs "${RUNS:-30}" --export-markdown "$WORK/result.md" \
  -n 'runc run (Debian runc)' "runc --root $WORK/runc-state run -b $WORK/bundle bench" \
  -n 'crun run (Debian crun)' "crun --root $WORK/crun-state run -b $WORK/bundle bench" \
  -n 'arbiter oci run (CLI)' "$ARBITER oci --root $WORK/arbiter-state run -b $WORK/bundle bench" \
  -n 'arbiter run (CLI)' "$ARBITER run --rootfs $WORK/bundle/rootfs -- /bin/true" \
  -n 'arbiter oci --help (.NET CLI start-up only, no container)' "$ARBITER oci --help"
echo "load after: $(uptime)"
cat "$WORK/result.md"
