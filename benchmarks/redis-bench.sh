#!/usr/bin/env bash
# redis-bench.sh: Dynoj's end-to-end load benchmark.
#
# What it measures: redis-benchmark (SET and GET, 64-byte values, 100000 random keys, 50 clients,
# pipeline depth 1 and 16) against these targets, each with its own fresh redis-server(s):
#   direct             redis-server, no proxy
#   twemproxy          nutcracker (twemproxy 0.5.0, one server connection) in front of a redis-server
#   dynoj              a Dynoj node (this repo's distribution) alone in front of a redis-server
#   dynoj-leveldb      a Dynoj node alone on its embedded LevelDB store (no redis-server; EMBEDDED=1)
#   dynoj-mysql        a Dynoj node alone on the MySQL store, a MariaDB started here (MYSQL=1; MYSQL_N
#                      requests per test instead of N: a database round trip per request is slower)
#   cluster-dc_one     node 1 of a Dynoj cluster of one datacenter, 3 racks x 1 node (every node holds
#   cluster-dc_quorum  every key, each node has its own redis-server), load on node 1 only, with node 1's
#                      read_consistency and write_consistency at DC_ONE, resp. DC_QUORUM
# and, with BASELINE_DIST=DIR (an older distribution to compare with), the same measured side by side:
#   dynoj-base         a node of the baseline distribution alone in front of its own redis-server
#   dynoj-leveldb-base a node of the baseline distribution alone on its own embedded LevelDB (EMBEDDED=1)
#   cluster-base-dc_one, cluster-base-dc_quorum
#                      node 1 of a second, separate 3-rack cluster (CLUSTER=1), all three nodes from the
#                      baseline distribution, with its own three redis-servers: the peer protocol may
#                      differ between versions, so the two clusters never talk to each other
# The cluster is started once. Node 1 is restarted for every cluster measurement, on the same ports,
# at the level measured (nodes 2 and 3 keep running; they only serve node 1's peer requests), so both
# levels are measured on node-1 JVMs with the same history. A new node 1 is loaded only once it is
# connected to nodes 2 and 3 and they to it again (a write whose primary is another rack comes back to
# rack r1 over their link, and fails until it is up). Every node-1 JVM, and the single Dynoj
# node, is warmed up with one unreported run (WARMUP requests at P16) before it is measured: after
# 100000 the first measured run of a cluster node 1 was still at about half its later P16 speed,
# after 500000 it was not.
#
# Targets are run interleaved so drifting machine load hits all of them alike: per round and pipeline
# depth, direct, twemproxy, dynoj, then the cluster at both levels (which level goes first alternates
# from one pipeline depth to the next). It prints every run, then a summary with the MEDIAN over
# rounds of each figure (requests/s, p50, p99 and the ratio to direct redis of the same round and
# pipeline depth), then the RSS of the proxy processes and their CPU time per request (utime+stime
# over their measured runs; for the cluster also nodes 2 and 3 together, over the same runs).
#
# With a baseline, dynoj and dynoj-base swap places from one round to the next, and at each level
# both clusters are measured: current then baseline at the first level, baseline then current at the
# second (the other way round in even rounds). The baseline cluster's node 1 is restarted and warmed
# up for each measurement like the current one's, and gets the same checks. The summary adds, for P16
# SET and GET, current over baseline requests/s (the median over rounds of the ratio within a round)
# for dynoj and each cluster level.
#
# Checks (redis-benchmark ignores what the replies say): each redis-server behind a target got every
# SET and GET (INFO commandstats); and after every cluster run, once background replication settles
# (polled up to 10 s), the three cluster redis-servers hold the same number of keys (DBSIZE) and got
# the same number of SETs, i.e. no write was lost on the way to a rack. It exits 1 if a check fails.
#
# How long: with the default N=200000, about 2 minutes per round on a busy 2-core machine (start-up,
# the four node-1 restarts and warm-ups of a round included); ROUNDS=3 took about 7 minutes here. A
# baseline adds dynoj-base and four more node-1 restarts and warm-ups per round, which roughly doubles
# the cluster part: estimated 4 to 6 minutes per round (not timed at full size when this was written).
#
# Numbers are only meaningful as RATIOS to direct redis measured in the same round: on a 2-core
# shared, noisy machine the client (redis-benchmark), the proxies and redis-servers all compete for
# the same two cores, so absolute requests/s say more about the machine than about the proxy. The
# cluster is at a further disadvantage here: its three nodes and three redis-servers share those two
# cores, where a real deployment has one machine per node.
#
# Environment:
#   N=200000              requests per redis-benchmark test
#   WARMUP=500000         requests of the unreported warm-up run of each Dynoj JVM
#   ROUNDS=2              interleaved rounds; the summary reports the median over rounds
#   DYNOJ_IO_THREADS=0    io_threads of the single Dynoj node (0: the node's default, half the cores)
#   CLUSTER=1             0: leave the cluster out (direct, twemproxy and dynoj only)
#   EMBEDDED=1            0: leave out the node on embedded LevelDB (dynoj-leveldb)
#   LEVELDB_SYNC=none     the embedded node's leveldb sync policy (none, always, interval)
#   MYSQL=0               1: also measure a node on the MySQL store (needs mariadbd, mariadb-install-db)
#   MYSQL_N=20000         requests per redis-benchmark test for dynoj-mysql
#   CLUSTER_IO_THREADS=1  io_threads of each cluster node
#   CLUSTER_TOKENS=0,1431655765,2863311530
#                         every cluster node's tokens (the same in each rack). Three ranges make each rack
#                         the primary of a third of the keys (docs/ARCHITECTURE.md, one order per key), so
#                         two writes in three through node 1 take the extra hop to another rack's primary,
#                         as in a cluster whose clients spread over racks; '0' makes node 1 every key's
#                         primary (no extra hop)
#   OUT=FILE              also write the tables (summary, proxies, every run) as markdown to FILE
#   DYNOJ_DIST=DIR        the unpacked distribution to run (default: distribution/target/dynoj-0.1.0-SNAPSHOT,
#                         built first if missing); a copy of it keeps a rebuild during the run out
#   BASELINE_DIST=DIR     also measure this unpacked distribution (e.g. built from an older commit) as
#                         dynoj-base and, with CLUSTER=1, cluster-base-dc_one/-dc_quorum (see above); it is
#                         run with its own bin/dynoj and copied like DYNOJ_DIST. Unset: no baseline
#   (DYNOJ_HEAP, JAVA_OPTS are passed on to bin/dynoj, for every node, baseline ones included)
#
# Memory: every node JVM gets DYNOJ_HEAP (unset: bin/dynoj's default, 1g, as -Xms and -Xmx) plus a
# little direct memory; its RSS grows toward the heap size over a long run. A run with a baseline has
# up to 9 node JVMs at once (dynoj, dynoj-base, dynoj-leveldb and two clusters of 3; 10 with MYSQL=1),
# so at most about 10 GB; the 24 GB machine this was written on (23 GB free) holds that with room to
# spare, so the baseline nodes keep the same heap as the current ones: equal heaps, a fair comparison.
# On a machine with less than about 12 GB free, set DYNOJ_HEAP=512m, which applies to every node alike.
#
# Needs redis-server, redis-benchmark, redis-cli, nutcracker and python3 on PATH (or /usr/sbin).
set -euo pipefail

