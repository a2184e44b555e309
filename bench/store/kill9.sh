#!/usr/bin/env bash
# kill9.sh — crash a 3-node store on loopback with kill -9, again and again, under a client workload, then check
# that no acknowledged write was lost and the whole client history is linearizable (issue 7, "Real processes").
#
#   bench/store/kill9.sh [--store arbiter|etcd] [--duration SECONDS] [--interval SECONDS] [--corrupt] [--out DIR]
#
# --store etcd runs the same nemesis against a 3-node etcd (Debian's etcd-server), which checks the harness itself.
# --corrupt (arbiter only) also damages the tail of a killed node's record file before every third restart: the node
# must notice (a checksum mismatch), cut the tail, stay out of elections until a leader has restored it, and catch up.
# Every odd round kills the current leader; every even round a random node. Exit 0 only if the history is
# linearizable, every key could be read at the end, and (arbiter) every node caught up to the same applied index.
set -euo pipefail

STORE=arbiter DURATION=40 INTERVAL=4 CORRUPT=0 OUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --store) STORE="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --interval) INTERVAL="$2"; shift 2 ;;
    --corrupt) CORRUPT=1; shift ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "kill9.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$STORE" == arbiter || "$STORE" == etcd ]] || { echo "kill9.sh: --store must be arbiter or etcd, got '$STORE'" >&2; exit 2; }
[[ "$DURATION" =~ ^[0-9]+$ && "$INTERVAL" =~ ^[0-9]+$ && "$INTERVAL" -ge 1 ]] || { echo "kill9.sh: --duration and --interval are whole seconds (interval ≥ 1)" >&2; exit 2; }
[[ "$STORE" == arbiter || "$CORRUPT" == 0 ]] || { echo "kill9.sh: --corrupt needs --store arbiter (etcd's WAL format is its own)" >&2; exit 2; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ARBITER="$ROOT/src/surfaces/Arbiter.Cli/bin/Release/net10.0/arbiter"
if [[ ! -x "$ARBITER" ]]; then
  echo "building arbiter (Release)…" >&2
  dotnet build -c Release "$ROOT/src/surfaces/Arbiter.Cli" -v q -nologo >&2
fi
if [[ "$STORE" == etcd ]] && ! command -v etcd >/dev/null; then
  echo "kill9.sh: etcd is not installed (apt-get install etcd-server)" >&2; exit 2
fi

OUT="${OUT:-$(mktemp -d /tmp/arbiter-kill9.XXXXXX)}"
mkdir -p "$OUT"
# shellcheck source=cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"

cleanup() { for i in 1 2 3; do kill -9 "${PID[$i]}" 2>/dev/null || true; done; }
trap cleanup EXIT

echo "store: $STORE; nodes: $ENDPOINTS; data and logs: $OUT"
for i in 1 2 3; do start "$i"; done
for _ in $(seq 1 100); do [[ -n "$(leader)" ]] && break; sleep 0.2; done
[[ -n "$(leader)" ]] || { echo "kill9.sh: no leader after 20 s; see $OUT/n*.log" >&2; exit 1; }

"$ARBITER" store workload --endpoints "$ENDPOINTS" --clients 6 --keys 3 --duration "${DURATION}s" --timeout 2s \
  --history "$OUT/history.jsonl" --json >"$OUT/workload.json" 2>"$OUT/workload.err" &
WORKLOAD=$!

round=0 kills=0 leaders_killed=0 corrupted=0
end=$((SECONDS + DURATION - INTERVAL))
while (( SECONDS < end )) && kill -0 "$WORKLOAD" 2>/dev/null; do
  sleep "$INTERVAL"; round=$((round + 1))
  victim=""; what="random node"
  if (( round % 2 == 1 )); then victim="$(leader)"; what="leader"; fi
  [[ -n "$victim" ]] || { victim=$((1 + RANDOM % 3)); what="random node"; }
  kill -9 "${PID[$victim]}" 2>/dev/null || true
  wait "${PID[$victim]}" 2>/dev/null || true
  kills=$((kills + 1)); [[ "$what" == leader ]] && leaders_killed=$((leaders_killed + 1))
  note=""
  if (( CORRUPT == 1 && round % 3 == 0 )); then
    f="$OUT/n$victim/node-$victim.records"
    if [[ -s "$f" ]]; then
      # The file is preallocated (zeros after the records), so its size is not where the records end: walk the
      # [length:4 BE][crc:4][body] frames up to the zeroed header and damage the last record's final bytes.
      size=$(perl -e 'open my $f, "<:raw", $ARGV[0] or die "$ARGV[0]: $!"; my $size = -s $f; my $end = 0;
        while ($end + 8 <= $size) { seek $f, $end, 0; read $f, my $h, 4; my $n = unpack "N", $h;
          last if $n == 0 || $n >= 2**31 || $end + 8 + $n > $size; $end += 8 + $n } print $end' "$f")
      printf '\xde\xad\xbe\xef' | dd of="$f" bs=1 seek=$((size > 4 ? size - 4 : 0)) conv=notrunc status=none
      corrupted=$((corrupted + 1)); note=" and corrupted the last 4 bytes of its last record"
    fi
  fi
  echo "round $round: kill -9 node $victim ($what)$note"
  sleep 1
  start "$victim"
done

rc=0
wait "$WORKLOAD" || rc=$?
cat "$OUT/workload.json"; echo
[[ -s "$OUT/workload.err" ]] && cat "$OUT/workload.err" >&2

if [[ "$STORE" == arbiter ]]; then
  # Every node must catch up: the same applied index on all three (the cluster is idle now).
  for _ in $(seq 1 50); do
    a=(); for i in 1 2 3; do a+=("$(status "$i" | field raftAppliedIndex)"); done
    [[ -n "${a[0]}" && "${a[0]}" == "${a[1]}" && "${a[1]}" == "${a[2]}" ]] && break
    sleep 0.2
  done
  echo "applied index per node: ${a[*]}"
  [[ -n "${a[0]}" && "${a[0]}" == "${a[1]}" && "${a[1]}" == "${a[2]}" ]] || { echo "kill9.sh: the nodes did not converge" >&2; rc=1; }
  if (( corrupted > 0 )); then
    echo "corrupt tails detected on restart: $(grep -l 'tail was cut' "$OUT"/n*.log 2>/dev/null | wc -l) node log(s) mention a cut tail"
  fi
fi
echo "kills: $kills (leader: $leaders_killed), corrupted tails: $corrupted, verdict rc=$rc"
exit "$rc"
