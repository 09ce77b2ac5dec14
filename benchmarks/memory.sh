#!/usr/bin/env bash
# memory.sh: a Dynoj node's resident memory (RSS) with the launcher's default settings.
#
# For each distribution measured (DYNOJ_DIST, then BASELINE_DIST if set), one node started by its own
# bin/dynoj with no memory settings of ours (DYNOJ_HEAP and DYNOJ_DIRECT_MEMORY unset unless you set
# them), on the embedded LevelDB store (STORE=leveldb, the default configuration's shape) or in front
# of a redis-server started here (STORE=redis), then:
#   1. idle        RSS once it answers PING
#   2. benchmark   redis-benchmark -t set,get -n N -c 50 -r 100000 -d 64 -P 16; RSS after it, and the
#                  process's peak (VmHWM) so far
#   3. idle conns  CONNS client connections opened (each sends one PING and reads its PONG, then stays
#                  open and silent); RSS once all are open, minus RSS before: what they cost. Closed after.
#   4. mixed load  for MIXED_SECONDS: two redis-benchmark loops at once, P16 SET/GET/INCR/MSET with 64-byte
#                  values over 100000 keys and P1 SET/GET with 512-byte values over 1000000 keys; RSS
#                  sampled every 10 s, and RSS at the end over RSS after the first 60 s ("growth")
# RSS is VmRSS of /proc/PID/status (RssAnon: heap, direct buffers, metaspace, thread stacks, malloc;
# RssFile: mapped jars, the CDS archive, LevelDB's files). bin/dynoj execs java, so its pid is the JVM's.
#
# Environment:
#   STORE=leveldb       leveldb or redis
#   N=1000000           requests per redis-benchmark test in step 2
#   CONNS=10000         idle connections in step 3 (the script raises its open-files limit to CONNS + 1000;
#                       the hard limit must allow it)
#   MIXED_SECONDS=120   step 4's length; the issue's "10-minute mixed load" is MIXED_SECONDS=600
#   DYNOJ_DIST=DIR      the distribution (default distribution/target/dynoj-0.1.0-SNAPSHOT)
#   BASELINE_DIST=DIR   also measure this one, the same way, after the first
#   OUT=FILE            also write the summary as markdown to FILE
#   (DYNOJ_HEAP, DYNOJ_DIRECT_MEMORY, DYNOJ_GC, JAVA_OPTS are passed on to bin/dynoj)
#
# Needs redis-benchmark, redis-cli, python3 (and redis-server with STORE=redis). The load shares the
# machine with the node: the figures are memory, not speed.
set -euo pipefail

STORE="${STORE:-leveldb}"
N="${N:-1000000}"
CONNS="${CONNS:-10000}"
MIXED_SECONDS="${MIXED_SECONDS:-120}"
OUT="${OUT:-}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
DISTS=("$(cd "${DYNOJ_DIST:-$REPO_ROOT/distribution/target/dynoj-0.1.0-SNAPSHOT}" && pwd)")
[[ -n ${BASELINE_DIST:-} ]] && DISTS+=("$(cd "$BASELINE_DIST" && pwd)")
export PATH="$PATH:/usr/sbin:/sbin"
for tool in redis-benchmark redis-cli python3; do
  command -v "$tool" >/dev/null || { echo "memory: $tool not found" >&2; exit 1; }
