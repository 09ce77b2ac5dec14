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
# Checks (redis-benchmark ignores what the replies say): each redis-server behind a target got every
# SET and GET (INFO commandstats); and after every cluster run, once background replication settles
# (polled up to 10 s), the three cluster redis-servers hold the same number of keys (DBSIZE) and got
# the same number of SETs, i.e. no write was lost on the way to a rack. It exits 1 if a check fails.
#
# How long: with the default N=200000, about 2 minutes per round on a busy 2-core machine (start-up,
# the four node-1 restarts and warm-ups of a round included); ROUNDS=3 took about 7 minutes here.
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
#   (DYNOJ_HEAP, JAVA_OPTS are passed on to bin/dynoj, for every node)
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
PIPELINES=(1 16)
LEVELS=(dc_one dc_quorum)
TARGETS=(direct twemproxy dynoj)
[[ $EMBEDDED == 1 ]] && TARGETS+=(dynoj-leveldb)
[[ $MYSQL == 1 ]] && TARGETS+=(dynoj-mysql)
[[ $CLUSTER == 1 ]] && TARGETS+=(cluster-dc_one cluster-dc_quorum)
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

# direct, twemproxy, dynoj; then per cluster node i (1..3): redis, client, peer and stats ports
read -r P_REDIS_DIRECT P_REDIS_TWEM P_REDIS_DYNOJ P_TWEM P_TWEM_STATS P_DYNOJ P_DYNOJ_STATS \
  P_CR1 P_CR2 P_CR3 P_CC1 P_CC2 P_CC3 P_CP1 P_CP2 P_CP3 P_CS1 P_CS2 P_CS3 P_EMB P_EMB_STATS P_MY P_MY_STATS P_MARIADB <<<"$(free_ports 24)"
P_CREDIS=("$P_CR1" "$P_CR2" "$P_CR3"); P_CCLIENT=("$P_CC1" "$P_CC2" "$P_CC3")
P_CPEER=("$P_CP1" "$P_CP2" "$P_CP3"); P_CSTATS=("$P_CS1" "$P_CS2" "$P_CS3")

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

PID_EMB=""
if [[ $EMBEDDED == 1 ]]; then
  cat >"$WORK/dynoj-leveldb.yml" <<EOF
dyn_o_mite:
  listen: 127.0.0.1:$P_EMB
  stats_listen: 127.0.0.1:$P_EMB_STATS
  data_store: 0
  datastore: leveldb
  data_dir: $WORK/leveldb-node
  leveldb:
    sync: $LEVELDB_SYNC
  tokens: '0'
  io_threads: $DYNOJ_IO_THREADS
EOF
  DYNOJ_LOG_DIR="$WORK/dynoj-leveldb-logs" "$DIST/bin/dynoj" -c "$WORK/dynoj-leveldb.yml" >"$WORK/dynoj-leveldb.out" 2>&1 &
  PID_EMB=$!
  PIDS+=("$PID_EMB")
  wait_ping "$P_EMB" dynoj-leveldb "$PID_EMB"
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

