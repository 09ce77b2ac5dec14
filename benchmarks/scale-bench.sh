#!/usr/bin/env bash
# scale-bench.sh: does a request cost the same CPU in a cluster of 3 nodes as in one of 24?
#
# What it measures (issue 18, "Scale"): `dynoj local-cluster` clusters of 3 racks x 1, 2, 4 and 8 nodes,
# each cluster one JVM (every node in it, embedded memory store, io_threads 1 per node), all started at
# once and loaded in turn, interleaved round by round. The load is the same for every cluster:
# redis-benchmark SET and GET (64-byte values, 100000 random keys, pipeline P), CLIENTS connections and
# N requests per test in all, spread evenly over all nodes of rack 1 (one redis-benchmark per node, run
# at once). For each run it reads the cluster JVM's CPU time (/proc/PID/stat utime+stime) and every
# node's counters (/metrics/json) before and after, and reports per client request:
#   cpu us/req       the whole JVM's CPU (every node: entry nodes, replicas, timers) / client requests
#   net us/req       the same less the JVM's idle CPU rate (measured before the rounds, IDLE seconds with
#                    no load) times the run's duration: what the requests themselves cost
#   entry us/req     the rack-1 nodes' I/O threads (dynoj-io-<client port>, from /proc/PID/task) / requests
#   fwd share        client requests the entry node sent on to another node as their first hop (a read
#                    to its owner in rack 1, a write to its primary): (router.forwarded - router.replicated)
#                    / client.requests at the entry nodes
#   frames/req       peer REQUEST frames sent by all nodes (peer.*.requests) / client requests
#   req/s, p50 ms    client requests / wall time of the run, and redis-benchmark's p50 (mean over its
#                    processes and tests): 2 cores shared by everything, so only a cross-check; the CPU
#                    figures are the measurement
#   machine busy %   all CPUs busy during the run (/proc/stat): near 100, throughput is set by CPU
#   (per run also: how often a peer connection's reading paused at peer_max_in_flight, over all nodes)
# and the median over rounds of each. The load average is printed with every run.
#
# Why CPU per request: on one 2-core machine the clusters cannot show throughput growing with nodes;
# what they can show is whether a request costs more CPU as the cluster grows. If it does not, a
# cluster whose every node has its own machine scales linearly (throughput per node x nodes); the
# projection is in docs/PERFORMANCE.md ("Scale").
#
# Environment:
#   CLUSTERS="1 2 4 8"    the clusters measured, by nodes per rack (3 racks each); an entry N/LEVEL sets that
#                         cluster's consistency ("1 1/DC_QUORUM": 3 x 1 node at LEVEL and at DC_QUORUM)
#   LEVEL=DC_ONE          read and write consistency of every node of a cluster whose entry names none
#   TESTS=set,get         redis-benchmark's -t
#   N=200000              requests per redis-benchmark test (SET, then GET), over all entry nodes
#   CLIENTS=48            client connections in all, split evenly over the entry nodes
#   P=16                  pipeline depth
#   ROUNDS=3              rounds; the order of the clusters rotates from one round to the next
#   WARMUP=300000         requests per test of one unreported warm-up run per cluster
#   IDLE=10               seconds of idle CPU measurement per cluster (all clusters idle at once)
#   DYNOJ_HEAP=512m       heap of each cluster JVM
#   DYNOJ_DIST            the unpacked distribution (default distribution/target/dynoj-0.1.0-SNAPSHOT)
#   OUT                   also write the summary as markdown there
# Needs redis-benchmark, python3, curl.
set -euo pipefail

CLUSTERS="${CLUSTERS:-1 2 4 8}"
LEVEL="${LEVEL:-DC_ONE}"
TESTS="${TESTS:-set,get}"
N="${N:-200000}"
CLIENTS="${CLIENTS:-48}"
P="${P:-16}"
ROUNDS="${ROUNDS:-3}"
WARMUP="${WARMUP:-300000}"
IDLE="${IDLE:-10}"
OUT="${OUT:-}"
export DYNOJ_HEAP="${DYNOJ_HEAP:-512m}"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
DIST="${DYNOJ_DIST:-$REPO_ROOT/distribution/target/dynoj-0.1.0-SNAPSHOT}"
for tool in redis-benchmark python3 curl; do
  command -v "$tool" >/dev/null || { echo "scale-bench: $tool not found" >&2; exit 1; }
