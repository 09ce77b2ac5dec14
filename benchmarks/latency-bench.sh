#!/usr/bin/env bash
# latency-bench.sh: request latency at P1 (no pipelining) through a Dynoj node, twemproxy and redis-server
# directly, measured in the same run, and the node's GC pauses over the measured runs (issue 18, "Latency").
#
# Targets, each with its own fresh redis-server (--save "" --appendonly no) where it has one:
#   direct          redis-server, no proxy
#   twemproxy       nutcracker (one server connection) in front of a redis-server
#   dynoj           a Dynoj node alone in front of a redis-server (io_threads IO_THREADS)
#   dynoj-leveldb   a Dynoj node on its embedded LevelDB store, the default (EMBEDDED=1)
# Each round runs redis-benchmark -t set,get -n N -c 50 -r 100000 -d 64 -P 1 against every target in turn
# (the order rotates from round to round), WITHOUT --csv: redis-benchmark 7 then prints its HdrHistogram's
# percentile distribution. p50 and p99 are redis-benchmark's own summary figures; p99.9 is the latency of
# the first line of the distribution at or above 99.9% (it prints percentiles in halving steps:
# ..., 99.805%, 99.902%, ...; so "p99.9" is the value at that step, 99.90-99.95%), and max. The summary
# is the median over rounds of each figure.
#
# GC: every Dynoj JVM runs as bin/dynoj starts it (G1, -Xlog:gc* into its log directory). After the
# warm-up the script notes where each gc.log ends; at the end it reads what the measured runs added:
# the number of pauses, the longest and their total ("GC(n) Pause ... <ms>" lines: young, mixed,
# remark, cleanup), and the total time all threads were stopped at safepoints (GC or not).
#
# Environment: N=100000, ROUNDS=3, WARMUP=300000 (requests per test of one unreported warm-up per Dynoj
# node, P16), IO_THREADS=1, EMBEDDED=1, DYNOJ_DIST, DYNOJ_HEAP / JAVA_OPTS (as for bin/dynoj), OUT (the
# summary as markdown). Needs redis-server, redis-benchmark, redis-cli, nutcracker, python3.
set -euo pipefail

N="${N:-100000}"
ROUNDS="${ROUNDS:-3}"
WARMUP="${WARMUP:-300000}"
IO_THREADS="${IO_THREADS:-1}"
EMBEDDED="${EMBEDDED:-1}"
OUT="${OUT:-}"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
DIST="${DYNOJ_DIST:-$REPO_ROOT/distribution/target/dynoj-0.1.0-SNAPSHOT}"
PATH="$PATH:/usr/sbin"
for tool in redis-server redis-benchmark redis-cli nutcracker python3; do
  command -v "$tool" >/dev/null || { echo "latency-bench: $tool not found" >&2; exit 1; }
done
if [[ ! -x "$DIST/bin/dynoj" ]]; then
  echo "latency-bench: no distribution at $DIST, building it" >&2
  (cd "$REPO_ROOT" && ./mvnw -q -pl distribution -am package -Dmaven.test.skip=true)
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dynoj-latency.XXXXXX")"
PIDS=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ $status -ne 0 ]]; then echo "latency-bench: failed (status $status); logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cp -a "$DIST" "$WORK/dist"
DIST="$WORK/dist"

# Ports below the kernel's ephemeral range, all free at once (see redis-bench.sh).
read -r P_DIRECT P_REDIS_TWEM P_REDIS_DYNOJ P_TWEM P_TWEM_STATS P_DYNOJ P_DYNOJ_STATS P_EMB P_EMB_STATS <<<"$(
python3 - 9 <<'EOF'
import random, socket, sys
try:
    low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
except (OSError, ValueError):
    low = 32768
socks, port = [], random.randrange(10000, max(10001, low - 2000))
while len(socks) < int(sys.argv[1]) and port < low:
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port)); socks.append(s)
    except OSError:
        s.close()
    port += 1
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
EOF
)"