# The cluster: one datacenter dc1, racks r1, r2, r3 with one node each (token 0), so every node owns
# every key. Node i's seeds are the two others.
cluster_config() { # node-index(0..2) level -> YAML
  local i=$1 level=$2 j
  echo "dyn_o_mite:"
  echo "  listen: 127.0.0.1:${P_CCLIENT[$i]}"
  echo "  dyn_listen: 127.0.0.1:${P_CPEER[$i]}"
  echo "  stats_listen: 127.0.0.1:${P_CSTATS[$i]}"
  echo "  dyn_seeds:"
  for j in 0 1 2; do
    [[ $j -ne $i ]] && echo "  - 127.0.0.1:${P_CPEER[$j]}:r$((j + 1)):dc1:$CLUSTER_TOKENS"
  done
  echo "  data_store: 0"
  echo "  servers:"
  echo "  - 127.0.0.1:${P_CREDIS[$i]}:1"
  echo "  tokens: '$CLUSTER_TOKENS'"
  echo "  datacenter: dc1"
  echo "  rack: r$((i + 1))"
  echo "  io_threads: $CLUSTER_IO_THREADS"
  echo "  datastore_connections: 1"
  echo "  read_consistency: ${level^^}"
  echo "  write_consistency: ${level^^}"
}
NODE_STARTS=0
start_cluster_node() { # node-index level -> sets STARTED_PID
  local i=$1 level=$2 name="cluster-n$(( $1 + 1 ))"
  NODE_STARTS=$((NODE_STARTS + 1))
  local tag="$name-$level-$NODE_STARTS"
  cluster_config "$i" "$level" >"$WORK/$tag.yml"
  DYNOJ_LOG_DIR="$WORK/$tag-logs" "$DIST/bin/dynoj" -c "$WORK/$tag.yml" >"$WORK/$tag.out" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
  STARTED_OUT="$WORK/$tag.out"
  wait_ping "${P_CCLIENT[$i]}" "$name ($level)" "$STARTED_PID"
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
wait_peer_links() { # out-file pid
  local want=$(( 2 * CLUSTER_IO_THREADS ))
  for _ in $(seq 300); do
    (( $(grep -c 'connected to peer ' "$1" || true) >= want && $(established_on "${P_CPEER[0]}") >= want )) && return 0
    kill -0 "$2" 2>/dev/null || { echo "redis-bench: cluster node 1 exited (see $1)" >&2; return 1; }
    sleep 0.1
  done
  echo "redis-bench: cluster node 1 and its two peers did not all connect to each other within 30 s (see $1)" >&2
  return 1
}
NODE1_STARTS=0
start_node1() { # level
  NODE1_STARTS=$((NODE1_STARTS + 1))
  start_cluster_node 0 "$1"
  PID_N1=$STARTED_PID
  N1_LEVEL=$1
  wait_peer_links "$STARTED_OUT" "$PID_N1"
  echo "redis-bench: cluster node 1 up at ${1^^} (pid $PID_N1); warming it up ($WARMUP requests at P16, not reported)" >&2
  bench "${P_CCLIENT[0]}" 16 "$WARMUP" >/dev/null
}
restart_node1() { # level: stops the current node 1, if any, and starts a fresh one at that level
  if [[ -n ${PID_N1:-} ]]; then
    stop_pid "$PID_N1"
    forget_pid "$PID_N1"
  fi
  start_node1 "$1"
}

port_of() {
  case $1 in
    direct) echo "$P_REDIS_DIRECT" ;; twemproxy) echo "$P_TWEM" ;; dynoj) echo "$P_DYNOJ" ;; dynoj-leveldb) echo "$P_EMB" ;; dynoj-mysql) echo "$P_MY" ;;
    cluster-*) echo "${P_CCLIENT[0]}" ;;
  esac
}
proxy_pid_of() {
  case $1 in twemproxy) echo "$PID_TWEM" ;; dynoj) echo "$PID_DYNOJ" ;; dynoj-leveldb) echo "$PID_EMB" ;; dynoj-mysql) echo "$PID_MY" ;; cluster-*) echo "$PID_N1" ;; *) echo "" ;; esac
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
CLUSTER_DBSIZE=""
check_cluster_replicas() { # what
  local sizes sets i deadline=$((SECONDS + 10))
  while :; do
    sizes=(); sets=()
    for i in 0 1 2; do
      sizes+=("$(redis_int "${P_CREDIS[$i]}" dbsize)")
      sets+=("$(calls "${P_CREDIS[$i]}" set)")
    done
    if [[ ${sizes[0]} == "${sizes[1]}" && ${sizes[0]} == "${sizes[2]}" \
          && ${sets[0]:-0} == "${sets[1]:-0}" && ${sets[0]:-0} == "${sets[2]:-0}" ]]; then
      CLUSTER_DBSIZE="${sizes[*]}"
      echo "redis-bench: cluster check after $1: DBSIZE r1/r2/r3 = ${sizes[0]}/${sizes[1]}/${sizes[2]}, SET calls ${sets[0]}/${sets[1]}/${sets[2]}: same on every rack" >&2
      return 0
    fi
    (( SECONDS < deadline )) || break
    sleep 0.1
  done
  CLUSTER_DBSIZE="${sizes[*]}"
  echo "redis-bench: ############################################################################" >&2
  echo "redis-bench: CLUSTER CHECK FAILED after $1: the racks differ 10 s after the run:" >&2
  echo "redis-bench:   DBSIZE r1/r2/r3 = ${sizes[0]}/${sizes[1]}/${sizes[2]}, SET calls ${sets[0]:-0}/${sets[1]:-0}/${sets[2]:-0}" >&2
  echo "redis-bench: ############################################################################" >&2
  CHECK_FAILED=1
}

if [[ $CLUSTER == 1 ]]; then
  for i in 0 1 2; do start_redis "${P_CREDIS[$i]}" "redis-cluster-r$((i + 1))"; done
  PID_REPLICAS=()
  for i in 1 2; do
    start_cluster_node "$i" dc_one
    PID_REPLICAS+=("$STARTED_PID")
  done
fi

