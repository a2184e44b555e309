#!/usr/bin/env bash
# run-vs-etcd.sh — Arbiter's replicated store against etcd 3.4, both as 3 nodes on loopback with fsync on, driven by
# the same client (arbiter bench store) in one run (issue 7, "Performance").
#
#   bench/store/run-vs-etcd.sh [--clients C] [--ops N] [--warmup W] [--value-size B] [--rounds R] [--single-ops N]
#                              [--snapshot-count S] [--out DIR]
#
# Each round starts a fresh 3-node etcd, benchmarks it, stops it, then does the same for Arbiter (the order
# alternates between rounds, so drift in the machine's load does not favour one side). Each benchmark is two runs of
# `arbiter bench store` against the leader's endpoint: C concurrent clients (throughput, p50/p99), then one client
# (latency). Before them, W puts (default N) at the same C clients warm both sides up alike: Arbiter's JIT tiers its hot
# code up during the first seconds of a server's life (measured: a cold 20,000-put run spends a third of the leader's
# CPU in the JIT), and etcd, compiled ahead of time, loses nothing to it. Prints one line per run with the servers'
# CPU per put (user+system of the three processes over the run: the cost, whatever else the machine does) and the
# ratios; writes every JSON document to DIR. Both stores snapshot every S applied entries (etcd's --snapshot-count,
# Arbiter's --snapshot-every; default 100000, etcd 3.4's default), so neither pays for snapshots the other skips.
set -euo pipefail

CLIENTS=64 OPS=20000 WARMUP="" VALUE=256 ROUNDS=2 SINGLE=2000 SNAPSHOTS=100000 OUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --clients) CLIENTS="$2"; shift 2 ;;
    --ops) OPS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --value-size) VALUE="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --single-ops) SINGLE="$2"; shift 2 ;;
    --snapshot-count) SNAPSHOTS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-vs-etcd.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
WARMUP="${WARMUP:-$OPS}"
for v in "$CLIENTS" "$OPS" "$WARMUP" "$VALUE" "$ROUNDS" "$SINGLE" "$SNAPSHOTS"; do
  [[ "$v" =~ ^[0-9]+$ ]] || { echo "run-vs-etcd.sh: numbers only, got '$v'" >&2; exit 2; }
done

if ! command -v etcd >/dev/null || ! command -v curl >/dev/null; then
  echo "installing etcd-server and curl…" >&2
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo apt-get install -y etcd-server curl >/dev/null 2>&1 || { $sudo apt-get update >/dev/null && $sudo apt-get install -y etcd-server curl >/dev/null; }
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ARBITER="$ROOT/src/surfaces/Arbiter.Cli/bin/Release/net10.0/arbiter"
echo "building arbiter (Release)…" >&2
dotnet build -c Release "$ROOT/src/surfaces/Arbiter.Cli" -v q -nologo >&2
TOP="${OUT:-$(mktemp -d /tmp/arbiter-vs-etcd.XXXXXX)}"
mkdir -p "$TOP"
echo "etcd: $(etcd --version | head -1); snapshots every $SNAPSHOTS entries on both; load before: $(cut -d' ' -f1-3 /proc/loadavg); results: $TOP"

# one JSON document → "puts/s p50 p99" of its put phase
summary() { { tr -d ' \n' <"$1"; echo; } | sed -n 's/.*"operation":"put","completed":\([0-9]*\),"failed":\([0-9]*\),"seconds":[0-9.eE+-]*,"per_second":\([0-9.eE+-]*\),"p50_ms":\([0-9.eE+-]*\),"p99_ms":\([0-9.eE+-]*\).*/\3 \4 \5 \2/p'; }

cpu_ticks() { # user+system clock ticks of the three servers so far
  local sum=0 i
  for i in 1 2 3; do sum=$(( sum + $(awk '{ print $14 + $15 }' "/proc/${PID[$i]}/stat") )); done
  echo "$sum"
}

bench_store() { # bench_store NAME ROUND
  STORE=$1; OUT="$TOP/$1-$2"
  mkdir -p "$OUT"
  # shellcheck source=cluster.sh
  source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"
  for i in 1 2 3; do start "$i"; done
  local lead=""
  for _ in $(seq 1 150); do lead="$(leader)"; [[ -n "$lead" ]] && break; sleep 0.2; done
  [[ -n "$lead" ]] || { echo "run-vs-etcd.sh: $1 elected no leader in 30 s; see $OUT/n*.log" >&2; for i in 1 2 3; do kill -9 "${PID[$i]}" 2>/dev/null || true; done; exit 1; }
  local url="http://127.0.0.1:${CPORT[$lead]}"
  (( WARMUP == 0 )) || "$ARBITER" bench store --endpoints "$url" --clients "$CLIENTS" --ops "$WARMUP" --value-size "$VALUE" --json >/dev/null
  local cpu0; cpu0=$(cpu_ticks)
  "$ARBITER" bench store --endpoints "$url" --clients "$CLIENTS" --ops "$OPS" --value-size "$VALUE" --json >"$TOP/$1-$2-many.json"
  local cpu_us=$(( ($(cpu_ticks) - cpu0) * 1000000 / $(getconf CLK_TCK) / OPS ))
  "$ARBITER" bench store --endpoints "$url" --clients 1 --ops "$SINGLE" --value-size "$VALUE" --json >"$TOP/$1-$2-one.json"
  for i in 1 2 3; do kill "${PID[$i]}" 2>/dev/null || true; done
  for i in 1 2 3; do wait "${PID[$i]}" 2>/dev/null || true; done
  read -r tput p50 p99 failed < <(summary "$TOP/$1-$2-many.json")
  read -r _ one50 one99 _ < <(summary "$TOP/$1-$2-one.json")
  printf '%-8s round %s: %9.0f puts/s  p50 %7.2f ms  p99 %7.2f ms  (failed %s)  servers %4d us CPU/put | 1 client: p50 %6.2f ms  p99 %6.2f ms\n' \
    "$1" "$2" "$tput" "$p50" "$p99" "$failed" "$cpu_us" "$one50" "$one99"
  echo "$1 $2 $tput $p50 $p99 $one50 $one99 $cpu_us" >>"$TOP/rows.txt"
}

: >"$TOP/rows.txt"
for r in $(seq 1 "$ROUNDS"); do
  if (( r % 2 == 1 )); then bench_store etcd "$r"; bench_store arbiter "$r"; else bench_store arbiter "$r"; bench_store etcd "$r"; fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk '{ n[$1]++; t[$1]+=$3; p[$1]+=$5; o[$1]+=$6; c[$1]+=$8 }
     END { printf "mean over %d rounds: arbiter %.0f puts/s vs etcd %.0f puts/s = %.2fx; p99 arbiter %.2f ms vs etcd %.2f ms; 1-client p50 arbiter %.2f ms vs etcd %.2f ms; servers CPU/put arbiter %.0f us vs etcd %.0f us\n",
           n["etcd"], t["arbiter"]/n["arbiter"], t["etcd"]/n["etcd"], (t["arbiter"]/n["arbiter"])/(t["etcd"]/n["etcd"]),
           p["arbiter"]/n["arbiter"], p["etcd"]/n["etcd"], o["arbiter"]/n["arbiter"], o["etcd"]/n["etcd"], c["arbiter"]/n["arbiter"], c["etcd"]/n["etcd"] }' "$TOP/rows.txt"