N="${N:-200000}"
WARMUP="${WARMUP:-500000}"
ROUNDS="${ROUNDS:-2}"
DYNOJ_IO_THREADS="${DYNOJ_IO_THREADS:-0}"
CLUSTER="${CLUSTER:-1}"
EMBEDDED="${EMBEDDED:-1}"
LEVELDB_SYNC="${LEVELDB_SYNC:-none}"
MYSQL="${MYSQL:-0}"
MYSQL_N="${MYSQL_N:-20000}"
CLUSTER_IO_THREADS="${CLUSTER_IO_THREADS:-1}"
CLUSTER_TOKENS="${CLUSTER_TOKENS:-0,1431655765,2863311530}"
OUT="${OUT:-}"
BASELINE_DIST="${BASELINE_DIST:-}"
BASE=0
[[ -n $BASELINE_DIST ]] && BASE=1
PIPELINES=(1 16)
LEVELS=(dc_one dc_quorum)
TARGETS=(direct twemproxy dynoj)
[[ $BASE == 1 ]] && TARGETS+=(dynoj-base)
[[ $EMBEDDED == 1 ]] && TARGETS+=(dynoj-leveldb)
[[ $EMBEDDED == 1 && $BASE == 1 ]] && TARGETS+=(dynoj-leveldb-base)
[[ $MYSQL == 1 ]] && TARGETS+=(dynoj-mysql)
CLUSTERS=()  # the clusters measured: cluster (this distribution) and, with a baseline, cluster-base
if [[ $CLUSTER == 1 ]]; then
  CLUSTERS+=(cluster)
  [[ $BASE == 1 ]] && CLUSTERS+=(cluster-base)
  for level in "${LEVELS[@]}"; do
    for c in "${CLUSTERS[@]}"; do TARGETS+=("$c-$level"); done
  done
fi
export PATH="$PATH:/usr/sbin:/sbin"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
DIST="${DYNOJ_DIST:-$REPO_ROOT/distribution/target/dynoj-0.1.0-SNAPSHOT}"

for tool in redis-server redis-benchmark redis-cli nutcracker python3; do
  command -v "$tool" >/dev/null || { echo "redis-bench: $tool not found" >&2; exit 1; }
done

if [[ -n ${DYNOJ_DIST:-} && ! -x "$DIST/bin/dynoj" ]]; then
  echo "redis-bench: no bin/dynoj in DYNOJ_DIST=$DIST" >&2
  exit 1
fi
if [[ $BASE == 1 && ! -x "$BASELINE_DIST/bin/dynoj" ]]; then
  echo "redis-bench: no bin/dynoj in BASELINE_DIST=$BASELINE_DIST" >&2
  exit 1
fi
if [[ ! -x "$DIST/bin/dynoj" ]]; then
  echo "redis-bench: no distribution at $DIST, building it" >&2
  (cd "$REPO_ROOT" && ./mvnw -q -pl distribution -am package -Dmaven.test.skip=true)
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dynoj-bench.XXXXXX")"
PIDS=()