wait_ping() { # port what pid
  for _ in $(seq 300); do
    [[ "$(redis-cli -p "$1" ping 2>/dev/null || true)" == "PONG" ]] && return 0
    kill -0 "$3" 2>/dev/null || { echo "latency-bench: $2 exited during start-up (logs in $WORK)" >&2; return 1; }
    sleep 0.1
  done
  echo "latency-bench: $2 did not answer PING on port $1 within 30 s" >&2; return 1
}
start_redis() { # port name
  redis-server --port "$1" --bind 127.0.0.1 --save "" --appendonly no --daemonize no --dir "$WORK" \
    --logfile "$WORK/$2.log" &
  PIDS+=($!)
  wait_ping "$1" "redis-server ($2)" $!
}
start_redis "$P_DIRECT" redis-direct
start_redis "$P_REDIS_TWEM" redis-twemproxy
start_redis "$P_REDIS_DYNOJ" redis-dynoj

cat >"$WORK/nutcracker.yml" <<EOF
bench:
  listen: 127.0.0.1:$P_TWEM
  hash: fnv1a_64
  distribution: ketama
  redis: true
  server_connections: 1
  servers:
  - 127.0.0.1:$P_REDIS_TWEM:1
EOF
nutcracker -c "$WORK/nutcracker.yml" -s "$P_TWEM_STATS" -a 127.0.0.1 -o "$WORK/nutcracker.log" \
  -p "$WORK/nutcracker.pid" &
PIDS+=($!)
wait_ping "$P_TWEM" twemproxy $!

start_node() { # name client-port stats-port datastore-lines
  cat >"$WORK/$1.yml" <<EOF
latency:
  listen: 127.0.0.1:$2
  stats_listen: 127.0.0.1:$3
  data_store: 0
  tokens: '0'
  io_threads: $IO_THREADS
$4
EOF
  DYNOJ_LOG_DIR="$WORK/$1-logs" "$DIST/bin/dynoj" -c "$WORK/$1.yml" >"$WORK/$1.out" 2>&1 &
  PIDS+=($!)
  wait_ping "$2" "$1" $!
}
TARGETS=(direct twemproxy dynoj)
start_node dynoj "$P_DYNOJ" "$P_DYNOJ_STATS" "  servers:
  - 127.0.0.1:$P_REDIS_DYNOJ:1
  datastore_connections: 1"
if [[ $EMBEDDED == 1 ]]; then
  start_node dynoj-leveldb "$P_EMB" "$P_EMB_STATS" "  datastore: leveldb
  data_dir: $WORK/leveldb-data
  leveldb:
    sync: none"
  TARGETS+=(dynoj-leveldb)
fi
port_of() {
  case $1 in direct) echo "$P_DIRECT" ;; twemproxy) echo "$P_TWEM" ;; dynoj) echo "$P_DYNOJ" ;; dynoj-leveldb) echo "$P_EMB" ;; esac
}
NODES=("${TARGETS[@]:2}")

echo "warm-up: $WARMUP requests per test per Dynoj node (P16)"
for t in "${NODES[@]}"; do
  redis-benchmark -h 127.0.0.1 -p "$(port_of "$t")" -t set,get -n "$WARMUP" -c 50 -r 100000 -d 64 -P 16 -q >/dev/null
