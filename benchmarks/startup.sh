#!/usr/bin/env bash
# startup.sh: how long a Dynoj node takes from launch to its first answered PING.
#
# What it measures, RUNS times each (interleaved, so drifting machine load hits all targets alike):
#   single          `bin/dynoj -c FILE` of one node on the embedded LevelDB store (the default
#                   configuration's shape: conf/dynoj.yml with free ports and a data directory of its own)
#   cluster-all     three nodes of a 3-rack cluster (one datacenter, one node per rack, embedded LevelDB,
#                   each listing the two others as dyn_seeds) launched at the same moment, as after a
#                   whole-cluster restart; each node's own launch-to-PING time is one sample
#   cluster-restart node 1 of that cluster stopped (SIGTERM) and launched again while nodes 2 and 3 run:
#                   the restart that is part of a failure's recovery time
#   single-nocds    the same node with DYNOJ_CDS=off: without the distribution's class-data sharing archive
#   jvm             `java -version` with the launcher's JVM, for the floor no node can go under
# and, with BASELINE_DIST=DIR, `single-base`: the same single node from another distribution (e.g. built
# from main before a change). The single-node targets run one after the other, in reverse order every other run.
#
# The time is taken by a small python driver: the clock starts just before it launches bin/dynoj, then it
# connects and sends a RESP PING every 5 ms until a reply "+PONG" arrives. The data directories are kept
# from run to run (every run after the first is a restart on existing data, as in a recovery). After each
# run, the node's own "started in" line (DynojNode logs what each step cost) is printed for the last run.
#
# Environment:
#   RUNS=5            runs per target; the summary gives the median, min and max
#   CLUSTER=1         0: single node only
#   START_TIMEOUT=120 seconds a launched group may take to answer PING before the script gives up
#   DYNOJ_DIST=DIR    the unpacked distribution to run (default distribution/target/dynoj-0.1.0-SNAPSHOT),
#                     where it is. Its class-data sharing archive serves only the directory it was made for:
#                     in a copy, the first node writes one at its exit and later starts use it (bin/dynoj)
#   BASELINE_DIST=DIR also measure this distribution's single node (single-base)
#   OUT=FILE          also write the summary as markdown to FILE
#   (DYNOJ_HEAP, DYNOJ_DIRECT_MEMORY, DYNOJ_CDS, JAVA_OPTS are passed on to bin/dynoj)
#
# Needs python3. Numbers are wall-clock times on whatever else the machine is doing: the script prints
# `uptime` before and after; compare targets measured in the same run.
set -euo pipefail

