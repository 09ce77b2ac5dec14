#!/usr/bin/env bash
# redis-bench.sh: Dynoj's end-to-end load benchmark.
#
# What it measures: redis-benchmark (SET and GET, 64-byte values, 100000 random keys, 50 clients,
# pipeline depth 1 and 16) against three targets, each with its own fresh redis-server:
#   direct     redis-server, no proxy
#   twemproxy  nutcracker (twemproxy 0.5.0, one server connection) in front of a redis-server
#   dynoj      a Dynoj node (this repo's distribution) in front of a redis-server
# Targets are run interleaved (round 1: direct, twemproxy, dynoj; round 2: ...) so drifting machine
# load hits all of them alike. It prints every run, then a summary with the MEDIAN over rounds of
# each figure (requests/s, p50, p99 and the ratio to direct redis in the same round), then the RSS of
# the two proxy processes and their CPU time per request (utime+stime over their measured runs).
# The Dynoj JVM is warmed up first with one unreported run (100000 requests at P16).
#
# How long: about 30 s of start-up and warm-up plus roughly 40-60 s per round with the default
# N=200000 (ROUNDS=3: about 3 minutes).
#
# Numbers are only meaningful as RATIOS to direct redis measured in the same round: on a 2-core
# shared, noisy machine the client (redis-benchmark), the proxy and redis-server all compete for the
# same two cores, so absolute requests/s say more about the machine than about the proxy.
#
# Environment:
#   N=200000            requests per redis-benchmark test
#   ROUNDS=2            interleaved rounds; the summary reports the median over rounds
#   DYNOJ_IO_THREADS=2  io_threads of the Dynoj node
#   OUT=FILE            also write the summary as markdown to FILE
#   (DYNOJ_HEAP, JAVA_OPTS are passed on to bin/dynoj)
#
# Needs redis-server, redis-benchmark, redis-cli, nutcracker and python3 on PATH (or /usr/sbin).
set -euo pipefail

N="${N:-200000}"
ROUNDS="${ROUNDS:-2}"
DYNOJ_IO_THREADS="${DYNOJ_IO_THREADS:-2}"
OUT="${OUT:-}"
PIPELINES=(1 16)
TARGETS=(direct twemproxy dynoj)
export PATH="$PATH:/usr/sbin:/sbin"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
DIST="$REPO_ROOT/distribution/target/dynoj-0.1.0-SNAPSHOT"

for tool in redis-server redis-benchmark redis-cli nutcracker python3; do
  command -v "$tool" >/dev/null || { echo "redis-bench: $tool not found" >&2; exit 1; }
done

if [[ ! -x "$DIST/bin/dynoj" ]]; then
  echo "redis-bench: no distribution at $DIST, building it" >&2
  (cd "$REPO_ROOT" && mvn -q -pl framework-core,adapter-redis,distribution -am install -Dmaven.test.skip=true)
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dynoj-bench.XXXXXX")"
PIDS=()

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    # give each up to 5 s, then insist
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ $status -ne 0 ]]; then
    echo "redis-bench: failed (status $status); logs kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Free loopback ports: bind them all at once so they are distinct, then let them go.
free_ports() {
  python3 - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
EOF
}

read -r P_REDIS_DIRECT P_REDIS_TWEM P_REDIS_DYNOJ P_TWEM P_TWEM_STATS P_DYNOJ P_DYNOJ_STATS <<<"$(free_ports 7)"

wait_ping() { # port what pid
  local port=$1 what=$2 pid=$3
  for _ in $(seq 300); do
    if [[ "$(redis-cli -p "$port" ping 2>/dev/null || true)" == "PONG" ]]; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "redis-bench: $what exited during start-up (logs in $WORK)" >&2; return 1; }
    sleep 0.1
  done
  echo "redis-bench: $what did not answer PING on port $port within 30 s" >&2
  return 1
}

start_redis() { # port name
  redis-server --port "$1" --bind 127.0.0.1 --save "" --appendonly no --daemonize no \
    --dir "$WORK" --logfile "$WORK/$2.log" &
  PIDS+=($!)
  wait_ping "$1" "redis-server ($2)" $!
}

