#!/usr/bin/env bash
# snapshot-ab.sh — one 3-member `arbiter store serve` cluster on loopback (fsync on) with a chosen --snapshot-every,
# a warm-up, then `arbiter bench store` against the leader; prints puts/s and the put phase's p50/p99/p99.9 with the
# load average. For before/after comparisons of the snapshot path in one session (docs/PERFORMANCE.md, "Store:
# snapshots off the loop"): build each version, copy its bin/Release/net10.0 aside, and alternate the runs.
#
#   bench/store/snapshot-ab.sh BIN_DIR LABEL SNAPSHOT_EVERY [CLIENTS [OPS]]     (defaults: 64 clients, 40000 puts)
set -euo pipefail
[[ $# -ge 3 ]] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
BIN="$1/arbiter"; LABEL=$2; EVERY=$3; CLIENTS=${4:-64}; OPS=${5:-40000}
[[ -x "$BIN" ]] || { echo "snapshot-ab.sh: no arbiter in $1" >&2; exit 2; }
OUT=$(mktemp -d /tmp/arbiter-snapshot-ab.XXXXXX)
BASE=$((10000 + RANDOM % 20000)); PEERS="" # below the ephemeral range (32768 up)
for i in 1 2 3; do PEERS+="${PEERS:+,}$i=127.0.0.1:$((BASE + 10 * i + 1))"; done
declare -A PID
for i in 1 2 3; do
  "$BIN" store serve --id "$i" --listen "127.0.0.1:$((BASE + 10 * i))" --peers "$PEERS" --data "$OUT/n$i" --snapshot-every "$EVERY" >>"$OUT/n$i.log" 2>&1 &
  PID[$i]=$!
done
lead=""
for _ in $(seq 1 150); do
  for i in 1 2 3; do
    s=$(curl -s -m 1 -X POST "http://127.0.0.1:$((BASE + 10 * i))/v3/maintenance/status" -d '{}' 2>/dev/null || true)
    me=$(echo "$s" | sed -n 's/.*"member_id":"\{0,1\}\([0-9]*\).*/\1/p'); ld=$(echo "$s" | sed -n 's/.*"leader":"\{0,1\}\([0-9]*\).*/\1/p')
    [[ -n "$me" && "$me" == "$ld" ]] && lead=$i
  done
  [[ -n "$lead" ]] && break; sleep 0.2
done
[[ -n "$lead" ]] || { echo "snapshot-ab.sh: no leader in 30 s; see $OUT/n*.log" >&2; for i in 1 2 3; do kill -9 "${PID[$i]}" 2>/dev/null || true; done; exit 1; }
url="http://127.0.0.1:$((BASE + 10 * lead))"
"$BIN" bench store --endpoints "$url" --clients 4 --ops 500 --value-size 256 --json >/dev/null
"$BIN" bench store --endpoints "$url" --clients "$CLIENTS" --ops "$OPS" --value-size 256 --json >"$OUT/many.json"
for i in 1 2 3; do kill "${PID[$i]}" 2>/dev/null || true; done
for i in 1 2 3; do wait "${PID[$i]}" 2>/dev/null || true; done
line=$({ tr -d ' \n' <"$OUT/many.json"; echo; } | grep -o '"operation":"put"[^}]*')
get() { echo "$line" | sed -n "s/.*\"$1\":\([0-9.eE+-]*\).*/\1/p"; }
printf '%-7s every=%-5s %8.0f puts/s p50 %6.2f ms p99 %7.2f ms p99.9 %7.2f ms failed %s | load %s\n' "$LABEL" "$EVERY" \
  "$(get per_second)" "$(get p50_ms)" "$(get p99_ms)" "$(get p999_ms)" "$(get failed)" "$(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$OUT"