done
declare -A GC_FROM
for t in "${NODES[@]}"; do GC_FROM[$t]=$(cat "$WORK/$t-logs"/gc.log* 2>/dev/null | wc -l); done

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
RESULTS="$WORK/results.csv"   # round,target,test,rps,p50,p99,p999,max
: >"$RESULTS"
for r in $(seq "$ROUNDS"); do
  for j in $(seq 0 $((${#TARGETS[@]} - 1))); do
    t=${TARGETS[$(( (j + r - 1) % ${#TARGETS[@]} ))]}
    redis-benchmark -h 127.0.0.1 -p "$(port_of "$t")" -t set,get -n "$N" -c 50 -r 100000 -d 64 -P 1 \
      >"$WORK/run-$r-$t.txt" 2>&1
    python3 - "$r" "$t" "$WORK/run-$r-$t.txt" >>"$RESULTS" <<'EOF'
import re, sys
r, target, path = sys.argv[1:]
test = p999 = rps = None
for line in open(path, errors="replace"):
    line = line.replace("\r", "\n").strip().split("\n")[-1].strip()
    m = re.match(r"====== (\w+) ======", line)
    if m:
        test, p999 = m.group(1), None
        continue
    m = re.match(r"([\d.]+)% <= ([\d.]+) milliseconds", line)
    if m and p999 is None and float(m.group(1)) >= 99.9:
        p999 = m.group(2)
    m = re.match(r"throughput summary: ([\d.]+) requests per second", line)
    if m:
        rps = m.group(1)
    m = re.match(r"([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", line)
    if m and test:
        avg, mn, p50, p95, p99, mx = m.groups()
        print(",".join([r, target, test, rps, p50, p99, p999 or "", mx]))
        test = None
EOF
  done
  echo "round $r done (load $(cut -d' ' -f1-3 /proc/loadavg))"
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

GC_SUMMARY="$WORK/gc.csv"   # target,pauses,max_ms,total_ms,safepoint_ms
: >"$GC_SUMMARY"
for t in "${NODES[@]}"; do
  # gc.log rolls over at 20 MB; a run this short stays in the first file
  tail -n +"$((GC_FROM[$t] + 1))" "$WORK/$t-logs/gc.log" | python3 -c "
import re, sys
pauses, safepoint = [], 0.0
for line in sys.stdin:
    m = re.search(r'\[gc\s*\]\s+GC\(\d+\)\s+Pause.*\s([\d.]+)ms\s*$', line)
    if m:
        pauses.append(float(m.group(1)))
    m = re.search(r'Safepoint .*Total: (\d+) ns', line)
    if m:
        safepoint += int(m.group(1)) / 1e6
print(f'$t,{len(pauses)},{max(pauses, default=0):.2f},{sum(pauses):.2f},{safepoint:.2f}')" >>"$GC_SUMMARY"
done

python3 - "$RESULTS" "$GC_SUMMARY" "$N" "$ROUNDS" "$LOAD_START" "$LOAD_END" "$(nproc)" "$OUT" <<'EOF'
import csv, statistics, sys
path, gc_path, n, rounds, load_start, load_end, cores, out = sys.argv[1:]
rows = list(csv.reader(open(path)))
targets = list(dict.fromkeys(r[1] for r in rows))
med = lambda xs: statistics.median(float(x) for x in xs if x)
lines = [f"Median over {rounds} round(s); redis-benchmark -n {n} -c 50 -r 100000 -d 64 -P 1, targets interleaved; "
         f"{cores} CPUs; load average (1/5/15 min) {load_start} before the measured runs, {load_end} after.", "",
         "| target | test | requests/s | p50 ms | p99 ms | p99.9 ms | max ms |", "|---|---|---:|---:|---:|---:|---:|"]
for test in ("SET", "GET"):
    for t in targets:
        rs = [r for r in rows if r[1] == t and r[2] == test]
        if rs:
            lines.append(f"| {t} | {test} | {med(r[3] for r in rs):.0f} | {med(r[4] for r in rs):.3f} | "
                         f"{med(r[5] for r in rs):.3f} | {med(r[6] for r in rs):.3f} | {med(r[7] for r in rs):.3f} |")
lines += ["", "GC of each Dynoj JVM over all its measured runs (from its gc.log):", "",
          "| node | GC pauses | max pause ms | total pause ms | total safepoint ms |", "|---|---:|---:|---:|---:|"]
for t, count, mx, total, sp in csv.reader(open(gc_path)):
    lines.append(f"| {t} | {count} | {mx} | {total} | {sp} |")
text = "\n".join(lines)
print(); print(text)
if out:
    open(out, "w").write(text + "\n")
EOF
