#!/usr/bin/env bash
# metrics-overhead.sh: what per-command timing (the client.command.<name> timers behind /info and
# /metrics) costs a node, end to end.
#
# Two Dynoj nodes run side by side, each in front of its own redis-server, both from the same
# distribution and config (io_threads 1): "on" as shipped, "off" started with
# -Ddynoj.metrics.commands=false. Each is warmed up (WARMUP requests at P16), then per round and
# pipeline depth (1 and 16) redis-benchmark runs SET and GET (64-byte values, 100000 random keys, 50
# clients) against one, then the other (who goes first alternates). Measured per run: the node
# process's CPU time (utime+stime of the JVM, all threads, from /proc/PID/stat) per request, and the
# requests/s redis-benchmark reports.
#
# It prints every run, then per pipeline depth the median over rounds of each figure and the ratio
# on/off. CPU per request is the figure to read: on a shared, loaded machine requests/s mostly
# measure the other load, while CPU time is what the node itself spent.
#
# Environment:
#   ROUNDS=5        interleaved rounds (medians over them)
#   N1=200000       requests per redis-benchmark test at P1
#   N16=1000000     requests per redis-benchmark test at P16 (more: CPU time is counted in 10 ms ticks)
#   WARMUP=500000   requests of the unreported warm-up run of each node
#   DYNOJ_DIST=DIR  the unpacked distribution (default distribution/target/dynoj-0.1.0-SNAPSHOT; build it
#                   with ./mvnw -pl distribution -am package -DskipTests)
#
# Needs redis-server, redis-benchmark, redis-cli and python3 on PATH (or /usr/sbin).
set -euo pipefail

ROUNDS="${ROUNDS:-5}"
N1="${N1:-200000}"
N16="${N16:-1000000}"
WARMUP="${WARMUP:-500000}"
export PATH="$PATH:/usr/sbin:/sbin"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
DIST="${DYNOJ_DIST:-$REPO_ROOT/distribution/target/dynoj-0.1.0-SNAPSHOT}"
for tool in redis-server redis-benchmark redis-cli python3; do
  command -v "$tool" >/dev/null || { echo "metrics-overhead: $tool not found" >&2; exit 1; }
done
[[ -x "$DIST/bin/dynoj" ]] || { echo "metrics-overhead: no bin/dynoj in $DIST (see DYNOJ_DIST)" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dynoj-metrics-overhead.XXXXXX")"
# a copy, so a rebuild during the run does not change what runs
cp -r "$DIST" "$WORK/dist"
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
  if [[ $status -ne 0 ]]; then echo "metrics-overhead: failed (status $status); logs in $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

read -r P_REDIS_ON P_REDIS_OFF P_ON P_OFF P_STATS_ON P_STATS_OFF <<<"$(python3 - <<'EOF'
import socket
socks = []
for _ in range(6):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
)"

wait_ping() { # port what pid
  for _ in $(seq 300); do
    [[ "$(redis-cli -p "$1" ping 2>/dev/null || true)" == "PONG" ]] && return 0
    kill -0 "$3" 2>/dev/null || { echo "metrics-overhead: $2 exited during start-up" >&2; return 1; }
    sleep 0.1
  done
  echo "metrics-overhead: $2 did not answer on port $1" >&2
  return 1
}

start_redis() { # port name
  redis-server --port "$1" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" --logfile "$WORK/$2.log" &
  PIDS+=($!)
  wait_ping "$1" "$2" $!
}

start_node() { # name client-port stats-port redis-port java-opts -> sets NODE_PID
  cat >"$WORK/$1.yml" <<EOF
dyn_o_mite:
  listen: 127.0.0.1:$2
  stats_listen: 127.0.0.1:$3
  data_store: 0
  servers:
  - 127.0.0.1:$4:1
  tokens: '0'
  io_threads: 1
  datastore_connections: 1
EOF
  # bin/dynoj execs java, so $! is the JVM's pid
  JAVA_OPTS="$5" DYNOJ_LOG_DIR="$WORK/$1-logs" "$WORK/dist/bin/dynoj" -c "$WORK/$1.yml" >"$WORK/$1.out" 2>&1 &
  NODE_PID=$!
  PIDS+=("$NODE_PID")
  wait_ping "$2" "node $1" "$NODE_PID"
}

start_redis "$P_REDIS_ON" redis-on
start_redis "$P_REDIS_OFF" redis-off
start_node on "$P_ON" "$P_STATS_ON" "$P_REDIS_ON" ""
PID_ON=$NODE_PID
start_node off "$P_OFF" "$P_STATS_OFF" "$P_REDIS_OFF" "-Ddynoj.metrics.commands=false"
PID_OFF=$NODE_PID

cpu_ticks() { # pid -> utime+stime in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}
HZ="$(getconf CLK_TCK)"

bench() { # port P N -> "rps_set rps_get"
  redis-benchmark -p "$1" -P "$2" -n "$3" -c 50 -r 100000 -d 64 -t set,get -q 2>/dev/null |
    tr '\r' '\n' | awk '/requests per second/ {for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) {printf "%s ", $i; break}}'
}

for port in "$P_ON" "$P_OFF"; do bench "$port" 16 "$WARMUP" >/dev/null; done

RESULTS="$WORK/results.tsv" # variant P round cpu_us_per_request rps_set rps_get
: >"$RESULTS"
echo "variant P round cpu_us/req SET/s GET/s"
for round in $(seq "$ROUNDS"); do
  for p in 1 16; do
    n=$([[ $p == 1 ]] && echo "$N1" || echo "$N16")
    order=(on off); (( (round + p) % 2 == 0 )) && order=(off on)
    for variant in "${order[@]}"; do
      if [[ $variant == on ]]; then pid=$PID_ON port=$P_ON; else pid=$PID_OFF port=$P_OFF; fi
      before=$(cpu_ticks "$pid")
      read -r rps_set rps_get <<<"$(bench "$port" "$p" "$n")"
      after=$(cpu_ticks "$pid")
      cpu=$(python3 -c "print(f'{($after - $before) * 1e6 / $HZ / (2 * $n):.3f}')")
      echo "$variant $p $round $cpu $rps_set $rps_get" | tee -a "$RESULTS"
    done
  done
done

# the "on" node did time the commands, the "off" node did not
on_get=$(curl -s "http://127.0.0.1:$P_STATS_ON/info" | python3 -c 'import json,sys; print(json.load(sys.stdin)["commands"]["get"]["count"])')
off_cmds=$(curl -s "http://127.0.0.1:$P_STATS_OFF/info" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["commands"]))')
echo "check: node 'on' timed $on_get GETs; node 'off' timed $off_cmds commands"
[[ "$on_get" -gt 0 && "$off_cmds" == 0 ]] || { echo "metrics-overhead: the switch did not work" >&2; exit 1; }

python3 - "$RESULTS" <<'EOF'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
print("\nmedians over rounds (ratio = on / off; CPU: lower is better, requests/s: higher is better)")
print("P   cpu_us/req on   off    ratio | SET/s on   off   ratio | GET/s on   off   ratio")
for p in ("1", "16"):
    def med(variant, col):
        return statistics.median(float(r[col]) for r in rows if r[0] == variant and r[1] == p)
    cells = []
    for col in (3, 4, 5):
        on, off = med("on", col), med("off", col)
        cells.append(f"{on:10.3f} {off:8.3f} {on / off:6.3f}")
    print(f"{p:<3} " + " | ".join(cells))
EOF