echo "redis-bench: N=$N ROUNDS=$ROUNDS DYNOJ_IO_THREADS=$DYNOJ_IO_THREADS CLUSTER=$CLUSTER CLUSTER_IO_THREADS=$CLUSTER_IO_THREADS; ports direct=$P_REDIS_DIRECT twemproxy=$P_TWEM dynoj=$P_DYNOJ cluster node 1=${P_CCLIENT[0]}; work dir $WORK" >&2
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "redis-bench: warming up the Dynoj JVM ($WARMUP requests at P16, not reported)" >&2
bench "$P_DYNOJ" 16 "$WARMUP" >/dev/null
if [[ $EMBEDDED == 1 ]]; then
  echo "redis-bench: warming up the embedded LevelDB node ($WARMUP requests at P16, not reported)" >&2
  bench "$P_EMB" 16 "$WARMUP" >/dev/null
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
  local round=$1 p=$2 target=$3 pid before after lines r_before=0 r_after=0 r
  pid=$(proxy_pid_of "$target")
  [[ -n "$pid" ]] && before=$(cpu_ticks "$pid")
  if [[ $target == cluster-* ]]; then
    for r in "${PID_REPLICAS[@]}"; do r_before=$(( r_before + $(cpu_ticks "$r") )); done
  fi
  local n=$N
  [[ $target == dynoj-mysql ]] && n=$MYSQL_N
  lines=$(bench "$(port_of "$target")" "$p" "$n")
  if [[ -n "$pid" ]]; then
    after=$(cpu_ticks "$pid")
    CPU["$target,$p"]=$(( ${CPU["$target,$p"]:-0} + after - before ))
    RSS["$target"]=$(rss_kb "$pid")
  fi
  if [[ $target == cluster-* ]]; then
    for r in "${PID_REPLICAS[@]}"; do r_after=$(( r_after + $(cpu_ticks "$r") )); done
    CPU["$target-replicas,$p"]=$(( ${CPU["$target-replicas,$p"]:-0} + r_after - r_before ))
  fi
  [[ $(wc -l <<<"$lines") -eq 2 ]] || { echo "redis-bench: unexpected redis-benchmark output for $target P$p: $lines" >&2; exit 1; }
  while IFS=, read -r test rps p50 p99; do
    echo "$round,$p,$target,$test,$rps,$p50,$p99" >>"$RESULTS"
  done <<<"$lines"
  echo "redis-bench: round $round P$p $target: $(tr '\n' ' ' <<<"$lines")" >&2
  if [[ $target == cluster-* ]]; then
    check_cluster_replicas "round $round P$p $target"
  fi
}
step=0
for round in $(seq "$ROUNDS"); do
  for p in "${PIPELINES[@]}"; do
    for target in direct twemproxy dynoj $([[ $EMBEDDED == 1 ]] && echo dynoj-leveldb) $([[ $MYSQL == 1 ]] && echo dynoj-mysql); do
      measure "$round" "$p" "$target"
    done
    if [[ $CLUSTER == 1 ]]; then
      # a fresh, warmed-up node 1 for each cluster measurement; which level goes first alternates
      if (( step % 2 == 0 )); then order=(dc_one dc_quorum); else order=(dc_quorum dc_one); fi
      for level in "${order[@]}"; do
        restart_node1 "$level"
        measure "$round" "$p" "cluster-$level"
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
for target in direct twemproxy dynoj; do
  case $target in direct) port=$P_REDIS_DIRECT ;; twemproxy) port=$P_REDIS_TWEM ;; dynoj) port=$P_REDIS_DYNOJ ;; esac
  expected=$per_target
  [[ $target == dynoj ]] && expected=$(( expected + WARMUP ))
  check_calls "$target" "$(calls "$port" set)" "$(calls "$port" get)" "$expected"
done
if [[ $CLUSTER == 1 ]]; then
  expected=$(( 2 * per_target + NODE1_STARTS * WARMUP ))
  sets=(); gets=(); get_sum=0; short=0
  for i in 0 1 2; do
    sets+=("$(calls "${P_CREDIS[$i]}" set)"); gets+=("$(calls "${P_CREDIS[$i]}" get)")
    get_sum=$(( get_sum + ${gets[$i]:-0} ))
    (( ${sets[$i]:-0} >= expected )) || short=1
  done
  (( get_sum >= expected )) || short=1
  echo "redis-bench: check cluster: redis-servers r1/r2/r3 got ${sets[0]:-0}/${sets[1]:-0}/${sets[2]:-0} SET and ${gets[0]:-0}/${gets[1]:-0}/${gets[2]:-0} GET (sum $get_sum), expected at least $expected SET on each and $expected GET in all (node 1: $NODE1_STARTS starts)" >&2
  if (( short )); then
    echo "redis-bench: WARNING: the cluster did not pass every request on to its redis-servers" >&2
    CHECK_FAILED=1
  fi