stop_pid() { # pid: TERM, up to 5 s, then KILL; reaps it
  local pid=$1
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    stop_pid "$pid"
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

# Run copies, so a rebuild during the run cannot swap the jars under a node (node 1 restarts often).
cp -a "$DIST" "$WORK/dist"
DIST="$WORK/dist"
if [[ $BASE == 1 ]]; then
  cp -a "$BASELINE_DIST" "$WORK/dist-base"
  BASE_DIST="$WORK/dist-base"
fi

# Free loopback ports: bind them all at once so they are distinct, then let them go.
# Ports below the kernel's ephemeral range: one from that range, free when probed, can become the local
# port of a node's outgoing connection (a retrying peer link) before its server binds it (as testkit's
# FreePorts learned).
free_ports() {
  python3 - "$1" <<'EOF'
import random, socket, sys
try:
    low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
except (OSError, ValueError):
    low = 32768
socks, port = [], random.randrange(10000, max(10001, low - 2000))
while len(socks) < int(sys.argv[1]) and port < low:
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", port))
        socks.append(s)
    except OSError:
        s.close()
    port += 1
if len(socks) < int(sys.argv[1]):
    sys.exit("redis-bench: not enough free ports below " + str(low))
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
EOF
}

# direct, twemproxy, dynoj, the other single nodes, dynoj-base; then, per cluster (current, baseline)
# and node i (0..2), its redis, client, peer and stats ports
read -r P_REDIS_DIRECT P_REDIS_TWEM P_REDIS_DYNOJ P_TWEM P_TWEM_STATS P_DYNOJ P_DYNOJ_STATS \
  P_EMB P_EMB_STATS P_MY P_MY_STATS P_MARIADB P_REDIS_BASE P_BASE P_BASE_STATS P_EMB_BASE P_EMB_BASE_STATS \
  CLUSTER_PORTS <<<"$(free_ports 41)"
declare -A C_REDIS C_CLIENT C_PEER C_STATS  # "cluster,i" -> port
read -ra CLUSTER_PORTS <<<"$CLUSTER_PORTS"
for c in cluster cluster-base; do
  for i in 0 1 2; do
    C_REDIS[$c,$i]=${CLUSTER_PORTS[0]}; C_CLIENT[$c,$i]=${CLUSTER_PORTS[1]}
    C_PEER[$c,$i]=${CLUSTER_PORTS[2]}; C_STATS[$c,$i]=${CLUSTER_PORTS[3]}
    CLUSTER_PORTS=("${CLUSTER_PORTS[@]:4}")
  done
done
declare -A C_DIST=([cluster]="$DIST" [cluster-base]="${BASE_DIST:-}")

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
[[ $BASE == 1 ]] && start_redis "$P_REDIS_BASE" redis-dynoj-base

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

single_config() { # client-port stats-port redis-port -> the single redis-backed node's YAML
  cat <<EOF
dyn_o_mite:
  listen: 127.0.0.1:$1
  stats_listen: 127.0.0.1:$2
  data_store: 0
  servers:
  - 127.0.0.1:$3:1
  tokens: '0'
  io_threads: $DYNOJ_IO_THREADS
  datastore_connections: 1
EOF
}
single_config "$P_DYNOJ" "$P_DYNOJ_STATS" "$P_REDIS_DYNOJ" >"$WORK/dynoj.yml"
# bin/dynoj execs java, so $! is the JVM's pid
DYNOJ_LOG_DIR="$WORK/dynoj-logs" "$DIST/bin/dynoj" -c "$WORK/dynoj.yml" >"$WORK/dynoj.out" 2>&1 &
PID_DYNOJ=$!
PIDS+=("$PID_DYNOJ")
wait_ping "$P_DYNOJ" dynoj "$PID_DYNOJ"

PID_BASE=""
if [[ $BASE == 1 ]]; then
  single_config "$P_BASE" "$P_BASE_STATS" "$P_REDIS_BASE" >"$WORK/dynoj-base.yml"
  DYNOJ_LOG_DIR="$WORK/dynoj-base-logs" "$BASE_DIST/bin/dynoj" -c "$WORK/dynoj-base.yml" >"$WORK/dynoj-base.out" 2>&1 &
  PID_BASE=$!
  PIDS+=("$PID_BASE")
  wait_ping "$P_BASE" dynoj-base "$PID_BASE"
fi

embedded_config() { # client-port stats-port data-dir -> a node alone on embedded LevelDB
  cat <<EOF
dyn_o_mite:
  listen: 127.0.0.1:$1
  stats_listen: 127.0.0.1:$2
  data_store: 0
  datastore: leveldb
  data_dir: $3
  leveldb:
    sync: $LEVELDB_SYNC
  tokens: '0'
  io_threads: $DYNOJ_IO_THREADS
EOF
}
PID_EMB=""
PID_EMB_BASE=""
if [[ $EMBEDDED == 1 ]]; then
  embedded_config "$P_EMB" "$P_EMB_STATS" "$WORK/leveldb-node" >"$WORK/dynoj-leveldb.yml"
  DYNOJ_LOG_DIR="$WORK/dynoj-leveldb-logs" "$DIST/bin/dynoj" -c "$WORK/dynoj-leveldb.yml" >"$WORK/dynoj-leveldb.out" 2>&1 &
  PID_EMB=$!
  PIDS+=("$PID_EMB")
  wait_ping "$P_EMB" dynoj-leveldb "$PID_EMB"
  if [[ $BASE == 1 ]]; then
    embedded_config "$P_EMB_BASE" "$P_EMB_BASE_STATS" "$WORK/leveldb-node-base" >"$WORK/dynoj-leveldb-base.yml"
    DYNOJ_LOG_DIR="$WORK/dynoj-leveldb-base-logs" "$BASE_DIST/bin/dynoj" -c "$WORK/dynoj-leveldb-base.yml" \
      >"$WORK/dynoj-leveldb-base.out" 2>&1 &
    PID_EMB_BASE=$!
    PIDS+=("$PID_EMB_BASE")
    wait_ping "$P_EMB_BASE" dynoj-leveldb-base "$PID_EMB_BASE"
  fi
fi

PID_MY=""
if [[ $MYSQL == 1 ]]; then
  for tool in mariadbd mariadb-install-db; do
    command -v "$tool" >/dev/null || { echo "redis-bench: $tool not found (MYSQL=1)" >&2; exit 1; }
  done
  mariadb-install-db --no-defaults --datadir="$WORK/mariadb" --auth-root-authentication-method=normal \
    --skip-test-db >"$WORK/mariadb-install.log" 2>&1
  mariadbd --no-defaults --datadir="$WORK/mariadb" --socket="$WORK/mariadb.sock" --port="$P_MARIADB" \
    --bind-address=127.0.0.1 --skip-grant-tables --log-error="$WORK/mariadb.err" $( ((EUID == 0)) && echo --user=root) &
  PIDS+=($!)
  for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$P_MARIADB") 2>/dev/null && break; sleep 0.1; done
  mariadb --no-defaults --socket="$WORK/mariadb.sock" -e "CREATE DATABASE IF NOT EXISTS dynoj"
  cat >"$WORK/dynoj-mysql.yml" <<EOF
dyn_o_mite:
  listen: 127.0.0.1:$P_MY
  stats_listen: 127.0.0.1:$P_MY_STATS
  data_store: mysql
  mysql:
    url: jdbc:mariadb://127.0.0.1:$P_MARIADB/dynoj
    user: root
  tokens: '0'
  io_threads: $DYNOJ_IO_THREADS
EOF
  DYNOJ_LOG_DIR="$WORK/dynoj-mysql-logs" "$DIST/bin/dynoj" -c "$WORK/dynoj-mysql.yml" >"$WORK/dynoj-mysql.out" 2>&1 &
  PID_MY=$!
  PIDS+=("$PID_MY")
  wait_ping "$P_MY" dynoj-mysql "$PID_MY"
fi

# A cluster (cluster, or cluster-base from the baseline distribution, each with its own ports and
# redis-servers): one datacenter dc1, racks r1, r2, r3 with one node each and the same tokens, so
# every node holds every key. Node i's seeds are the two others.
cluster_config() { # cluster node-index(0..2) level -> YAML
  local c=$1 i=$2 level=$3 j
  echo "dyn_o_mite:"
  echo "  listen: 127.0.0.1:${C_CLIENT[$c,$i]}"
  echo "  dyn_listen: 127.0.0.1:${C_PEER[$c,$i]}"
  echo "  stats_listen: 127.0.0.1:${C_STATS[$c,$i]}"
  echo "  dyn_seeds:"
  for j in 0 1 2; do
    [[ $j -ne $i ]] && echo "  - 127.0.0.1:${C_PEER[$c,$j]}:r$((j + 1)):dc1:$CLUSTER_TOKENS"
  done
  echo "  data_store: 0"
  echo "  servers:"
  echo "  - 127.0.0.1:${C_REDIS[$c,$i]}:1"
  echo "  tokens: '$CLUSTER_TOKENS'"
  echo "  datacenter: dc1"
  echo "  rack: r$((i + 1))"
  echo "  io_threads: $CLUSTER_IO_THREADS"
  echo "  datastore_connections: 1"
  echo "  read_consistency: ${level^^}"
  echo "  write_consistency: ${level^^}"
}
NODE_STARTS=0
start_cluster_node() { # cluster node-index level -> sets STARTED_PID
  local c=$1 i=$2 level=$3 name="$1-n$(( $2 + 1 ))"
  NODE_STARTS=$((NODE_STARTS + 1))
  local tag="$name-$level-$NODE_STARTS"
  cluster_config "$c" "$i" "$level" >"$WORK/$tag.yml"
  DYNOJ_LOG_DIR="$WORK/$tag-logs" "${C_DIST[$c]}/bin/dynoj" -c "$WORK/$tag.yml" >"$WORK/$tag.out" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
  STARTED_OUT="$WORK/$tag.out"
  wait_ping "${C_CLIENT[$c,$i]}" "$name ($level)" "$STARTED_PID"
}
forget_pid() { # pid: drop it from PIDS once it is gone
  local keep=() p
  for p in "${PIDS[@]}"; do [[ $p != "$1" ]] && keep+=("$p"); done
  PIDS=("${keep[@]}")
}
established_on() { # port -> how many established TCP connections have that local port
  awk -v port=":$(printf '%04X' "$1")" '$4 == "01" && substr($2, length($2) - 4) == port' /proc/net/tcp /proc/net/tcp6 | wc -l
}
# Node 1 opens io_threads connections to each of the two other nodes; wait until it logged them all,
# and until the two others, which retry with a growing delay (up to seconds) while node 1 is down,
# have theirs to node 1 again: a write whose primary is another rack reaches rack r1 through them,
# and fails with "peer ... is not reachable" until they do.
wait_peer_links() { # cluster out-file pid
  local want=$(( 2 * CLUSTER_IO_THREADS ))
  for _ in $(seq 300); do
    (( $(grep -c 'connected to peer ' "$2" || true) >= want && $(established_on "${C_PEER[$1,0]}") >= want )) && return 0
    kill -0 "$3" 2>/dev/null || { echo "redis-bench: $1 node 1 exited (see $2)" >&2; return 1; }
    sleep 0.1
  done
  echo "redis-bench: $1 node 1 and its two peers did not all connect to each other within 30 s (see $2)" >&2
  return 1
}
declare -A N1_PID N1_STARTS   # cluster -> its current node 1's pid, how many node 1s it started
start_node1() { # cluster level
  local c=$1
  N1_STARTS[$c]=$(( ${N1_STARTS[$c]:-0} + 1 ))
  start_cluster_node "$c" 0 "$2"
  N1_PID[$c]=$STARTED_PID
  wait_peer_links "$c" "$STARTED_OUT" "$STARTED_PID"
  echo "redis-bench: $c node 1 up at ${2^^} (pid $STARTED_PID); warming it up ($WARMUP requests at P16, not reported)" >&2
  bench "${C_CLIENT[$c,0]}" 16 "$WARMUP" >/dev/null
}
restart_node1() { # cluster level: stops the cluster's current node 1, if any, and starts a fresh one at that level
  if [[ -n ${N1_PID[$1]:-} ]]; then
    stop_pid "${N1_PID[$1]}"
    forget_pid "${N1_PID[$1]}"
  fi
  start_node1 "$1" "$2"
}
cluster_of() { echo "${1%-dc_*}"; }  # cluster-base-dc_one -> cluster-base

port_of() {
  case $1 in
    direct) echo "$P_REDIS_DIRECT" ;; twemproxy) echo "$P_TWEM" ;; dynoj) echo "$P_DYNOJ" ;; dynoj-base) echo "$P_BASE" ;;
    dynoj-leveldb) echo "$P_EMB" ;; dynoj-leveldb-base) echo "$P_EMB_BASE" ;; dynoj-mysql) echo "$P_MY" ;;
    cluster-*) echo "${C_CLIENT[$(cluster_of "$1"),0]}" ;;
  esac
}
proxy_pid_of() {
  case $1 in
    twemproxy) echo "$PID_TWEM" ;; dynoj) echo "$PID_DYNOJ" ;; dynoj-base) echo "$PID_BASE" ;;
    dynoj-leveldb) echo "$PID_EMB" ;; dynoj-leveldb-base) echo "$PID_EMB_BASE" ;; dynoj-mysql) echo "$PID_MY" ;;
    cluster-*) echo "${N1_PID[$(cluster_of "$1")]}" ;; *) echo "" ;;
  esac
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
redis_int() { # port command... -> the integer reply
  redis-cli -p "$1" "${@:2}" | tr -d '\r'
}
calls() { # port command -> calls of that command the redis-server served
  redis-cli -p "$1" info commandstats | tr -d '\r' | awk -F'[=,:]' -v c="cmdstat_$2" '$1 == c { print $3 }'
}

