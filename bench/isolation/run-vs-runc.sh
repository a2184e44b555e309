#!/usr/bin/env bash
# Start-to-exit latency of /bin/true in a container, Debian's runc against Arbiter, on the same OCI bundle
# (`runc spec` defaults: pid, network, ipc, uts and mount namespaces, /proc, /dev, masked paths, a cgroup;
# process.terminal off, args /bin/true; a busybox rootfs), side by side in one hyperfine run.
#
#   bench/isolation/run-vs-runc.sh            # RUNS=30 by default
#
# Rows: `runc run` (Go; re-execs itself as `runc init`), `arbiter oci run` and `arbiter run` (each a new .NET
# process, so they include the .NET start-up; the last row, `arbiter oci --help`, is that start-up alone). The in-process API — what the node agent pays,
# no .NET start-up — is measured by the BenchmarkDotNet class bench/Arbiter.Bench/Isolation/ContainerStartBench.cs.
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "run-vs-runc.sh: needs root (namespaces, cgroups)" >&2; exit 2; }
command -v runc >/dev/null || apt-get install -y runc >/dev/null
command -v hyperfine >/dev/null || apt-get install -y hyperfine >/dev/null
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$ROOT/src/surfaces/Arbiter.Cli" -c Release -v q -nologo >/dev/null
ARBITER="$ROOT/src/surfaces/Arbiter.Cli/bin/Release/net10.0/arbiter"
WORK=$(mktemp -d /tmp/arbiter-run-vs-runc.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/bundle"
"$ARBITER" rootfs busybox "$WORK/bundle/rootfs" --no-install >/dev/null
(cd "$WORK/bundle" && runc spec)
sed -i -e 's/"terminal": true/"terminal": false/' -e 's/"sh"$/"\/bin\/true"/' "$WORK/bundle/config.json"
grep -q '"/bin/true"' "$WORK/bundle/config.json" || { echo "run-vs-runc.sh: could not set args in config.json" >&2; exit 1; }
echo "load before: $(uptime)"
hyperfine -N --warmup 3 --runs "${RUNS:-30}" --export-markdown "$WORK/result.md" \
  -n 'runc run (Debian runc)' "runc --root $WORK/runc-state run -b $WORK/bundle bench" \
  -n 'arbiter oci run (CLI)' "$ARBITER oci --root $WORK/arbiter-state run -b $WORK/bundle bench" \
  -n 'arbiter run (CLI)' "$ARBITER run --rootfs $WORK/bundle/rootfs -- /bin/true" \
  -n 'arbiter oci --help (.NET CLI start-up only, no container)' "$ARBITER oci --help"
echo "load after: $(uptime)"
cat "$WORK/result.md"