start_redis "$P_REDIS_DIRECT" redis-direct
start_redis "$P_REDIS_TWEM" redis-twemproxy
start_redis "$P_REDIS_DYNOJ" redis-dynoj
PID_REDIS_DIRECT=${PIDS[0]}; PID_REDIS_TWEM=${PIDS[1]}; PID_REDIS_DYNOJ=${PIDS[2]}

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
nutcracker -c "$WORK/nutcracker.yml" -s "$P_TWEM_STATS" -a 127.0.0.1 \
  -o "$WORK/nutcracker.log" -p "$WORK/nutcracker.pid" &
PID_TWEM=$!
PIDS+=("$PID_TWEM")
wait_ping "$P_TWEM" twemproxy "$PID_TWEM"

cat >"$WORK/dynoj.yml" <<EOF
dyn_o_mite:
  listen: 127.0.0.1:$P_DYNOJ
  stats_listen: 127.0.0.1:$P_DYNOJ_STATS
  data_store: 0
  servers:
  - 127.0.0.1:$P_REDIS_DYNOJ:1
  tokens: '0'
  io_threads: $DYNOJ_IO_THREADS
  datastore_connections: 1
EOF
# bin/dynoj execs java, so $! is the JVM's pid
DYNOJ_LOG_DIR="$WORK/dynoj-logs" "$DIST/bin/dynoj" -c "$WORK/dynoj.yml" >"$WORK/dynoj.out" 2>&1 &
PID_DYNOJ=$!
PIDS+=("$PID_DYNOJ")
wait_ping "$P_DYNOJ" dynoj "$PID_DYNOJ"

port_of() {
  case $1 in direct) echo "$P_REDIS_DIRECT" ;; twemproxy) echo "$P_TWEM" ;; dynoj) echo "$P_DYNOJ" ;; esac
}
proxy_pid_of() {
  case $1 in twemproxy) echo "$PID_TWEM" ;; dynoj) echo "$PID_DYNOJ" ;; *) echo "" ;; esac
}
# utime+stime of a whole process (all threads), in clock ticks
cpu_ticks() {
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}
CLK_TCK=$(getconf CLK_TCK)
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

bench() { # port pipeline requests -> CSV lines "TEST,rps,p50,p99"
  redis-benchmark -h 127.0.0.1 -p "$1" -t set,get -n "$3" -c 50 -r 100000 -d 64 -P "$2" --csv \
    | awk -F'","|"' 'NR > 1 && NF > 2 { print $2 "," $3 "," $6 "," $8 }'
}

echo "redis-bench: N=$N ROUNDS=$ROUNDS DYNOJ_IO_THREADS=$DYNOJ_IO_THREADS; ports direct=$P_REDIS_DIRECT twemproxy=$P_TWEM dynoj=$P_DYNOJ; work dir $WORK" >&2
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "redis-bench: warming up the Dynoj JVM (100000 requests at P16, not reported)" >&2
bench "$P_DYNOJ" 16 100000 >/dev/null

RESULTS="$WORK/results.csv"   # round,P,target,test,rps,p50,p99
: >"$RESULTS"
declare -A CPU  # "target,P" -> ticks spent in measured runs
for round in $(seq "$ROUNDS"); do
  for p in "${PIPELINES[@]}"; do
    for target in "${TARGETS[@]}"; do
      pid=$(proxy_pid_of "$target")
      [[ -n "$pid" ]] && before=$(cpu_ticks "$pid")
      lines=$(bench "$(port_of "$target")" "$p" "$N")
      if [[ -n "$pid" ]]; then
        after=$(cpu_ticks "$pid")
        CPU["$target,$p"]=$(( ${CPU["$target,$p"]:-0} + after - before ))
      fi
      [[ $(wc -l <<<"$lines") -eq 2 ]] || { echo "redis-bench: unexpected redis-benchmark output for $target P$p: $lines" >&2; exit 1; }
      while IFS=, read -r test rps p50 p99; do
        echo "$round,$p,$target,$test,$rps,$p50,$p99" >>"$RESULTS"
      done <<<"$lines"
      echo "redis-bench: round $round P$p $target: $(tr '\n' ' ' <<<"$lines")" >&2
    done
  done
done

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
RSS_TWEM=$(rss_kb "$PID_TWEM")
RSS_DYNOJ=$(rss_kb "$PID_DYNOJ")