# No lost writes: every SET node 1 accepted must reach all three racks. Once replication settles (up
# to 10 s), the three redis-servers must have the same DBSIZE and have served the same number of SETs.
CHECK_FAILED=0
declare -A DBSIZE  # cluster -> "r1/r2/r3" keys after its last check
check_cluster_replicas() { # cluster what
  local c=$1 sizes sets i deadline=$((SECONDS + 10))
  shift
  while :; do
    sizes=(); sets=()
    for i in 0 1 2; do
      sizes+=("$(redis_int "${C_REDIS[$c,$i]}" dbsize)")
      sets+=("$(calls "${C_REDIS[$c,$i]}" set)")
    done
    if [[ ${sizes[0]} == "${sizes[1]}" && ${sizes[0]} == "${sizes[2]}" \
          && ${sets[0]:-0} == "${sets[1]:-0}" && ${sets[0]:-0} == "${sets[2]:-0}" ]]; then
      DBSIZE[$c]="${sizes[0]}/${sizes[1]}/${sizes[2]}"
      echo "redis-bench: $c check after $1: DBSIZE r1/r2/r3 = ${sizes[0]}/${sizes[1]}/${sizes[2]}, SET calls ${sets[0]}/${sets[1]}/${sets[2]}: same on every rack" >&2
      return 0
    fi
    (( SECONDS < deadline )) || break
    sleep 0.1
  done
  DBSIZE[$c]="${sizes[0]}/${sizes[1]}/${sizes[2]}"
  echo "redis-bench: ############################################################################" >&2
  echo "redis-bench: ${c^^} CHECK FAILED after $1: the racks differ 10 s after the run:" >&2
  echo "redis-bench:   DBSIZE r1/r2/r3 = ${sizes[0]}/${sizes[1]}/${sizes[2]}, SET calls ${sets[0]:-0}/${sets[1]:-0}/${sets[2]:-0}" >&2
  echo "redis-bench: ############################################################################" >&2
  CHECK_FAILED=1
}

