#!/usr/bin/env python3
"""put-timeline.py TRACE_DIR [PUTS] — reads the stage-trace dumps of one client and three members
(bench/store/put-timeline.sh writes them) and prints, for each member's stages during the client's puts, the median
time since the client sent the put, in microseconds. Roles: the client stamped ClientSend; the leader is the member
whose gateway answered most requests; the others are followers. Only the client's first PUTS requests are its puts
(`arbiter bench store` reads after them); the first 200 are skipped (JIT, connection set-up)."""
import bisect, collections, os, statistics, sys

NAMES = {1: "client send", 2: "client has answer", 10: "gateway handler starts", 12: "gateway has result",
         13: "gateway wrote answer", 19: "loop wakes (poll)", 20: "batch starts", 21: "calls done",
         22: "fsync starts", 23: "fsync done", 24: "batch done", 25: "reply to client side", 26: "early send"}

def load(path):
    marks = []
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                freq = int(line.split()[5])
                continue
            t, stage, _ = line.split()
            if int(t) > 0:
                marks.append((int(t), int(stage)))
    marks.sort()
    scale = 1e6 / freq
    return [(t * scale, s) for t, s in marks]  # microseconds

def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    d = sys.argv[1]
    puts = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    procs = {f: load(os.path.join(d, f)) for f in os.listdir(d) if f.endswith(".trace")}
    clients = [p for p, m in procs.items() if any(s == 1 for _, s in m)]
    if len(clients) != 1 or len(procs) != 4:
        sys.exit(f"put-timeline.py: expected one client and three members in {d}, found {len(clients)} and {len(procs) - len(clients)}")
    client = clients[0]
    members = [p for p in procs if p != client]
    leader = max(members, key=lambda p: sum(1 for _, s in procs[p] if s == 10))
    role = {leader: "leader"}
    role.update({p: f"follower {i + 1}" for i, p in enumerate(sorted(p for p in members if p != leader))})
    pairs, sent = [], None
    for t, s in procs[client]:
        if s == 1:
            sent = t
        elif s == 2 and sent is not None:
            pairs.append((sent, t))
            sent = None
    pairs = pairs[:puts][200:]
    times = {p: [t for t, _ in procs[p]] for p in members}
    offsets = collections.defaultdict(list)
    for t0, t1 in pairs:
        offsets[("client", 2, 0)].append(t1 - t0)
        for p in members:
            seen = collections.Counter()
            for t, s in procs[p][bisect.bisect_left(times[p], t0):bisect.bisect_right(times[p], t1)]:
                offsets[(role[p], s, seen[s])].append(t - t0)
                seen[s] += 1
    n = len(pairs)
    print(f"{n} puts (1 client, 3 members); median µs since the client sent; stages seen in at least half the puts")
    rows = sorted((statistics.median(v), r, s, k, len(v)) for (r, s, k), v in offsets.items() if len(v) >= n / 2)
    for med, r, s, k, c in rows:
        nth = f" ({k + 1})" if k else ""
        print(f"{med:8.1f}  {r:<11} {NAMES.get(s, s)}{nth}" + ("" if c == n else f"  [{100 * c / n:.0f}% of puts]"))

if __name__ == "__main__":
    main()
