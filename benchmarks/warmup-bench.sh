#!/usr/bin/env bash
# warmup-bench.sh: how fast a node that lost its data warms up, and what it costs the source's clients.
#
# Three Dynoj nodes (3 racks x 1 node, embedded LevelDB, io_threads 1) from the distribution, on loopback.
# KEYS keys are written through rack 1 (100-byte strings named k:%012d, the names redis-benchmark's
# __rand_int__ gives, so its GETs hit). Then, interleaved:
#   - "without": redis-benchmark GETs against rack 1 (the source), short runs of RUN_N requests at 20
#     clients, for about as long as a warm-up takes;
#   - "during": rack 3 stopped, its data directory deleted, restarted: it warms up from rack 1 while the
#     same short redis-benchmark runs hit rack 1 until the warm-up is DONE.
# Printed per round: the warm-up's keys/s, MB/s and duration (from GET /warmup), and the source's GET
# p50/p99 latency and requests/s without and during (medians over the short runs).
#
# Environment:
#   KEYS=200000      keys loaded
#   ROUNDS=2         interleaved rounds
#   RATE=0           warmup_rate of rack 3 (keys/s; 0: no limit)
#   RUN_N=20000      requests per short redis-benchmark run
#   BASE=19100       ports: clients BASE+k*10+2, peers BASE+k*10+1, admin BASE+k*10+5 (k = 0, 1, 2)
#   DYNOJ_DIST=DIR   the unpacked distribution (default distribution/target/dynoj-0.1.0-SNAPSHOT)
# Needs redis-benchmark, redis-cli, curl and python3.
set -euo pipefail

KEYS="${KEYS:-200000}"
ROUNDS="${ROUNDS:-2}"
RATE="${RATE:-0}"
RUN_N="${RUN_N:-20000}"
BASE="${BASE:-19100}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
DIST="${DYNOJ_DIST:-$REPO_ROOT/distribution/target/dynoj-0.1.0-SNAPSHOT}"
for tool in redis-benchmark redis-cli curl python3; do
  command -v "$tool" >/dev/null || { echo "warmup-bench: $tool not found" >&2; exit 1; }
done
[[ -x "$DIST/bin/dynoj" ]] || { echo "warmup-bench: no bin/dynoj in $DIST (see DYNOJ_DIST)" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dynoj-warmup-bench.XXXXXX")"
cp -r "$DIST" "$WORK/dist"
declare -A PID
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for k in "${!PID[@]}"; do kill "${PID[$k]}" 2>/dev/null || true; done
  for k in "${!PID[@]}"; do wait "${PID[$k]}" 2>/dev/null || true; done
  if [[ $status -ne 0 || -n "${KEEP:-}" ]]; then echo "warmup-bench: status $status; logs in $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

client() { echo $((BASE + $1 * 10 + 2)); }
peer() { echo $((BASE + $1 * 10 + 1)); }
admin() { echo $((BASE + $1 * 10 + 5)); }

for k in 0 1 2; do
  seeds=""
  for j in 0 1 2; do
    [[ $j == "$k" ]] || seeds+="  - 127.0.0.1:$(peer $j):rack$((j + 1)):dc1:0"$'\n'
  done
  cat > "$WORK/rack$k.yml" <<YML
bench:
  listen: 127.0.0.1:$(client $k)
  dyn_listen: 127.0.0.1:$(peer $k)
  stats_listen: 127.0.0.1:$(admin $k)
  datacenter: dc1
  rack: rack$((k + 1))
  tokens: '0'
  dyn_seeds:
$seeds  data_store: redis
  datastore: leveldb
  data_dir: $WORK/data$k
  io_threads: 1
  read_consistency: DC_ONE
  write_consistency: DC_ONE
  warmup_rate: $RATE
YML
done

start() {
  DYNOJ_HEAP=512m DYNOJ_LOG_DIR="$WORK/logs$1" "$WORK/dist/bin/dynoj" -c "$WORK/rack$1.yml" >"$WORK/node$1.out" 2>&1 &
  PID[$1]=$!
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$(admin "$1")/ping" >/dev/null && return; sleep 0.2; done
  echo "warmup-bench: node $1 did not start" >&2; exit 1
}
start 0; start 1; start 2

python3 - "$KEYS" > "$WORK/load.resp" <<'PY'
import sys
n = int(sys.argv[1])
out = sys.stdout.buffer
def cmd(*args):
    out.write(b"*%d\r\n" % len(args))
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        out.write(b"$%d\r\n%s\r\n" % (len(a), a))
for i in range(n):
    cmd("SET", "k:%012d" % i, ("v%d-" % i).ljust(100, "x"))
PY
redis-cli -p "$(client 0)" --pipe < "$WORK/load.resp" >/dev/null || echo "warmup-bench: some loading writes failed" >&2
sleep 5 # the other racks' copies (DC_ONE answers after the first)

# One short GET run against the source: "p50 p99 rps" from redis-benchmark's CSV.
bench_once() {
  redis-benchmark -p "$(client 0)" -n "$RUN_N" -c 20 -r "$KEYS" --csv GET 'k:__rand_int__' 2>>"$WORK/bench.err" | python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
h, v = rows[0], rows[1]
print(v[h.index("p50_latency_ms")], v[h.index("p99_latency_ms")], v[h.index("rps")])'
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
summary() { # file -> "p50 p99 rps" medians
  echo "$(cut -d' ' -f1 "$1" | median) $(cut -d' ' -f2 "$1" | median) $(cut -d' ' -f3 "$1" | median)"
}
warmup_field() { curl -s "http://127.0.0.1:$(admin 2)/warmup" | python3 -c "import json,sys; print(json.load(sys.stdin).get('$1', ''))"; }

echo "KEYS=$KEYS RATE=$RATE RUN_N=$RUN_N; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  : > "$WORK/during"; : > "$WORK/without"
  kill "${PID[2]}"; wait "${PID[2]}" 2>/dev/null || true
  rm -rf "$WORK/data2"
  start 2
  while [[ "$(warmup_field state)" =~ ^(WARMING|RESUMING)$ ]]; do bench_once >> "$WORK/during"; done
  state="$(warmup_field state)"; secs="$(warmup_field elapsed_seconds)"
  kps="$(warmup_field keys_per_second)"; bps="$(warmup_field bytes_per_second)"; copied="$(warmup_field keys_copied)"
  runs=$(wc -l < "$WORK/during")
  for _ in $(seq "$((runs > 0 ? runs : 1))"); do bench_once >> "$WORK/without"; done
  printf 'round %d: warm-up %s in %s s: %s keys, %s keys/s, %s MB/s; source GET p50/p99 ms, rps: without %s | during %s (%d runs each); load %s\n' \
    "$round" "$state" "$secs" "$copied" "$kps" "$(python3 -c "print(round(${bps:-0} / 1048576, 2))")" \
    "$(summary "$WORK/without")" "$(summary "$WORK/during")" "$runs" "$(cut -d' ' -f1 /proc/loadavg)"
done