done
if [[ ! -x "$DIST/bin/dynoj" ]]; then
  echo "scale-bench: no distribution at $DIST, building it" >&2
  (cd "$REPO_ROOT" && ./mvnw -q -pl distribution -am package -Dmaven.test.skip=true)
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dynoj-scale.XXXXXX")"
PIDS=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ $status -ne 0 ]]; then echo "scale-bench: failed (status $status); logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cp -a "$DIST" "$WORK/dist"   # a rebuild during the run cannot swap the jars
DIST="$WORK/dist"

# A base port below the kernel's ephemeral range with base..base+399 all free (local-cluster uses base+k,
# +100+k, +200+k, +300+k): an ephemeral port could become a peer link's local port before its server binds.
free_base() {
  python3 - "$@" <<'EOF'
import random, socket, sys
taken = {int(b) for b in sys.argv[1:]}
try:
    low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
except (OSError, ValueError):
    low = 32768
for _ in range(200):
    base = random.randrange(10000, low - 500) // 1000 * 1000
    if any(abs(base - t) < 1000 for t in taken):
        continue
    socks = []
    try:
        for p in range(base, base + 400):
            s = socket.socket(); socks.append(s); s.bind(("127.0.0.1", p))
        print(base); break
    except OSError:
        pass
    finally:
        for s in socks: s.close()
else:
    sys.exit("no free port range")
EOF
}