declare -A REPLICAS  # cluster -> the pids of its nodes 2 and 3, which run throughout
for c in "${CLUSTERS[@]}"; do
  for i in 0 1 2; do start_redis "${C_REDIS[$c,$i]}" "redis-$c-r$((i + 1))"; done
  REPLICAS[$c]=""
  for i in 1 2; do
    start_cluster_node "$c" "$i" dc_one
    REPLICAS[$c]+=" $STARTED_PID"
  done
done

echo "redis-bench: N=$N ROUNDS=$ROUNDS DYNOJ_IO_THREADS=$DYNOJ_IO_THREADS CLUSTER=$CLUSTER CLUSTER_IO_THREADS=$CLUSTER_IO_THREADS; ports direct=$P_REDIS_DIRECT twemproxy=$P_TWEM dynoj=$P_DYNOJ cluster node 1=${C_CLIENT[cluster,0]}; work dir $WORK" >&2
if [[ $BASE == 1 ]]; then
  echo "redis-bench: baseline $BASELINE_DIST: dynoj-base=$P_BASE$([[ $CLUSTER == 1 ]] && echo " cluster-base node 1=${C_CLIENT[cluster-base,0]}")" >&2
fi
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "redis-bench: warming up the Dynoj JVM ($WARMUP requests at P16, not reported)" >&2
bench "$P_DYNOJ" 16 "$WARMUP" >/dev/null
if [[ $BASE == 1 ]]; then
  echo "redis-bench: warming up the baseline Dynoj JVM ($WARMUP requests at P16, not reported)" >&2
  bench "$P_BASE" 16 "$WARMUP" >/dev/null
