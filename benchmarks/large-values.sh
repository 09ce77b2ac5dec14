#!/usr/bin/env bash
# large-values.sh: what one large value costs through a Dynoj node, next to a redis-server (issue 18).
#
# What it measures: one SET then one GET of a random value of each size in SIZES (MB), from a small
# raw-socket client (python3, one connection; the GET reply is checked byte for byte), against:
#   direct    a redis-server, no proxy
#   leveldb   a Dynoj node on its embedded LevelDB store (the default a new user runs)
#   redis     a Dynoj node in front of its own redis-server
#   cluster   node 1 of 3 racks x 1 node, each on its embedded store, write and read consistency
#             DC_QUORUM: a SET returns once two racks stored it, so the value crosses the peer link
#             (CLUSTER=1; after each SET+GET the value is also read back from node 3, untimed)
#             On a heavily loaded machine (load 40 on 2 cores) a node receiving a 16 MB peer frame answered
#             no ping for 3 s and was judged DOWN, failing the SET: the script then stops and says so
#   leveldb-base  with BASELINE_DIST=DIR: a node of that (older) distribution on its embedded store
# Targets are interleaved (per round and size: direct, then the nodes) so drifting load hits them
# alike. It prints every run, then per size and target the median SET, GET and SET+GET seconds over
# ROUNDS, the median ratio of SET+GET to direct in the same round, and each node's peak resident
# memory while that size was handled (VmHWM, reset before each size), next to its RSS at start.
#
# Environment:
#   SIZES="1 16 64"   value sizes in MB (200 works; a node needs DYNOJ_DIRECT_MEMORY above 2x the value)
#   ROUNDS=3          interleaved rounds
#   CLUSTER=0         1: also the 3-rack cluster
#   DYNOJ_DIST=DIR    the unpacked distribution (default distribution/target/dynoj-0.1.0-SNAPSHOT,
#                     built first if missing)
#   BASELINE_DIST=DIR also measure that distribution's embedded node (leveldb-base)
#   (DYNOJ_HEAP, DYNOJ_DIRECT_MEMORY, JAVA_OPTS are passed on to bin/dynoj)
#
# Numbers are meaningful as ratios within one run: the client, the nodes and redis-servers share the
# machine's cores. Needs redis-server, redis-cli and python3.
set -euo pipefail

read -ra SIZES <<<"${SIZES:-1 16 64}"
ROUNDS="${ROUNDS:-3}"
CLUSTER="${CLUSTER:-0}"
BASELINE_DIST="${BASELINE_DIST:-}"
export PATH="$PATH:/usr/sbin:/sbin"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
DIST="${DYNOJ_DIST:-$REPO_ROOT/distribution/target/dynoj-0.1.0-SNAPSHOT}"

for tool in redis-server redis-cli python3; do
  command -v "$tool" >/dev/null || { echo "large-values: $tool not found" >&2; exit 1; }
done
if [[ ! -x "$DIST/bin/dynoj" ]]; then
  [[ -n ${DYNOJ_DIST:-} ]] && { echo "large-values: no bin/dynoj in DYNOJ_DIST=$DIST" >&2; exit 1; }
  echo "large-values: no distribution at $DIST, building it" >&2
  (cd "$REPO_ROOT" && ./mvnw -q -pl distribution -am package -Dmaven.test.skip=true)
fi
if [[ -n $BASELINE_DIST && ! -x "$BASELINE_DIST/bin/dynoj" ]]; then
  echo "large-values: no bin/dynoj in BASELINE_DIST=$BASELINE_DIST" >&2
  exit 1
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dynoj-large.XXXXXX")"
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
  if [[ $status -ne 0 ]]; then echo "large-values: failed (status $status); logs in $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_ports() { # count -> that many free loopback ports below the ephemeral range
  python3 - "$1" <<'EOF'
import random, socket, sys
low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
socks, port = [], random.randrange(10000, low - 2000)
while len(socks) < int(sys.argv[1]) and port < low:
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port)); socks.append(s)
    except OSError:
        s.close()
    port += 1
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}

# The client: SET then GET of the value in a file; prints "set-seconds get-seconds".
cat >"$WORK/client.py" <<'EOF'
import socket, sys, time
port, key, path = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]
value = open(path, "rb").read()
s = socket.create_connection(("127.0.0.1", port))
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
f = s.makefile("rb", buffering=1 << 20)
def line():
    l = f.readline()
    if not l.endswith(b"\r\n"):
        sys.exit("connection closed: %r" % l[:80])
    return l[:-2]