RUNS="${RUNS:-5}"
CLUSTER="${CLUSTER:-1}"
OUT="${OUT:-}"
BASELINE_DIST="${BASELINE_DIST:-}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
DIST="$(cd "${DYNOJ_DIST:-$REPO_ROOT/distribution/target/dynoj-0.1.0-SNAPSHOT}" && pwd)"
[[ -x "$DIST/bin/dynoj" ]] || { echo "startup: no bin/dynoj in $DIST (./mvnw -q -pl distribution -am package -Dmaven.test.skip=true)" >&2; exit 1; }
[[ -z $BASELINE_DIST || -x "$BASELINE_DIST/bin/dynoj" ]] || { echo "startup: no bin/dynoj in BASELINE_DIST=$BASELINE_DIST" >&2; exit 1; }
command -v python3 >/dev/null || { echo "startup: python3 not found" >&2; exit 1; }
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dynoj-startup.XXXXXX")"
PIDS=()
stop_pid() { # pid: TERM, up to 10 s, then KILL
  kill "$1" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  if [[ $status -ne 0 ]]; then echo "startup: failed (status $status); logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The driver: launch NAME PORT LOG DIST CONF ... (one group launched at once); prints "NAME PID MS" per
# node once each answered PING, and leaves the nodes running. Exit 1 (its nodes stopped) if one exits or
# all have not answered within START_TIMEOUT.
cat >"$WORK/launch.py" <<'EOF'
import os, socket, subprocess, sys, time
TIMEOUT, args, nodes = int(os.environ.get("START_TIMEOUT", "120")), sys.argv[1:], []
while args:
    name, port, logdir, dist, conf, args = args[0], int(args[1]), args[2], args[3], args[4], args[5:]
    nodes.append((name, port, logdir, dist, conf))
procs, done, cpu = {}, {}, {}
def cpu_ms(pid):  # utime + stime of the JVM so far (bin/dynoj execs java): less disturbed by other load than wall time
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
start = time.monotonic()
for name, port, logdir, dist, conf in nodes:
    env = dict(os.environ, DYNOJ_LOG_DIR=logdir)
    out = open(logdir + ".out", "ab")
    procs[name] = subprocess.Popen([dist + "/bin/dynoj", "-c", conf], env=env, stdout=out, stderr=subprocess.STDOUT)
def fail(msg):
    for p in procs.values():
        p.terminate()
    for p in procs.values():
        p.wait()
    sys.exit(msg)
def pong(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"*1\r\n$4\r\nPING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False
while len(done) < len(nodes):
    for name, port, logdir, dist, conf in nodes:
        if name in done:
            continue
        if pong(port):
            done[name] = (time.monotonic() - start) * 1000
            cpu[name] = cpu_ms(procs[name].pid)
        elif procs[name].poll() is not None:
            fail("startup: %s exited with %s during start-up (see %s.out)" % (name, procs[name].returncode, logdir))
    if time.monotonic() - start > TIMEOUT:
        fail("startup: not every node answered PING within %d s" % TIMEOUT)
    time.sleep(0.005)
for name, port, logdir, dist, conf in nodes:
    print(name, procs[name].pid, "%.0f" % done[name], "%.0f" % cpu[name])
EOF

free_ports() { # n -> n distinct free loopback ports below the ephemeral range
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
        s.bind(("127.0.0.1", port)); socks.append(s)
    except OSError:
        s.close()
    port += 1
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}
read -r P_S P_S_ADM P_B P_B_ADM C0 C1 C2 D0 D1 D2 A0 A1 A2 <<<"$(free_ports 13)"
CLIENT=("$C0" "$C1" "$C2"); PEER=("$D0" "$D1" "$D2"); ADMIN=("$A0" "$A1" "$A2")

single_config() { # client-port admin-port data-dir
  cat <<EOF
dyn_o_mite:
  listen: 127.0.0.1:$1
  stats_listen: 127.0.0.1:$2
  data_store: redis
  datastore: leveldb
  data_dir: $3
  tokens: '0'
  datacenter: dc1
  rack: rack1
EOF
}
cluster_config() { # node index 0..2
  local i=$1 j
  echo "dyn_o_mite:"
  echo "  listen: 127.0.0.1:${CLIENT[$i]}"
  echo "  dyn_listen: 127.0.0.1:${PEER[$i]}"
  echo "  stats_listen: 127.0.0.1:${ADMIN[$i]}"
  echo "  dyn_seeds:"
  for j in 0 1 2; do [[ $j -ne $i ]] && echo "  - 127.0.0.1:${PEER[$j]}:r$((j + 1)):dc1:0"; done
  echo "  data_store: redis"
  echo "  datastore: leveldb"
  echo "  data_dir: $WORK/cluster-data-$i"
  echo "  tokens: '0'"
  echo "  datacenter: dc1"
  echo "  rack: r$((i + 1))"
}
single_config "$P_S" "$P_S_ADM" "$WORK/single-data" >"$WORK/single.yml"
single_config "$P_B" "$P_B_ADM" "$WORK/base-data" >"$WORK/single-base.yml"
for i in 0 1 2; do cluster_config "$i" >"$WORK/cluster-$i.yml"; done

declare -A SAMPLES   # target -> space-separated ms
record() { SAMPLES[$1]="${SAMPLES[$1]:-} $2"; }
launch() { # NAME PORT DIST CONF [...]: launches the group, records each node's ms, stops nothing; sets LAUNCHED (name=pid ...)
  local args=() line name pid ms
  while (($#)); do args+=("$1" "$2" "$WORK/logs-$1" "$3" "$4"); shift 4; done
  LAUNCHED=()
  while read -r name pid ms cpu; do
    [[ $name == FAILED ]] && exit 1   # the driver stopped the group's nodes and said why
    PIDS+=("$pid"); LAUNCHED+=("$name=$pid"); record "${name%%#*}" "$ms"; record "${name%%#*}-cpu" "$cpu"
    echo "startup: $name answered PING after $ms ms ($cpu ms of CPU)" >&2
  done < <(python3 "$WORK/launch.py" "${args[@]}" || echo "FAILED")
}
stop_launched() { local e; for e in "${LAUNCHED[@]}"; do stop_pid "${e#*=}"; done; }
pid_of() { local e; for e in "${LAUNCHED[@]}"; do [[ ${e%%=*} == "$1" ]] && echo "${e#*=}"; done; }

echo "startup: $(uptime)" >&2
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq "$RUNS"); do
  start=$(date +%s%N); "$JAVA" -Xshare:auto -version >/dev/null 2>&1; record jvm $(( ($(date +%s%N) - start) / 1000000 ))
  order=(single single-nocds); [[ -n $BASELINE_DIST ]] && order+=(single-base)
  ((run % 2)) || order=("$(printf '%s\n' "${order[@]}" | tac)")
  for t in ${order[*]}; do
    case $t in
      single) launch single "$P_S" "$DIST" "$WORK/single.yml" ;;
      single-nocds) DYNOJ_CDS=off launch single-nocds "$P_S" "$DIST" "$WORK/single.yml" ;;
      single-base) launch single-base "$P_B" "$BASELINE_DIST" "$WORK/single-base.yml" ;;
    esac
    stop_launched
  done
  if [[ $CLUSTER == 1 ]]; then
    launch "cluster-all#1" "$C0" "$DIST" "$WORK/cluster-0.yml" "cluster-all#2" "$C1" "$DIST" "$WORK/cluster-1.yml" \
      "cluster-all#3" "$C2" "$DIST" "$WORK/cluster-2.yml"
    others=("$(pid_of 'cluster-all#2')" "$(pid_of 'cluster-all#3')")
    stop_pid "$(pid_of 'cluster-all#1')"
    launch "cluster-restart" "$C0" "$DIST" "$WORK/cluster-0.yml"
    stop_launched
    for pid in "${others[@]}"; do stop_pid "$pid"; done
  fi
