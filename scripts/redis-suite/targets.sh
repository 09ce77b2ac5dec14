# Starting the targets of scripts/redis-suite.sh (sourced by it, not run alone).
#
# start_target NAME starts a target's redis-servers and Dynoj nodes in $tmp/NAME, each on free
# loopback ports, waits until they answer (for a cluster: until a write through each node is read
# through every other), and sets:
#   entry_port       where the suite's client connects
#   backend_ports    the redis-servers started (reset_backends puts their settings back)
#   rack_endpoints   one HOST:PORT per rack to compare after each unit (empty: not a cluster)
#   rack_mode        --node when those are Dynoj nodes, empty when they are redis-servers
# Every process started is added to pids (stop_all stops them).

# Settings the units change with CONFIG SET and, in external mode, leave behind (Redis 7.0's defaults).
BACKEND_DEFAULTS=(proto-max-bulk-len 512mb client-query-buffer-limit 1gb maxmemory 0
  list-max-listpack-size -2 list-compress-depth 0 hash-max-listpack-entries 128 hash-max-listpack-value 64
  zset-max-listpack-entries 128 zset-max-listpack-value 64 set-max-intset-entries 512 appendonly no save "")

free_ports() {   # N: N distinct free loopback ports, one a line
  python3 - "$1" <<'EOF'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print("\n".join(str(s.getsockname()[1]) for s in socks))
EOF
}

wait_ping() {   # port seconds pid: until PING answers PONG; fails if the process died or time ran out
  local deadline=$((SECONDS + $2))
  while [ $SECONDS -lt "$deadline" ]; do
    kill -0 "$3" 2>/dev/null || return 1
    [ "$(redis-cli -p "$1" ping 2>/dev/null)" = PONG ] && return 0
    sleep 0.5
  done
  return 1
}

start_redis() {   # dir port
  mkdir -p "$1"
  redis-server --bind 127.0.0.1 --port "$2" --save '' --appendonly no --dir "$1" \
    --logfile "$1/redis-$2.log" --daemonize no >/dev/null 2>&1 &
  pids+=($!)
  wait_ping "$2" 30 $! || { echo "redis-server on $2 did not start" >&2; return 1; }
  backend_ports+=("$2")
}

start_node() {   # dir name config-file client-port
  mkdir -p "$1/$2-logs"
  DYNOJ_HEAP="${DYNOJ_HEAP:-512m}" DYNOJ_LOG_DIR="$1/$2-logs" "$home/bin/dynoj" -c "$3" >"$1/$2.out" 2>&1 &
  pids+=($!)
  wait_ping "$4" 180 $! || { echo "node $2 on $4 did not start (see $1/$2.out)" >&2; return 1; }
}

node_config() {   # name port admin-port datastore-lines...: the common part of a node's file
  local name="$1" port="$2" admin="$3"; shift 3
  printf 'suite:\n  listen: 127.0.0.1:%s\n  stats_listen: 127.0.0.1:%s\n  allow_flush_all: true\n' "$port" "$admin"
  printf '  %s\n' "$@"
}

datastore_lines() {   # store dir name [redis-port]: the lines that say where a node keeps its data
  if [ "$1" = redis ]; then
    printf '%s\n' "servers:" "- 127.0.0.1:$4:1"
  else
    printf '%s\n' "datastore: leveldb" "data_dir: $2/$3-data"
  fi
}

start_single() {   # dir store
  local dir="$1" store="$2" ports
  mapfile -t ports < <(free_ports 3)
  [ "$store" = redis ] && { start_redis "$dir" "${ports[2]}" || return 1; }
  local lines; mapfile -t lines < <(datastore_lines "$store" "$dir" node1 "${ports[2]}")
  node_config node1 "${ports[0]}" "${ports[1]}" "${lines[@]}" >"$dir/node1.yml"
  start_node "$dir" node1 "$dir/node1.yml" "${ports[0]}" || return 1
  entry_port=${ports[0]}
}

start_cluster() {   # dir store: 3 racks of one node (token 0: it owns its whole rack)
  local dir="$1" store="$2" ports r j
  mapfile -t ports < <(free_ports 12)   # per node r (0..2): client 4r, peer 4r+1, admin 4r+2, redis 4r+3
  for r in 0 1 2; do
    [ "$store" = redis ] && { start_redis "$dir" "${ports[4*r+3]}" || return 1; }
    local lines; mapfile -t lines < <(datastore_lines "$store" "$dir" "node$((r + 1))" "${ports[4*r+3]}")
    lines+=("dyn_listen: 127.0.0.1:${ports[4*r+1]}" "datacenter: dc1" "rack: rack$((r + 1))" "tokens: '0'"
            "read_consistency: $consistency" "write_consistency: $consistency" "dyn_seeds:")
    for j in 0 1 2; do
      [ "$j" = "$r" ] || lines+=("- 127.0.0.1:${ports[4*j+1]}:rack$((j + 1)):dc1:0")
    done
    node_config "node$((r + 1))" "${ports[4*r]}" "${ports[4*r+2]}" "${lines[@]}" >"$dir/node$((r + 1)).yml"
  done
  for r in 0 1 2; do
    start_node "$dir" "node$((r + 1))" "$dir/node$((r + 1)).yml" "${ports[4*r]}" || return 1
  done
  entry_port=${ports[0]}
  if [ "$store" = redis ]; then
    rack_endpoints=("127.0.0.1:${ports[3]}" "127.0.0.1:${ports[7]}" "127.0.0.1:${ports[11]}"); rack_mode=""
  else
    rack_endpoints=("127.0.0.1:${ports[0]}" "127.0.0.1:${ports[4]}" "127.0.0.1:${ports[8]}"); rack_mode=--node
  fi
  wait_connected "${ports[0]}" "${ports[4]}" "${ports[8]}"
}

wait_connected() {   # client ports: until a write through each node is read through every other node
  local deadline=$((SECONDS + 120)) from to ok
  while [ $SECONDS -lt $deadline ]; do
    ok=1
    for from in "$@"; do
      redis-cli -p "$from" set "redis-suite-probe-$from" x >/dev/null 2>&1 || ok=0
      for to in "$@"; do
        [ "$(printf 'DYNOJ CONSISTENCY READ DC_ONE\nGET redis-suite-probe-%s\n' "$from" \
             | redis-cli -p "$to" 2>/dev/null | tail -1)" = x ] || ok=0
      done
    done
    if [ "$ok" = 1 ]; then
      for from in "$@"; do redis-cli -p "$1" del "redis-suite-probe-$from" >/dev/null; done
      return 0
    fi
    sleep 1
  done
  echo "the cluster's nodes did not connect to each other in 120 s" >&2
  return 1
}

start_target() {   # name
  local dir="$tmp/$1"
  mkdir -p "$dir"
  entry_port=""; backend_ports=(); rack_endpoints=(); rack_mode=""
  case "$1" in
    redis-direct)
      local port; port=$(free_ports 1)
      start_redis "$dir" "$port" && entry_port=$port ;;
    leveldb) start_single "$dir" leveldb ;;
    redis) start_single "$dir" redis ;;
    cluster-redis) start_cluster "$dir" redis ;;
    cluster-leveldb) start_cluster "$dir" leveldb ;;
  esac
}

reset_backends() {
  local p
  for p in "${backend_ports[@]}"; do
    redis-cli -p "$p" config set "${BACKEND_DEFAULTS[@]}" >/dev/null
  done
}
