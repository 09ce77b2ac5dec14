#!/usr/bin/env bash
# memcached-bench.sh: the memcached end-to-end load benchmark.
#
# What it measures: MemcachedLoad (this repo's load generator, benchmarks/src/main/java/.../MemcachedLoad.java:
# set and get, 64-byte values, 100000 random keys, 50 connections, pipeline depth 1 and 16; a
# redis-benchmark for the memcached text protocol) against, each with its own fresh memcached:
#   direct     memcached, no proxy
#   twemproxy  nutcracker (twemproxy 0.5.0, one server connection) in front of a memcached
#   dynoj      a Dynoj node (data_store: 1) alone in front of a memcached
# Targets run interleaved, per round and pipeline depth, so drifting machine load hits all alike; the
# summary gives the median requests/s per target and its ratio to direct memcached of the same round.
# The Dynoj JVM is warmed up with one unreported run first. Takes about 1-2 minutes per round.
#
# Numbers are only meaningful as RATIOS measured in the same round: on a 2-core shared machine the load
# generator, the proxies and the servers all compete for the same cores.
#
# Environment: N=200000 (requests per test), ROUNDS=3, DYNOJ_IO_THREADS=0 (node default), OUT=FILE (markdown copy).
set -euo pipefail

N="${N:-200000}"
ROUNDS="${ROUNDS:-3}"
DYNOJ_IO_THREADS="${DYNOJ_IO_THREADS:-0}"
OUT="${OUT:-}"
export PATH="$PATH:/usr/sbin:/sbin"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
DIST="$REPO_ROOT/distribution/target/dynoj-0.1.0-SNAPSHOT"
JAR="$SCRIPT_DIR/target/benchmarks.jar"

for tool in memcached nutcracker python3 java; do
  command -v "$tool" >/dev/null || { echo "memcached-bench: $tool not found" >&2; exit 1; }
done
if [[ ! -x "$DIST/bin/dynoj" || ! -f "$JAR" ]]; then
  echo "memcached-bench: building the distribution and the benchmarks jar" >&2
  (cd "$REPO_ROOT" && ./mvnw -q -B -ntp -DskipTests package)
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dynoj-mcbench.XXXXXX")"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { # port: until something accepts there (20 s)
  for _ in $(seq 200); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "memcached-bench: nothing listens on $1" >&2; exit 1
}
user_flag() { [[ $(id -u) == 0 ]] && echo "-u root" || true; }

P_DIRECT=$(free_port); P_TWEM_MC=$(free_port); P_TWEM=$(free_port); P_DYN_MC=$(free_port)
P_DYN=$(free_port); P_DYN_STATS=$(free_port); P_TWEM_STATS=$(free_port)
for p in $P_DIRECT $P_TWEM_MC $P_DYN_MC; do
  memcached -l 127.0.0.1 -p "$p" -U 0 -m 256 -t 1 $(user_flag) & PIDS+=($!)
done
cat > "$WORK/nutcracker.yml" <<YML
bench:
  listen: 127.0.0.1:$P_TWEM
  hash: fnv1a_64
  distribution: ketama
  redis: false
  server_connections: 1
  servers:
  - 127.0.0.1:$P_TWEM_MC:1
YML
nutcracker -c "$WORK/nutcracker.yml" -s "$P_TWEM_STATS" >"$WORK/nutcracker.log" 2>&1 & PIDS+=($!); TWEM_PID=$!
cat > "$WORK/dynoj.yml" <<YML
dyn_o_mite:
  listen: 127.0.0.1:$P_DYN
  data_store: 1
  servers:
  - 127.0.0.1:$P_DYN_MC:1
  tokens: '0'
  stats_listen: 127.0.0.1:$P_DYN_STATS
  io_threads: $DYNOJ_IO_THREADS
YML
DYNOJ_LOG_DIR="$WORK/logs" "$DIST/bin/dynoj" -c "$WORK/dynoj.yml" >"$WORK/dynoj.log" 2>&1 & PIDS+=($!); DYN_PID=$!
for p in $P_DIRECT $P_TWEM_MC $P_DYN_MC $P_TWEM $P_DYN; do wait_port "$p"; done

load() { java -cp "$JAR" io.dynoj.benchmarks.MemcachedLoad -p "$1" -n "$2" -c 50 -P "$3" -r 100000 -d 64 -t set,get; }
load "$P_DYN" 100000 16 >/dev/null   # warm-up

declare -A PORT=([direct]=$P_DIRECT [twemproxy]=$P_TWEM [dynoj]=$P_DYN)
RESULTS="$WORK/results.txt"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  for P in 1 16; do
    for target in direct twemproxy dynoj; do
      load "${PORT[$target]}" "$N" "$P" | sed "s/^RESULT /round=$round target=$target /" | tee -a "$RESULTS"
    done
  done
done
rss() { awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' "/proc/$1/status"; }
echo "RSS after the run: twemproxy $(rss $TWEM_PID), dynoj $(rss $DYN_PID)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$RESULTS" "$OUT" <<'PY'
import sys, statistics, collections
rows = [dict(kv.split("=", 1) for kv in line.split()) for line in open(sys.argv[1]) if line.strip()]
base = {(r["round"], r["P"], r["test"]): float(r["rps"]) for r in rows if r["target"] == "direct"}
agg = collections.defaultdict(list)
for r in rows:
    agg[(r["target"], r["P"], r["test"])].append((float(r["rps"]), float(r["rps"]) / base[(r["round"], r["P"], r["test"])],
                                                  float(r["p50_ms"]), float(r["p99_ms"]), int(r["errors"])))
lines = ["| target | P | test | req/s (median) | x direct (median) | p50 ms | p99 ms | errors |", "|---|---:|---|---:|---:|---:|---:|---:|"]
for target in ("direct", "twemproxy", "dynoj"):
    for P in ("1", "16"):
        for test in ("set", "get"):
            v = agg[(target, P, test)]
            med = lambda i: statistics.median(x[i] for x in v)
            lines.append(f"| {target} | {P} | {test} | {med(0):.0f} | {med(1):.2f} | {med(2):.3f} | {med(3):.3f} | {sum(x[4] for x in v)} |")
print("\n".join(lines))
if sys.argv[2]:
    open(sys.argv[2], "w").write("\n".join(lines) + "\n")
errors = sum(int(r["errors"]) for r in rows)
sys.exit(1 if errors else 0)
PY