fi
if [[ $EMBEDDED == 1 ]]; then
  echo "redis-bench: warming up the embedded LevelDB node ($WARMUP requests at P16, not reported)" >&2
  bench "$P_EMB" 16 "$WARMUP" >/dev/null
  if [[ $BASE == 1 ]]; then
    echo "redis-bench: warming up the baseline embedded LevelDB node ($WARMUP requests at P16, not reported)" >&2
    bench "$P_EMB_BASE" 16 "$WARMUP" >/dev/null
  fi
fi
if [[ $MYSQL == 1 ]]; then
  echo "redis-bench: warming up the MySQL node ($MYSQL_N requests at P16, not reported)" >&2
  bench "$P_MY" 16 "$MYSQL_N" >/dev/null
fi

RESULTS="$WORK/results.csv"   # round,P,target,test,rps,p50,p99
: >"$RESULTS"
declare -A CPU  # "target,P" -> ticks spent in measured runs (for a cluster target, also "target-replicas,P")
declare -A RSS  # proxy -> VmRSS in kB after its last measured run
measure() { # round pipeline target
  local round=$1 p=$2 target=$3 pid before after lines r_before=0 r_after=0 r c=""
  pid=$(proxy_pid_of "$target")
  [[ -n "$pid" ]] && before=$(cpu_ticks "$pid")
  [[ $target == cluster-* ]] && c=$(cluster_of "$target")
  if [[ -n $c ]]; then
    for r in ${REPLICAS[$c]}; do r_before=$(( r_before + $(cpu_ticks "$r") )); done
  fi
  local n=$N
  [[ $target == dynoj-mysql ]] && n=$MYSQL_N
  lines=$(bench "$(port_of "$target")" "$p" "$n")
  if [[ -n "$pid" ]]; then
    after=$(cpu_ticks "$pid")
    CPU["$target,$p"]=$(( ${CPU["$target,$p"]:-0} + after - before ))
    RSS["$target"]=$(rss_kb "$pid")
  fi
  if [[ -n $c ]]; then
    for r in ${REPLICAS[$c]}; do r_after=$(( r_after + $(cpu_ticks "$r") )); done
    CPU["$target-replicas,$p"]=$(( ${CPU["$target-replicas,$p"]:-0} + r_after - r_before ))
  fi
  [[ $(wc -l <<<"$lines") -eq 2 ]] || { echo "redis-bench: unexpected redis-benchmark output for $target P$p: $lines" >&2; exit 1; }
  while IFS=, read -r test rps p50 p99; do
    echo "$round,$p,$target,$test,$rps,$p50,$p99" >>"$RESULTS"
  done <<<"$lines"
  echo "redis-bench: round $round P$p $target: $(tr '\n' ' ' <<<"$lines")" >&2
  if [[ -n $c ]]; then
    check_cluster_replicas "$c" "round $round P$p $target"
  fi
}
step=0
for round in $(seq "$ROUNDS"); do
  # dynoj and its baseline swap places, and so do the clusters, from one round to the next
  # (rotating a list of one or two is reversing it)
  singles=(dynoj); clusters=("${CLUSTERS[@]}")
  embedded=(); [[ $EMBEDDED == 1 ]] && embedded=(dynoj-leveldb)
  if [[ $BASE == 1 ]]; then
    singles=(dynoj dynoj-base)
    [[ $EMBEDDED == 1 ]] && embedded=(dynoj-leveldb dynoj-leveldb-base)
    if (( round % 2 == 0 )); then
      singles=(dynoj-base dynoj)
      [[ $EMBEDDED == 1 ]] && embedded=(dynoj-leveldb-base dynoj-leveldb)
      [[ $CLUSTER == 1 ]] && clusters=("${clusters[@]:1}" "${clusters[0]}")
    fi
  fi
  for p in "${PIPELINES[@]}"; do
    for target in direct twemproxy "${singles[@]}" "${embedded[@]}" $([[ $MYSQL == 1 ]] && echo dynoj-mysql); do
      measure "$round" "$p" "$target"
    done
    if [[ $CLUSTER == 1 ]]; then
      # a fresh, warmed-up node 1 for each cluster measurement; which level goes first alternates;
      # with a baseline the clusters go A B at the first level, B A at the second
      if (( step % 2 == 0 )); then order=(dc_one dc_quorum); else order=(dc_quorum dc_one); fi
      cs=("${clusters[@]}")
      for level in "${order[@]}"; do
        for c in "${cs[@]}"; do
          restart_node1 "$c" "$level"
          measure "$round" "$p" "$c-$level"
        done
        cs=("${cs[@]:1}" "${cs[0]}")
      done
    fi
    step=$((step + 1))
  done