t0 = time.perf_counter()
s.sendall(b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n" % (len(key), key, len(value)))
s.sendall(value)
s.sendall(b"\r\n")
reply = line()
t1 = time.perf_counter()
if reply != b"+OK":
    sys.exit("SET answered %r" % reply[:200])
s.sendall(b"*2\r\n$3\r\nGET\r\n$%d\r\n%s\r\n" % (len(key), key))
header = line()
if not header.startswith(b"$"):
    sys.exit("GET answered %r" % header[:200])
n = int(header[1:])
buf = bytearray(n + 2)
view, got = memoryview(buf), 0
while got < n + 2:
    k = f.readinto(view[got:])
    if not k:
        sys.exit("connection closed during the GET reply")
    got += k
t2 = time.perf_counter()
if n != len(value) or view[:n] != value:
    sys.exit("GET returned other bytes than were SET")
print("%.4f %.4f" % (t1 - t0, t2 - t1))
EOF

wait_ping() { # port what pid
  for _ in $(seq 600); do
    [[ "$(redis-cli -p "$1" ping 2>/dev/null || true)" == PONG ]] && return 0
    kill -0 "$3" 2>/dev/null || { echo "large-values: $2 exited during start-up (logs in $WORK)" >&2; return 1; }
    sleep 0.1
  done
  echo "large-values: $2 did not answer PING on port $1" >&2
  return 1
}
start_redis() { # port name -> sets STARTED
  redis-server --port "$1" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" --logfile "$WORK/$2.log" &
  STARTED=$!; PIDS+=("$STARTED")
  wait_ping "$1" "redis-server ($2)" "$STARTED"
}
start_node() { # name dist yaml-file client-port -> sets STARTED; bin/dynoj execs java, so $! is the JVM
  DYNOJ_LOG_DIR="$WORK/$1-logs" "$2/bin/dynoj" -c "$3" >"$WORK/$1.out" 2>&1 &
  STARTED=$!; PIDS+=("$STARTED")
}
embedded_yaml() { # name client-port stats-port [peer-port rack seeds level]
  echo "dyn_o_mite:"
  echo "  listen: 127.0.0.1:$2"
  echo "  stats_listen: 127.0.0.1:$3"
  echo "  data_store: 0"
  echo "  datastore: leveldb"
  echo "  data_dir: $WORK/$1-data"
  echo "  tokens: '0'"
  if [[ $# -gt 3 ]]; then
    echo "  dyn_listen: 127.0.0.1:$4"
    echo "  datacenter: dc1"
    echo "  rack: $5"
    echo "  dyn_seeds:"
    for seed in $6; do echo "  - $seed"; done
    echo "  read_consistency: $7"
    echo "  write_consistency: $7"
  fi
}

read -r P_DIRECT P_BACK P_REDIS P_REDIS_S P_LDB P_LDB_S P_BASE P_BASE_S C1 C1S C1P C2 C2S C2P C3 C3S C3P \
  <<<"$(free_ports 17)"
declare -A PORT PID
TARGETS=(direct leveldb redis)
start_redis "$P_DIRECT" direct; PORT[direct]=$P_DIRECT
start_redis "$P_BACK" redis-behind
embedded_yaml leveldb "$P_LDB" "$P_LDB_S" >"$WORK/leveldb.yml"
start_node leveldb "$DIST" "$WORK/leveldb.yml"; PORT[leveldb]=$P_LDB; PID[leveldb]=$STARTED
printf 'dyn_o_mite:\n  listen: 127.0.0.1:%s\n  stats_listen: 127.0.0.1:%s\n  data_store: 0\n  servers:\n  - 127.0.0.1:%s:1\n  tokens: %s\n' \
  "$P_REDIS" "$P_REDIS_S" "$P_BACK" "'0'" >"$WORK/redis.yml"
start_node redis "$DIST" "$WORK/redis.yml"; PORT[redis]=$P_REDIS; PID[redis]=$STARTED
if [[ -n $BASELINE_DIST ]]; then
  TARGETS+=(leveldb-base)
  embedded_yaml leveldb-base "$P_BASE" "$P_BASE_S" >"$WORK/leveldb-base.yml"
  start_node leveldb-base "$BASELINE_DIST" "$WORK/leveldb-base.yml"; PORT[leveldb-base]=$P_BASE; PID[leveldb-base]=$STARTED
fi
if [[ $CLUSTER == 1 ]]; then
  TARGETS+=(cluster)
  i=0
  for n in "1 $C1 $C1S $C1P" "2 $C2 $C2S $C2P" "3 $C3 $C3S $C3P"; do
    read -r k cp sp pp <<<"$n"
    seeds=""
    for m in "1 $C1P" "2 $C2P" "3 $C3P"; do
      read -r j jp <<<"$m"; [[ $j != "$k" ]] && seeds+=" 127.0.0.1:$jp:r$j:dc1:0"
    done
    embedded_yaml "cluster-n$k" "$cp" "$sp" "$pp" "r$k" "$seeds" DC_QUORUM >"$WORK/cluster-n$k.yml"
    start_node "cluster-n$k" "$DIST" "$WORK/cluster-n$k.yml"; PID[cluster-n$k]=$STARTED
  done
  PORT[cluster]=$C1; PID[cluster]=${PID[cluster-n1]}
fi
NODES=()
for name in "${!PID[@]}"; do [[ $name != cluster ]] && NODES+=("$name"); done
for name in "${NODES[@]}"; do
  port=${PORT[$name]:-}
  [[ $name == cluster-n2 ]] && port=$C2
  [[ $name == cluster-n3 ]] && port=$C3
  [[ $name == cluster-n1 ]] && port=$C1
  wait_ping "$port" "$name" "${PID[$name]}"
done
if [[ $CLUSTER == 1 ]]; then # a SET at DC_QUORUM needs a peer: wait until one answers through node 1
  for _ in $(seq 300); do
    [[ "$(redis-cli -p "$C1" set lv:probe x 2>/dev/null || true)" == OK ]] && break
    sleep 0.1
  done
fi

status_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
declare -A START_RSS
for name in "${NODES[@]}"; do START_RSS[$name]=$(status_kb "${PID[$name]}" VmRSS); done

RESULTS="$WORK/results"  # round size target set get
declare -A PEAK          # "size,node" -> highest VmHWM (kB) seen
echo "large-values: targets ${TARGETS[*]}, sizes ${SIZES[*]} MB, $ROUNDS rounds; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for size in "${SIZES[@]}"; do
  head -c $((size * 1024 * 1024)) /dev/urandom >"$WORK/value-$size"
done
for round in $(seq "$ROUNDS"); do
  for size in "${SIZES[@]}"; do
    for name in "${NODES[@]}"; do echo 5 >"/proc/${PID[$name]}/clear_refs" 2>/dev/null || true; done
    for target in "${TARGETS[@]}"; do
      read -r set get < <(python3 "$WORK/client.py" "${PORT[$target]}" "lv:$size" "$WORK/value-$size")
      echo "$round $size $target $set $get" | tee -a "$RESULTS" >&2
      if [[ $target == cluster ]]; then # the replica in rack 3 holds the same bytes
        [[ "$(redis-cli -p "$C3" --raw strlen "lv:$size")" == $((size * 1024 * 1024)) ]] \
          || { echo "large-values: node 3 does not hold the $size MB value" >&2; exit 1; }
      fi
    done
    for name in "${NODES[@]}"; do
      hwm=$(status_kb "${PID[$name]}" VmHWM)
      (( hwm > ${PEAK[$size,$name]:-0} )) && PEAK[$size,$name]=$hwm
    done
  done
done

echo
echo "| size | target | SET s | GET s | SET+GET s | x direct | peak RSS MB (at start) |"
echo "|---:|---|---:|---:|---:|---:|---:|"
for size in "${SIZES[@]}"; do
  for target in "${TARGETS[@]}"; do
    node=$target; [[ $target == cluster ]] && node=cluster-n1
    peak="-"
    [[ $target != direct ]] && peak="$(( ${PEAK[$size,$node]} / 1024 )) ($(( ${START_RSS[$node]} / 1024 )))"
    python3 - "$RESULTS" "$size" "$target" "$peak" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
size, target, peak = sys.argv[2], sys.argv[3], sys.argv[4]
def runs(t):
    return {r[0]: (float(r[3]), float(r[4])) for r in rows if r[1] == size and r[2] == t}
mine, direct = runs(target), runs("direct")
med = lambda xs: statistics.median(xs)
ratio = med([(s + g) / sum(direct[k]) for k, (s, g) in mine.items()])
print("| %s MB | %s | %.3f | %.3f | %.3f | %.2f | %s |" % (size, target, med([v[0] for v in mine.values()]),
      med([v[1] for v in mine.values()]), med([sum(v) for v in mine.values()]), ratio, peak))
EOF
  done
done
if [[ $CLUSTER == 1 ]]; then
  echo
  for k in 2 3; do
    echo "cluster node $k peak RSS MB per size: $(for s in "${SIZES[@]}"; do echo -n "$s MB: $(( ${PEAK[$s,cluster-n$k]} / 1024 )) "; done)"
  done
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
