#!/usr/bin/env bash
# client-bench.sh: the Java client benchmark (issue 17, "Speed").
#
# What it measures, in one run, with the same load (ClientLoad: THREADS threads sharing one client, GET
# (READS percent of operations) and SET, random keys below KEYS, 64-byte values, one operation at a time
# per thread):
#   direct         plain Jedis (RedisClient, its pooled client) to a redis-server, no Dynoj
#   jedis-node     plain Jedis to node 0 of a Dynoj cluster, which forwards each key to its owner
#   dynoj-client   the DynojClient (client module) on the same cluster: each key straight to its owner
# The cluster is `bin/dynoj local-cluster --racks 3 --nodes-per-rack 2 --datastore redis --consistency
# DC_ONE`: six nodes in one JVM, each in front of its own redis-server. Targets are run interleaved, ROUNDS
# times; the summary gives the median over rounds, the ratio to direct, and the share of operations that
# needed a server-side hop (router.forwarded minus router.replicated over every node's /metrics/json).
#
# Figures are only meaningful as RATIOS measured in the same run: the client, the six nodes and seven
# redis-servers share the machine, so absolute operations per second say more about the machine than
# about Dynoj.
#
# Environment: SECONDS_PER_RUN=10 THREADS=16 ROUNDS=2 KEYS=100000 READS=50 BASE_PORT=19100
#   DYNOJ_DIST=DIR (default distribution/target/dynoj-0.1.0-SNAPSHOT, built if missing)
# Needs redis-server and java; builds benchmarks/target/benchmarks.jar if missing.
set -euo pipefail

SECONDS_PER_RUN="${SECONDS_PER_RUN:-10}"
THREADS="${THREADS:-16}"
ROUNDS="${ROUNDS:-2}"
KEYS="${KEYS:-100000}"
READS="${READS:-50}"
BASE_PORT="${BASE_PORT:-19100}"
export PATH="$PATH:/usr/sbin:/sbin"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
DIST="${DYNOJ_DIST:-$REPO_ROOT/distribution/target/dynoj-0.1.0-SNAPSHOT}"
JAR="$SCRIPT_DIR/target/benchmarks.jar"

command -v redis-server >/dev/null || { echo "client-bench: redis-server not found" >&2; exit 1; }
if [[ ! -x "$DIST/bin/dynoj" ]]; then
  (cd "$REPO_ROOT" && ./mvnw -q -pl distribution -am package -Dmaven.test.skip=true)
fi
if [[ ! -f "$JAR" ]]; then
  (cd "$REPO_ROOT" && ./mvnw -q -pl benchmarks -am package -Dmaven.test.skip=true)
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dynoj-client-bench.XXXXXX")"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

wait_port() { # port: until something answers PING there (60 s at most)
  for _ in $(seq 600); do
    redis-cli -p "$1" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "client-bench: nothing answers on port $1" >&2; exit 1
}

DIRECT_PORT=$((BASE_PORT + 400))
redis-server --port "$DIRECT_PORT" --save '' --appendonly no --dir "$WORK" >"$WORK/direct.log" 2>&1 &
PIDS+=($!)
DYNOJ_HEAP="${DYNOJ_HEAP:-1g}" "$DIST/bin/dynoj" local-cluster --racks 3 --nodes-per-rack 2 --datastore redis \
  --consistency DC_ONE --base-port "$BASE_PORT" --dir "$WORK/cluster" >"$WORK/cluster.log" 2>&1 &
PIDS+=($!)
wait_port "$DIRECT_PORT"
for k in 0 1 2 3 4 5; do wait_port $((BASE_PORT + k)); done

java -cp "$JAR" io.dynoj.benchmarks.ClientLoad --direct "127.0.0.1:$DIRECT_PORT" --local-cluster "$BASE_PORT" \
  --nodes 6 --rack rack1 --seconds "$SECONDS_PER_RUN" --threads "$THREADS" --rounds "$ROUNDS" --keys "$KEYS" --reads "$READS"