done

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# redis-benchmark does not look at the replies, so check that every request reached the redis-server
# behind each target: its SET and GET call counts must be at least what was sent (the warm-ups
# included; with -P 16 redis-benchmark may send up to a pipeline per client more than N). Each
# cluster redis-server must have got every SET sent to node 1 at either level; GETs, which DC_QUORUM
# sends to more than one rack, are counted over the three.
per_target=$(( ROUNDS * ${#PIPELINES[@]} * N ))
check_calls() { # what set-calls get-calls expected
  echo "redis-bench: check $1: redis-server got ${2:-0} SET and ${3:-0} GET, expected at least $4 each" >&2
  if (( ${2:-0} < $4 || ${3:-0} < $4 )); then
    echo "redis-bench: WARNING: $1 did not pass every request on to its redis-server" >&2
    CHECK_FAILED=1
  fi
}
for target in direct twemproxy dynoj $([[ $BASE == 1 ]] && echo dynoj-base); do
  case $target in direct) port=$P_REDIS_DIRECT ;; twemproxy) port=$P_REDIS_TWEM ;; dynoj) port=$P_REDIS_DYNOJ ;; dynoj-base) port=$P_REDIS_BASE ;; esac
  expected=$per_target
  [[ $target == dynoj* ]] && expected=$(( expected + WARMUP ))
  check_calls "$target" "$(calls "$port" set)" "$(calls "$port" get)" "$expected"
done
for c in "${CLUSTERS[@]}"; do
  expected=$(( 2 * per_target + N1_STARTS[$c] * WARMUP ))
  sets=(); gets=(); get_sum=0; short=0
  for i in 0 1 2; do
    sets+=("$(calls "${C_REDIS[$c,$i]}" set)"); gets+=("$(calls "${C_REDIS[$c,$i]}" get)")
    get_sum=$(( get_sum + ${gets[$i]:-0} ))
    (( ${sets[$i]:-0} >= expected )) || short=1
  done
  (( get_sum >= expected )) || short=1
  echo "redis-bench: check $c: redis-servers r1/r2/r3 got ${sets[0]:-0}/${sets[1]:-0}/${sets[2]:-0} SET and ${gets[0]:-0}/${gets[1]:-0}/${gets[2]:-0} GET (sum $get_sum), expected at least $expected SET on each and $expected GET in all (node 1: ${N1_STARTS[$c]} starts)" >&2
  if (( short )); then
    echo "redis-bench: WARNING: $c did not pass every request on to its redis-servers" >&2
    CHECK_FAILED=1
  fi
done
RSS["twemproxy"]=$(rss_kb "$PID_TWEM")
RSS["dynoj"]=$(rss_kb "$PID_DYNOJ")
[[ $BASE == 1 ]] && RSS["dynoj-base"]=$(rss_kb "$PID_BASE")
[[ $EMBEDDED == 1 ]] && RSS["dynoj-leveldb"]=$(rss_kb "$PID_EMB")
[[ $EMBEDDED == 1 && $BASE == 1 ]] && RSS["dynoj-leveldb-base"]=$(rss_kb "$PID_EMB_BASE")
[[ $MYSQL == 1 ]] && RSS["dynoj-mysql"]=$(rss_kb "$PID_MY")
PROXIES="$WORK/proxies.csv"  # name,rss_kb,ticks_p1,ticks_p16
{
  echo "twemproxy,${RSS[twemproxy]},${CPU[twemproxy,1]},${CPU[twemproxy,16]}"
  echo "dynoj (io_threads $DYNOJ_IO_THREADS),${RSS[dynoj]},${CPU[dynoj,1]},${CPU[dynoj,16]}"
  if [[ $BASE == 1 ]]; then
    echo "dynoj-base (baseline; io_threads $DYNOJ_IO_THREADS),${RSS[dynoj-base]},${CPU[dynoj-base,1]},${CPU[dynoj-base,16]}"
  fi
  if [[ $EMBEDDED == 1 ]]; then
    echo "dynoj-leveldb (io_threads $DYNOJ_IO_THREADS; includes the store),${RSS[dynoj-leveldb]},${CPU[dynoj-leveldb,1]},${CPU[dynoj-leveldb,16]}"
    if [[ $BASE == 1 ]]; then
      echo "dynoj-leveldb-base (baseline; includes the store),${RSS[dynoj-leveldb-base]},${CPU[dynoj-leveldb-base,1]},${CPU[dynoj-leveldb-base,16]}"
    fi
  fi
  if [[ $MYSQL == 1 ]]; then
    # ticks scaled from MYSQL_N to N requests, so that the per-request figure below is right
    echo "dynoj-mysql (the node; not the database),${RSS[dynoj-mysql]},$(( ${CPU[dynoj-mysql,1]:-0} * N / MYSQL_N )),$(( ${CPU[dynoj-mysql,16]:-0} * N / MYSQL_N ))"
  fi
  for c in "${CLUSTERS[@]}"; do
    replicas_rss=0
    for r in ${REPLICAS[$c]}; do replicas_rss=$(( replicas_rss + $(rss_kb "$r") )); done
    for level in "${LEVELS[@]}"; do
      t="$c-$level"
      echo "$t node 1 (io_threads $CLUSTER_IO_THREADS),${RSS[$t]},${CPU[$t,1]},${CPU[$t,16]}"
      echo "$t nodes 2+3 (replicas; sum),$replicas_rss,${CPU[$t-replicas,1]},${CPU[$t-replicas,16]}"
    done
  done
} >"$PROXIES"
# keys per rack at the end: "r1/r2/r3" for one cluster, labelled per cluster when a baseline runs too
KEYS_PER_RACK=""
for c in "${CLUSTERS[@]}"; do
  if [[ $BASE == 1 ]]; then KEYS_PER_RACK+="${KEYS_PER_RACK:+, }${DBSIZE[$c]} ($c)"; else KEYS_PER_RACK=${DBSIZE[$c]}; fi
