#!/usr/bin/env bash
# put-timeline.sh — where one put's time goes: a 3-member `arbiter store serve` cluster on loopback (fsync on), every
# member and the client stamping the stages a request passes (ARBITER_STAGE_TRACE; see StageTrace), then one client's
# puts, and per stage the median time since the client sent (docs/PERFORMANCE.md, "Where one put's time goes").
#
#   bench/store/put-timeline.sh [--ops N] [--warmup W] [--out DIR] [--server-env 'VAR=V …']
#
# The warm-up (W puts at 16 clients, default 20000) tiers the JIT up first; its marks are in the dumps too and the
# analysis skips them (it reads only the traced client's puts, less its first 200). Needs python3 for the analysis
# (put-timeline.py DIR re-reads a kept DIR). --server-env passes variables to the members (to try a runtime knob).
set -euo pipefail

OPS=3000 WARMUP=20000 OUT="" SERVER_ENV=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --ops) OPS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --server-env) SERVER_ENV="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "put-timeline.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
for v in "$OPS" "$WARMUP"; do [[ "$v" =~ ^[0-9]+$ ]] || { echo "put-timeline.sh: numbers only, got '$v'" >&2; exit 2; }; done
[[ "$OPS" -gt 300 ]] || { echo "put-timeline.sh: --ops must be over 300 (the first 200 puts are skipped)" >&2; exit 2; }
command -v python3 >/dev/null && command -v curl >/dev/null || { echo "put-timeline.sh: needs python3 and curl" >&2; exit 2; }

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ARBITER="$ROOT/src/surfaces/Arbiter.Cli/bin/Release/net10.0/arbiter"
echo "building arbiter (Release)…" >&2
dotnet build -c Release "$ROOT/src/surfaces/Arbiter.Cli" -v q -nologo >&2
OUT="${OUT:-$(mktemp -d /tmp/arbiter-put-timeline.XXXXXX)}"
TRACE="$OUT/trace"
mkdir -p "$TRACE"
STORE=arbiter
# shellcheck source=cluster.sh
source "$HERE/cluster.sh"
for i in 1 2 3; do
  # shellcheck disable=SC2086 # SERVER_ENV is a list of VAR=V words
  env ARBITER_STAGE_TRACE="$TRACE" $SERVER_ENV "$ARBITER" store serve --id "$i" --listen "127.0.0.1:${CPORT[$i]}" \
    --peers "$PEERS" --data "$OUT/n$i" >>"$OUT/n$i.log" 2>&1 &
  PID[$i]=$!
done
stop() { for i in 1 2 3; do kill "${PID[$i]}" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT
lead=""
for _ in $(seq 1 150); do lead="$(leader)"; [[ -n "$lead" ]] && break; sleep 0.2; done
[[ -n "$lead" ]] || { echo "put-timeline.sh: no leader in 30 s; see $OUT/n*.log" >&2; exit 1; }
url="http://127.0.0.1:${CPORT[$lead]}"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); leader member $lead; results: $OUT" >&2
[[ "$WARMUP" -eq 0 ]] || "$ARBITER" bench store --endpoints "$url" --clients 16 --ops "$WARMUP" --json >/dev/null
ARBITER_STAGE_TRACE="$TRACE" "$ARBITER" bench store --endpoints "$url" --clients 1 --ops "$OPS" --json >"$OUT/client.json"
stop   # SIGTERM: each member writes its marks as it exits
trap - EXIT
python3 "$HERE/put-timeline.py" "$TRACE" "$OPS"