done
for d in "${DISTS[@]}"; do [[ -x "$d/bin/dynoj" ]] || { echo "memory: no bin/dynoj in $d" >&2; exit 1; }; done
ulimit -n $((CONNS + 1000))

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dynoj-memory.XXXXXX")"
PIDS=()
stop_pid() {
  kill "$1" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  if [[ $status -ne 0 ]]; then echo "memory: failed (status $status); logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
wait_ping() { # port pid
  for _ in $(seq 600); do
    [[ "$(redis-cli -p "$1" ping 2>/dev/null || true)" == PONG ]] && return 0
    kill -0 "$2" 2>/dev/null || { echo "memory: process $2 exited (logs in $WORK)" >&2; return 1; }
    sleep 0.1
  done
  echo "memory: nothing answered PING on $1 within 60 s" >&2; return 1
}
mib() { # pid field -> MiB
  awk -v f="$2:" '$1 == f { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# Opens CONNS connections, PINGs on each, prints "open" once all answered, keeps them until stdin closes.
cat >"$WORK/conns.py" <<'EOF'
import socket, sys
port, n, socks = int(sys.argv[1]), int(sys.argv[2]), []
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"*1\r\n$4\r\nPING\r\n")
    socks.append(s)
for s in socks:
    if not s.recv(16).startswith(b"+PONG"):
        sys.exit("memory: a connection got no PONG")
print("open", flush=True)
sys.stdin.read()
EOF

declare -A R
measure() { # dist label
  local dist=$1 label=$2 port admin pid rs=""
  port=$(free_port); admin=$(free_port)
  {
    echo "dyn_o_mite:"
    echo "  listen: 127.0.0.1:$port"
    echo "  stats_listen: 127.0.0.1:$admin"
    echo "  data_store: redis"
    if [[ $STORE == redis ]]; then
      rs=$(free_port)
      redis-server --port "$rs" --bind 127.0.0.1 --save "" --appendonly no --daemonize no --dir "$WORK" \
        --logfile "$WORK/redis-$label.log" & PIDS+=($!)
      wait_ping "$rs" $!
      echo "  servers:"
      echo "  - 127.0.0.1:$rs:1"
    else
      echo "  datastore: leveldb"
      echo "  data_dir: $WORK/data-$label"
    fi
    echo "  tokens: '0'"
  } >"$WORK/$label.yml"
  DYNOJ_LOG_DIR="$WORK/logs-$label" "$dist/bin/dynoj" -c "$WORK/$label.yml" >"$WORK/$label.out" 2>&1 &
  pid=$!; PIDS+=("$pid")
  wait_ping "$port" "$pid"
  R[$label,idle]=$(mib "$pid" VmRSS)
  echo "memory: $label pid $pid idle RSS ${R[$label,idle]} MiB; benchmark" >&2

  redis-benchmark -p "$port" -t set,get -n "$N" -c 50 -r 100000 -d 64 -P 16 --csv >"$WORK/bench-$label.csv"
  R[$label,bench]=$(mib "$pid" VmRSS); R[$label,hwm]=$(mib "$pid" VmHWM)
  R[$label,rate]=$(awk -F'"' '/^"(SET|GET)"/ { printf "%s%s %s", sep, $2, $4; sep=", " }' "$WORK/bench-$label.csv")
  echo "memory: $label after benchmark RSS ${R[$label,bench]} MiB (peak ${R[$label,hwm]}); $CONNS connections" >&2

  local before after
  before=$(mib "$pid" VmRSS)
  coproc CONNS_PROC { python3 "$WORK/conns.py" "$port" "$CONNS"; }
  local line; read -r line <&"${CONNS_PROC[0]}"
  [[ $line == open ]] || { echo "memory: the connections did not open" >&2; exit 1; }
  sleep 2   # not synchronisation: the RSS figure is taken after the node has settled
  after=$(mib "$pid" VmRSS)
  R[$label,conns]=$(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.1f", a - b }')
  R[$label,connsrss]=$after
  eval "exec ${CONNS_PROC[1]}>&-"
  wait "$CONNS_PROC_PID" 2>/dev/null || true
  echo "memory: $label $CONNS connections: RSS $before -> $after MiB; mixed load for $MIXED_SECONDS s" >&2

  timeout "$MIXED_SECONDS" redis-benchmark -p "$port" -t set,get,incr,mset -c 50 -r 100000 -d 64 -P 16 -l -q >/dev/null 2>&1 &
  local b1=$!
  timeout "$MIXED_SECONDS" redis-benchmark -p "$port" -t set,get -c 20 -r 1000000 -d 512 -P 1 -l -q >/dev/null 2>&1 &
  local b2=$! t=0 samples=""
  while ((t < MIXED_SECONDS)); do
    sleep 10; t=$((t + 10))
    samples+=" $(mib "$pid" VmRSS)"
    ((t == 60)) && R[$label,m1]=$(mib "$pid" VmRSS)
  done
  wait "$b1" "$b2" 2>/dev/null || true
  R[$label,mend]=$(mib "$pid" VmRSS); R[$label,samples]=$samples
  R[$label,anon]=$(mib "$pid" RssAnon); R[$label,file]=$(mib "$pid" RssFile)
  R[$label,hwmend]=$(mib "$pid" VmHWM)
  R[$label,flags]=$(tr '\0' ' ' <"/proc/$pid/cmdline" | grep -o -- '-X[^ ]*\|-XX:[^ ]*' | grep -v -- '-Xlog' | tr '\n' ' ')
  stop_pid "$pid"
}

echo "memory: $(uptime)" >&2
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
labels=()
for i in "${!DISTS[@]}"; do
  label=current; ((i == 1)) && label=baseline
  labels+=("$label")
  measure "${DISTS[$i]}" "$label"
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

{
  echo "RSS in MiB, STORE=$STORE, N=$N, CONNS=$CONNS, MIXED_SECONDS=$MIXED_SECONDS; load average before: $LOAD_BEFORE, after: $LOAD_AFTER"
  echo
  echo "| node | idle | after P16 benchmark | peak so far | + $CONNS idle conns | mixed 60 s | mixed end | end / 60 s | anon / file at end | peak at end | P16 req/s |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|"
  for l in "${labels[@]}"; do
    growth=$(awk -v a="${R[$l,mend]}" -v b="${R[$l,m1]:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }')
    echo "| $l | ${R[$l,idle]} | ${R[$l,bench]} | ${R[$l,hwm]} | ${R[$l,conns]} | ${R[$l,m1]:-n/a} | ${R[$l,mend]} | $growth | ${R[$l,anon]} / ${R[$l,file]} | ${R[$l,hwmend]} | ${R[$l,rate]} |"
  done
  echo
  for l in "${labels[@]}"; do
    echo "- $l: JVM flags \`${R[$l,flags]}\`; RSS every 10 s of the mixed load:${R[$l,samples]}"
  done
} | tee ${OUT:+"$OUT"}