# cluster name -> pid, entry client ports, all admin ports (from local-cluster's "how to connect" lines)
declare -A PID ENTRY ADMINS NODES LEVELS
NAMES=()
for c in $CLUSTERS; do
  n=${c%%/*}
  if [[ $c == */* ]]; then name="3x$n-${c#*/}"; LEVELS[$name]=${c#*/}; else name="3x$n"; LEVELS[$name]=$LEVEL; fi
  NODES[$name]=$n
  NAMES+=("$name")
done
BASES=()
for name in "${NAMES[@]}"; do
  base=$(free_base "${BASES[@]}")
  BASES+=("$base")
  "$DIST/bin/dynoj" local-cluster --racks 3 --nodes-per-rack "${NODES[$name]}" --datastore memory \
      --base-port "$base" --consistency "${LEVELS[$name]}" --dir "$WORK/$name" >"$WORK/$name.out" 2>&1 &
  PID[$name]=$!
  PIDS+=("$!")
done
for name in "${NAMES[@]}"; do
  for _ in $(seq 1200); do
    grep -q "Ctrl-C stops the cluster" "$WORK/$name.out" && break
    kill -0 "${PID[$name]}" 2>/dev/null || { cat "$WORK/$name.out" >&2; echo "scale-bench: $name did not start" >&2; exit 1; }
    sleep 0.1
  done
  grep -q "Ctrl-C stops the cluster" "$WORK/$name.out" || { echo "scale-bench: $name not up after 120 s" >&2; exit 1; }
  ENTRY[$name]=$(sed -nE 's/^ +rack1-node[0-9]+ +token .* clients [^:]+:([0-9]+) .*/\1/p' "$WORK/$name.out" | tr '\n' ' ')
  ADMINS[$name]=$(sed -nE 's/^ +rack[0-9]+-node[0-9]+ +token .* admin ([0-9]+).*/\1/p' "$WORK/$name.out" | tr '\n' ' ')
  echo "$name (${LEVELS[$name]}): pid ${PID[$name]}, entry ports ${ENTRY[$name]}($(wc -w <<<"${ADMINS[$name]}") nodes)"
done

CLK_TCK=$(getconf CLK_TCK)
# pid entry-ports admin-ports -> "proc_ticks entry_ticks requests forwarded replicated peer_frames peer_paused"
snapshot() {
  python3 - "$1" "$2" "$3" <<'EOF'
import json, os, sys, urllib.request
pid, entry, admins = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
def ticks(stat):
    f = stat[stat.rindex(")") + 2:].split()
    return int(f[11]) + int(f[12])
proc = ticks(open(f"/proc/{pid}/stat").read())
prefixes = tuple(f"dynoj-io-{p}-" for p in entry)
entry_ticks = 0
for tid in os.listdir(f"/proc/{pid}/task"):
    try:
        comm = open(f"/proc/{pid}/task/{tid}/comm").read().strip()
        if comm.startswith(prefixes):
            entry_ticks += ticks(open(f"/proc/{pid}/task/{tid}/stat").read())
    except OSError:
        pass
req = fwd = rep = frames = paused = 0
entry_admins = admins[:len(entry)]  # rack 1's nodes come first
for a in admins:
    c = json.load(urllib.request.urlopen(f"http://127.0.0.1:{a}/metrics/json", timeout=10))["counters"]
    frames += sum(v for k, v in c.items() if k.startswith("peer.") and k.endswith(".requests"))
    paused += c.get("peer_server.paused", 0)  # a peer connection's reading paused at peer_max_in_flight
    if a in entry_admins:
        req += c.get("client.requests", 0)
        fwd += c.get("router.forwarded", 0)
        rep += c.get("router.replicated", 0)
print(proc, entry_ticks, req, fwd, rep, frames, paused)
EOF
}

load() { # name requests-per-test -> runs redis-benchmark against every entry node at once
  local name=$1 total=$2 ports k i=0 bpids=()
  read -ra ports <<<"${ENTRY[$name]}"
  k=${#ports[@]}
  for port in "${ports[@]}"; do
    redis-benchmark -h 127.0.0.1 -p "$port" -t "$TESTS" -n $((total / k)) -c $((CLIENTS / k > 0 ? CLIENTS / k : 1)) -r 100000 -d 64 \
        -P "$P" --csv >"$WORK/bench-$name-$i.csv" 2>&1 &
    bpids+=("$!"); i=$((i + 1))
  done
  for b in "${bpids[@]}"; do wait "$b"; done
}

echo "warm-up: $WARMUP requests per test per cluster"
for name in "${NAMES[@]}"; do load "$name" "$WARMUP"; done

echo "idle CPU: $IDLE s, every cluster idle"
declare -A IDLE_RATE
declare -A S0
for name in "${NAMES[@]}"; do S0[$name]=$(snapshot "${PID[$name]}" "${ENTRY[$name]}" "${ADMINS[$name]}"); done
t0=$(date +%s.%N); sleep "$IDLE"; t1=$(date +%s.%N)
for name in "${NAMES[@]}"; do
  s1=$(snapshot "${PID[$name]}" "${ENTRY[$name]}" "${ADMINS[$name]}")
  IDLE_RATE[$name]=$(python3 -c "print((int('$s1'.split()[0]) - int('${S0[$name]}'.split()[0])) / ($t1 - $t0))")
  echo "  $name: $(python3 -c "print(f'{${IDLE_RATE[$name]} / $CLK_TCK * 100:.1f}')")% of a core"
done

RESULTS="$WORK/results.csv"   # round,cluster,nodes,requests,seconds,proc_ticks,entry_ticks,fwd,frames,idle_rate,load1,paused,p50,busy
: >"$RESULTS"
for r in $(seq "$ROUNDS"); do
  for j in $(seq 0 $((${#NAMES[@]} - 1))); do
    name=${NAMES[$(( (j + r - 1) % ${#NAMES[@]} ))]}
    n=${NODES[$name]}
    load1=$(cut -d' ' -f1 /proc/loadavg)
    a=$(snapshot "${PID[$name]}" "${ENTRY[$name]}" "${ADMINS[$name]}")
    cpu0=$(head -1 /proc/stat)
    t0=$(date +%s.%N)
    load "$name" "$N"
    t1=$(date +%s.%N)
    cpu1=$(head -1 /proc/stat)
    busy=$(python3 -c "
a, b = [list(map(int, x.split()[1:9])) for x in ('$cpu0', '$cpu1')]
d = [y - x for x, y in zip(a, b)]
print(f'{100 * (1 - (d[3] + d[4]) / sum(d)):.0f}')")
    b=$(snapshot "${PID[$name]}" "${ENTRY[$name]}" "${ADMINS[$name]}")
    p50=$(cat "$WORK/bench-$name-"*.csv | awk -F'","|"' 'NF > 2 && $2 != "test" { s += $6; n++ } END { printf "%.3f", s / n }')
    python3 - "$r" "$name" "$n" "$a" "$b" "$t0" "$t1" "${IDLE_RATE[$name]}" "$load1" "$CLK_TCK" "$p50" "$busy" >>"$RESULTS" <<'EOF'
import sys
r, name, n, a, b, t0, t1, idle, load1, tck, p50, busy = sys.argv[1:]
a, b = [list(map(int, x.split())) for x in (a, b)]
d = [y - x for x, y in zip(a, b)]
proc, entry, req, fwd, rep, frames, paused = d
print(",".join(map(str, [r, name, n, req, float(t1) - float(t0), proc, entry, fwd - rep, frames, idle, load1, paused, p50, busy])))
EOF
    tail -1 "$RESULTS" | python3 -c "
import sys
r, name, n, req, sec, proc, entry, fwd, frames, idle, load1, paused, p50, busy = sys.stdin.read().strip().split(',')
req, sec, proc, entry, idle, tck = int(req), float(sec), int(proc), int(entry), float(idle), $CLK_TCK
us = lambda t: t / tck * 1e6 / req
print(f'round {r} {name}: {req} requests in {sec:.1f} s ({req / sec:.0f}/s, p50 {p50} ms), cpu {us(proc):.2f} us/req, '
      f'net {us(proc - idle * sec):.2f}, entry {us(entry):.2f}, fwd {int(fwd) / req:.2f}, '
      f'frames {int(frames) / req:.2f}, peer reads paused {paused}x, machine {busy}% busy, load {load1}')"
  done
done

python3 - "$RESULTS" "$CLK_TCK" "$TESTS" "$N" "$CLIENTS" "$P" "$ROUNDS" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)" "$OUT" \
    "${NAMES[*]}" "$(for name in "${NAMES[@]}"; do echo -n "${LEVELS[$name]} "; done)" <<'EOF'
import csv, statistics, sys
path, tck, tests, n, clients, p, rounds, load_end, cores, out, names, levels = sys.argv[1:]
tck, names, levels = int(tck), names.split(), dict(zip(names.split(), levels.split()))
by, nodes = {}, {}
for r, name, k, req, sec, proc, entry, fwd, frames, idle, load1, paused, p50, busy in csv.reader(open(path)):
    req, sec = int(req), float(sec)
    us = lambda t: float(t) / tck * 1e6 / req
    nodes[name] = 3 * int(k)
    by.setdefault(name, []).append(dict(
        cpu=us(proc), net=us(float(proc) - float(idle) * sec), entry=us(entry), fwd=int(fwd) / req,
        frames=int(frames) / req, rps=req / sec, p50=float(p50), busy=float(busy), idle=float(idle) / tck * 100, load=float(load1)))
med = {k: {f: statistics.median(x[f] for x in v) for f in v[0]} for k, v in by.items()}
loads = [x["load"] for v in by.values() for x in v]
lines = [f"Median over {rounds} round(s); per run redis-benchmark -t {tests} -n {n} -P {p} -r 100000 -d 64, {clients} "
         f"client connections in all, spread over rack 1's nodes; {cores} CPUs; 1-minute load before each run "
         f"{min(loads):.2f}-{max(loads):.2f}, at the end {load_end}. \"x first\": net us/req over the first cluster's.", "",
         "| cluster | level | nodes | cpu us/req | net us/req | x first | entry us/req | fwd share | peer frames/req | idle (% core) | req/s | p50 ms | machine busy % |",
         "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
for name in names:
    m = med[name]
    lines.append(f"| {name} | {levels[name]} | {nodes[name]} | {m['cpu']:.2f} | {m['net']:.2f} | "
                 f"{m['net'] / med[names[0]]['net']:.2f} | {m['entry']:.2f} | {m['fwd']:.2f} | {m['frames']:.2f} | "
                 f"{m['idle']:.1f} | {m['rps']:.0f} | {m['p50']:.3f} | {m['busy']:.0f} |")
text = "\n".join(lines)
print(); print(text)
if out:
    open(out, "w").write(text + "\n")
EOF