done

# Per-run table, summary (median over rounds) and the proxy figures, as text and markdown.
python3 - "$RESULTS" "$ROUNDS" "$N" "$CLK_TCK" "$PROXIES" "$OUT" "$(nproc)" "$LOAD_START" "$LOAD_END" \
  "$KEYS_PER_RACK" "$BASELINE_DIST" "${TARGETS[@]}" <<'EOF'
import csv, statistics, sys
(path, rounds, n, tck, proxies_path, out, ncpu, load0, load1, dbsize, baseline) = sys.argv[1:12]
TARGETS = sys.argv[12:]
rounds, n, tck = int(rounds), int(n), int(tck)
TESTS = ["SET", "GET"]
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

# Current over baseline: each baseline target (dynoj-base, cluster-base-LEVEL) against the target of
# the same name without "-base", P16, median over rounds of the ratio of their requests/s in a round.
rps = {(r["round"], r["p"], r["target"], r["test"]): float(r["rps"]) for r in rows}
versus = []
for base in (t for t in TARGETS if "-base" in t):
    cur = base.replace("-base", "")
    ratio = lambda test: statistics.median(rps[(str(k), "16", cur, test)] / rps[(str(k), "16", base, test)]
                                           for k in range(1, rounds + 1))
    versus.append(f"{cur} / {base}: SET {ratio('SET'):.2f}, GET {ratio('GET'):.2f}")
versus_title = (f"Current / baseline at P16 (requests/s over the baseline's in the same round, median over rounds; "
                f"baseline {baseline})")

reqs = rounds * 2 * n  # SET + GET, per P
us = lambda ticks: f"{int(ticks) / tck / reqs * 1e6:.2f}" if ticks else "-"
proxy_header = ["proxy", "RSS after run (MiB)", "CPU us/request P1", "CPU us/request P16"]
proxy = [[name, f"{int(rss) / 1024:.1f}", us(t1), us(t16)] for name, rss, t1, t16 in csv.reader(open(proxies_path))]

print(f"\nPer run (N={n}, 50 clients, 64-byte values, 100000 keys; x direct = requests/s over direct redis in the same round)\n")
print(table(["round"] + header, per_run))
print(f"\nSummary: median over {rounds} round(s)\n")
print(table(header, summary))
if versus:
    print(f"\n{versus_title}\n")
    print("\n".join("  " + v for v in versus))
machine = f"{ncpu} CPUs; load average (1/5/15 min) {load0} before the measured runs, {load1} after"
print(f"\n{machine}")
print("\nProxy processes (CPU = utime+stime of the whole process over its measured runs / requests)\n")
print(table(proxy_header, proxy))
if dbsize:
    print(f"\nCluster: keys per rack at the end (DBSIZE r1/r2/r3): {dbsize}")
if out:
    with open(out, "w") as f:
        f.write(f"Median over {rounds} round(s); N={n} requests per test, 50 clients, -r 100000, -d 64. "
                "\"x direct\" is requests/s divided by direct redis's in the same round (median of the per-round ratios). "
                f"{machine}.\n\n")
        f.write(markdown(header, summary) + "\n\n")
        if versus:
            f.write(f"{versus_title}:\n\n" + "\n".join("- " + v for v in versus) + "\n\n")
        f.write(markdown(proxy_header, proxy) + "\n\n")
        if dbsize:
            f.write(f"Cluster: keys per rack at the end (DBSIZE r1/r2/r3): {dbsize}\n\n")
        f.write("Every run:\n\n" + markdown(["round"] + header, per_run) + "\n")
    print(f"\n(markdown written to {out})")
EOF
if [[ $CHECK_FAILED -ne 0 ]]; then
  echo "redis-bench: a check failed (see above: request counts or cluster racks); the figures are not valid" >&2
  exit 1
fi