done
echo "startup: $(uptime)" >&2
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

summary() {
  echo "launch to first PING (wall clock) and the JVM's CPU time until then (user + sys, all threads), ms;"
  echo "RUNS=$RUNS; load average before: $LOAD_BEFORE, after: $LOAD_AFTER"
  echo
  echo "| target | samples | median | min | max | every sample | CPU median | CPU every sample |"
  echo "|---|---:|---:|---:|---:|---|---:|---|"
  local t
  for t in jvm single single-nocds single-base cluster-all cluster-restart; do
    [[ -n ${SAMPLES[$t]:-} ]] || continue
    python3 - "$t" "${SAMPLES[$t]}" "${SAMPLES[$t-cpu]:-}" <<'EOF'
import statistics, sys
t, xs, cs = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
cpu = ("%.0f" % statistics.median(cs), " ".join("%.0f" % x for x in cs)) if cs else ("", "")
print("| %s | %d | %.0f | %.0f | %.0f | %s | %s | %s |" % (t, len(xs), statistics.median(xs), min(xs), max(xs),
      " ".join("%.0f" % x for x in xs), cpu[0], cpu[1]))
EOF
  done
  echo
  echo "The node's own account of its last single start (DynojNode, INFO):"
  echo
  echo '```'
  grep -h 'started in' "$WORK/logs-single/dynoj.log" 2>/dev/null | tail -1 | sed 's/^.* - //' || true
  echo '```'
}
summary | tee ${OUT:+"$OUT"}
