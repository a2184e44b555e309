# cluster.sh — sourced by kill9.sh and run-vs-etcd.sh: a 3-node store (STORE=arbiter|etcd) on loopback.
# Needs STORE, ARBITER and OUT set; defines CPORT, PPORT, PID, ENDPOINTS and start/status/field/leader.
# SNAPSHOTS=N (optional) gives both stores the same snapshot interval: Arbiter's --snapshot-every, etcd's --snapshot-count.
# Ports below the kernel's ephemeral range (32768 up), so a stopped member's port is not taken by an outgoing
# connection before it restarts; a base whose ports some listener already holds is drawn again.
for _ in 1 2 3 4 5 6 7 8 9 10; do
  BASE=$((10000 + RANDOM % 20000)); busy=""
  for p in $(seq $((BASE + 10)) $((BASE + 31))); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && busy=1 && break; done
  [[ -z "$busy" ]] && break
done
declare -A CPORT PPORT PID
PEERS="" CLUSTER="" ENDPOINTS=""
for i in 1 2 3; do
  CPORT[$i]=$((BASE + 10 * i)); PPORT[$i]=$((BASE + 10 * i + 1))
  PEERS+="${PEERS:+,}$i=127.0.0.1:${PPORT[$i]}"
  CLUSTER+="${CLUSTER:+,}n$i=http://127.0.0.1:${PPORT[$i]}"
  ENDPOINTS+="${ENDPOINTS:+,}http://127.0.0.1:${CPORT[$i]}"
done

start() {
  local i=$1
  if [[ "$STORE" == arbiter ]]; then
    "$ARBITER" store serve --id "$i" --listen "127.0.0.1:${CPORT[$i]}" --peers "$PEERS" --data "$OUT/n$i" \
      ${SNAPSHOTS:+--snapshot-every "$SNAPSHOTS"} >>"$OUT/n$i.log" 2>&1 &
  else
    local state=new; [[ -d "$OUT/n$i/member" ]] && state=existing
    etcd --name "n$i" --data-dir "$OUT/n$i" --listen-client-urls "http://127.0.0.1:${CPORT[$i]}" \
      --advertise-client-urls "http://127.0.0.1:${CPORT[$i]}" --listen-peer-urls "http://127.0.0.1:${PPORT[$i]}" \
      --initial-advertise-peer-urls "http://127.0.0.1:${PPORT[$i]}" --initial-cluster "$CLUSTER" \
      --initial-cluster-state "$state" ${SNAPSHOTS:+--snapshot-count "$SNAPSHOTS"} >>"$OUT/n$i.log" 2>&1 &
  fi
  PID[$i]=$!
}

status() { # status I → the member's status JSON, or nothing
  curl -s -m 1 -X POST "http://127.0.0.1:${CPORT[$1]}/v3/maintenance/status" -d '{}' 2>/dev/null || true
}
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([0-9]*\).*/\1/p" | head -1; }

leader() { # the node that says it leads, or empty
  for i in 1 2 3; do
    local s; s="$(status "$i")"
    [[ -n "$s" ]] || continue
    local me lead; me="$(echo "$s" | field member_id)"; lead="$(echo "$s" | field leader)"
    [[ -n "$me" && "$me" == "$lead" ]] && { echo "$i"; return 0; }
  done
  return 0 # none yet: empty output, not a failure (callers run under set -e)
}