fi
RSS["twemproxy"]=$(rss_kb "$PID_TWEM")
RSS["dynoj"]=$(rss_kb "$PID_DYNOJ")
[[ $EMBEDDED == 1 ]] && RSS["dynoj-leveldb"]=$(rss_kb "$PID_EMB")
[[ $MYSQL == 1 ]] && RSS["dynoj-mysql"]=$(rss_kb "$PID_MY")
PROXIES="$WORK/proxies.csv"  # name,rss_kb,ticks_p1,ticks_p16
{
  echo "twemproxy,${RSS[twemproxy]},${CPU[twemproxy,1]},${CPU[twemproxy,16]}"
  echo "dynoj (io_threads $DYNOJ_IO_THREADS),${RSS[dynoj]},${CPU[dynoj,1]},${CPU[dynoj,16]}"
  if [[ $EMBEDDED == 1 ]]; then
    echo "dynoj-leveldb (io_threads $DYNOJ_IO_THREADS; includes the store),${RSS[dynoj-leveldb]},${CPU[dynoj-leveldb,1]},${CPU[dynoj-leveldb,16]}"
  fi
  if [[ $MYSQL == 1 ]]; then
    # ticks scaled from MYSQL_N to N requests, so that the per-request figure below is right
    echo "dynoj-mysql (the node; not the database),${RSS[dynoj-mysql]},$(( ${CPU[dynoj-mysql,1]:-0} * N / MYSQL_N )),$(( ${CPU[dynoj-mysql,16]:-0} * N / MYSQL_N ))"
  fi
  if [[ $CLUSTER == 1 ]]; then
    replicas_rss=0
    for r in "${PID_REPLICAS[@]}"; do replicas_rss=$(( replicas_rss + $(rss_kb "$r") )); done
    for level in "${LEVELS[@]}"; do
      t="cluster-$level"
      echo "$t node 1 (io_threads $CLUSTER_IO_THREADS),${RSS[$t]},${CPU[$t,1]},${CPU[$t,16]}"
      echo "$t nodes 2+3 (replicas; sum),$replicas_rss,${CPU[$t-replicas,1]},${CPU[$t-replicas,16]}"
    done
  fi
} >"$PROXIES"

# Per-run table, summary (median over rounds) and the proxy figures, as text and markdown.
python3 - "$RESULTS" "$ROUNDS" "$N" "$CLK_TCK" "$PROXIES" "$OUT" "$(nproc)" "$LOAD_START" "$LOAD_END" \
  "${CLUSTER_DBSIZE:-}" "${TARGETS[@]}" <<'EOF'
import csv, statistics, sys
(path, rounds, n, tck, proxies_path, out, ncpu, load0, load1, dbsize) = sys.argv[1:11]
TARGETS = sys.argv[11:]
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

reqs = rounds * 2 * n  # SET + GET, per P
us = lambda ticks: f"{int(ticks) / tck / reqs * 1e6:.2f}" if ticks else "-"
proxy_header = ["proxy", "RSS after run (MiB)", "CPU us/request P1", "CPU us/request P16"]
proxy = [[name, f"{int(rss) / 1024:.1f}", us(t1), us(t16)] for name, rss, t1, t16 in csv.reader(open(proxies_path))]

print(f"\nPer run (N={n}, 50 clients, 64-byte values, 100000 keys; x direct = requests/s over direct redis in the same round)\n")
print(table(["round"] + header, per_run))
print(f"\nSummary: median over {rounds} round(s)\n")
print(table(header, summary))
machine = f"{ncpu} CPUs; load average (1/5/15 min) {load0} before the measured runs, {load1} after"
print(f"\n{machine}")
print("\nProxy processes (CPU = utime+stime of the whole process over its measured runs / requests)\n")
print(table(proxy_header, proxy))
if dbsize:
    print(f"\nCluster: keys per rack at the end (DBSIZE r1/r2/r3): {'/'.join(dbsize.split())}")
if out:
    with open(out, "w") as f:
        f.write(f"Median over {rounds} round(s); N={n} requests per test, 50 clients, -r 100000, -d 64. "
                "\"x direct\" is requests/s divided by direct redis's in the same round (median of the per-round ratios). "
                f"{machine}.\n\n")
        f.write(markdown(header, summary) + "\n\n")
        f.write(markdown(proxy_header, proxy) + "\n\n")
        if dbsize:
            f.write(f"Cluster: keys per rack at the end (DBSIZE r1/r2/r3): {'/'.join(dbsize.split())}\n\n")
        f.write("Every run:\n\n" + markdown(["round"] + header, per_run) + "\n")
    print(f"\n(markdown written to {out})")
EOF
if [[ $CHECK_FAILED -ne 0 ]]; then
  echo "redis-bench: a check failed (see above: request counts or cluster racks); the figures are not valid" >&2
  exit 1
fi