# Per-run table, summary (median over rounds) and the proxy figures, as text and markdown.
python3 - "$RESULTS" "$ROUNDS" "$N" "$CLK_TCK" "$RSS_TWEM" "$RSS_DYNOJ" \
  "${CPU[twemproxy,1]}" "${CPU[twemproxy,16]}" "${CPU[dynoj,1]}" "${CPU[dynoj,16]}" \
  "$DYNOJ_IO_THREADS" "$OUT" "$(nproc)" "$LOAD_START" "$LOAD_END" <<'EOF'
import csv, statistics, sys
(path, rounds, n, tck, rss_twem, rss_dynoj, c_t1, c_t16, c_d1, c_d16, io_threads, out, ncpu, load0, load1) = sys.argv[1:]
rounds, n, tck = int(rounds), int(n), int(tck)
TARGETS, TESTS = ["direct", "twemproxy", "dynoj"], ["SET", "GET"]
rows = [dict(zip(("round", "p", "target", "test", "rps", "p50", "p99"), r)) for r in csv.reader(open(path))]
direct = {(r["round"], r["p"], r["test"]): float(r["rps"]) for r in rows if r["target"] == "direct"}
for r in rows:
    r["ratio"] = float(r["rps"]) / direct[(r["round"], r["p"], r["test"])]

def table(header, body):
    widths = [max(len(str(x)) for x in col) for col in zip(header, *body)]
    fmt = lambda row: "  ".join(str(v).rjust(w) if i else str(v).ljust(w) for i, (v, w) in enumerate(zip(row, widths)))
    return "\n".join([fmt(header), fmt(["-" * w for w in widths])] + [fmt(row) for row in body])

def markdown(header, body):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    return "\n".join(lines + ["| " + " | ".join(str(v) for v in row) + " |" for row in body])

header = ["target", "P", "test", "requests/s", "p50 ms", "p99 ms", "x direct"]
order = lambda r: (int(r["round"]), int(r["p"]), TARGETS.index(r["target"]), TESTS.index(r["test"]))
per_run = [[r["round"], r["target"], r["p"], r["test"], f'{float(r["rps"]):.0f}', r["p50"], r["p99"], f'{r["ratio"]:.2f}']
           for r in sorted(rows, key=order)]
summary = []
for p in ("1", "16"):
    for test in TESTS:
        for target in TARGETS:
            sel = [r for r in rows if r["p"] == p and r["test"] == test and r["target"] == target]
            med = lambda k: statistics.median(float(r[k]) for r in sel)
            summary.append([target, p, test, f"{med('rps'):.0f}", f"{med('p50'):.3f}", f"{med('p99'):.3f}", f"{med('ratio'):.2f}"])

reqs = rounds * 2 * n  # SET + GET, per P
us = lambda ticks: f"{int(ticks) / tck / reqs * 1e6:.2f}"
proxy_header = ["proxy", "RSS after run (MiB)", "CPU us/request P1", "CPU us/request P16"]
proxy = [["twemproxy", f"{int(rss_twem) / 1024:.1f}", us(c_t1), us(c_t16)],
         [f"dynoj (io_threads {io_threads})", f"{int(rss_dynoj) / 1024:.1f}", us(c_d1), us(c_d16)]]

print(f"\nPer run (N={n}, 50 clients, 64-byte values, 100000 keys; x direct = requests/s over direct redis in the same round)\n")
print(table(["round"] + header, per_run))
print(f"\nSummary: median over {rounds} round(s)\n")
print(table(header, summary))
machine = f"{ncpu} CPUs; load average (1/5/15 min) {load0} before the measured runs, {load1} after"
print(f"\n{machine}")
print("\nProxy processes (CPU = utime+stime of the whole process over its measured runs / requests)\n")
print(table(proxy_header, proxy))
if out:
    with open(out, "w") as f:
        f.write(f"Median over {rounds} round(s); N={n} requests per test, 50 clients, -r 100000, -d 64. "
                "\"x direct\" is requests/s divided by direct redis's in the same round (median of the per-round ratios). "
                f"{machine}.\n\n")
        f.write(markdown(header, summary) + "\n\n")
        f.write(markdown(proxy_header, proxy) + "\n\n")
        f.write("Every run:\n\n" + markdown(["round"] + header, per_run) + "\n")
    print(f"\n(markdown written to {out})")
EOF
