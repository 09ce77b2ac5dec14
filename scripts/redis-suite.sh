#!/usr/bin/env bash
# Runs Redis's own test suite (the tests/unit TCL units of a Redis 7.0.x source tree, in its
# external-server mode) against Dynoj, and writes the results to docs/COMPATIBILITY.md.
#
#   scripts/redis-suite.sh [options] [REDIS_SRC]
#
# REDIS_SRC (or the environment variable of that name): a Redis 7.0.x source tree; only its runtest
# script and tests/ directory are used, nothing is built there. It is not part of this repository:
#   git clone --depth 1 --branch 7.0.15 https://github.com/redis/redis /tmp/redis-7.0.15
# Needs tclsh 8.5+ (Debian: tcl), redis-server and redis-cli (redis-server, redis-tools), python3,
# JDK 17. Not run by CI, which cannot download the sources.
#
# Targets, each started here from the built distribution (bin/dynoj -c <config written to a temp dir>,
# allow_flush_all: true because the suite flushes before every unit) and stopped after its units:
#   redis-direct     a redis-server alone: the control (what the suite gives without Dynoj)
#   leveldb          one Dynoj node on the embedded LevelDB store
#   redis            one Dynoj node in front of a redis-server
#   cluster-redis    3 racks of one node each, each node in front of its own redis-server
#   cluster-leveldb  the same on LevelDB
# The suite's client talks to the first node. After each unit on a cluster, every rack's data is
# compared (scripts/redis-suite/compare_racks.py: the redis-servers read directly, the LevelDB nodes
# each read alone at DC_ONE, so from their own rack).
#
# Each unit runs alone (--single), one at a time, with --singledb --durable --ignore-encoding
# --ignore-digest and the tags -needs:debug -needs:repl -resp3 (DEBUG, SYNC and RESP3 are not
# served by Dynoj, as documented), so one failing test does not stop its unit and tests that need
# DEBUG, replication or RESP3 are counted as skipped. A redis-server's settings are put back to its
# defaults before each unit (units in external mode leave CONFIG SET changes behind, e.g.
# proto-max-bulk-len 10gb, which makes protocol's test of a 2 GB bulk wait for it forever).
#
# Options:
#   --targets LIST      comma-separated targets (default: all five, in the order above)
#   --units LIST        comma-separated units (default: the 14 of issue 20, see UNITS below)
#   --consistency LVL   read and write consistency of the cluster nodes (default DC_ONE)
#   --skip-slow         also skip tests tagged slow (list-3's and zset's fuzzers, LTRIM stress)
#   --no-build          use the distribution already built (default: ./mvnw -q -Dmaven.test.skip=true package)
#   --dist DIR          use this unpacked distribution (e.g. one built from another checkout); implies --no-build
#   --results DIR       where the logs of each target and unit are kept (default target/redis-suite);
#                       the report covers every target found there, so a run of one target updates
#                       its column and keeps the others
#   --report-only       write the report from DIR without running anything
#   --out FILE          the report (default docs/COMPATIBILITY.md; - for standard output)
#   --keep              keep the temporary directory (configs, node and server logs) and print it
# Environment: REDIS_SRC, DYNOJ_HEAP (default 512m per node), JAVA_HOME, SUITE_UNIT_TIMEOUT (seconds a
# unit may take in all, default 1800).
#
# The failures' causes come from scripts/redis-suite/causes.tsv (a pattern on the test name and its
# error text -> a cause and whether it is a documented limitation or a defect); a failure no pattern
# matches is listed as unclassified. Exit status: 0 when the run completed (failures or not), 1 when
# a target could not be started, 2 on bad usage.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
here="$repo/scripts/redis-suite"

UNITS="type/string,type/incr,keyspace,expire,type/hash,type/list,type/list-2,type/list-3,type/set,type/zset,protocol,quit,info-command,introspection"
TARGETS="redis-direct,leveldb,redis,cluster-redis,cluster-leveldb"
consistency=DC_ONE
build=1
report_only=0
keep=0
skip_slow=0
results="$repo/target/redis-suite"
out="$repo/docs/COMPATIBILITY.md"
src="${REDIS_SRC:-}"
home=""

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --targets) TARGETS="$2"; shift 2 ;;
    --units) UNITS="$2"; shift 2 ;;
    --consistency) consistency="$2"; shift 2 ;;
    --skip-slow) skip_slow=1; shift ;;
    --no-build) build=0; shift ;;
    --dist) home="$(realpath "$2")"; build=0; shift 2 ;;
    --results) results="$(realpath -m "$2")"; shift 2 ;;
    --report-only) report_only=1; shift ;;
    --out) out="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage ;;
    -*) echo "redis-suite: unknown option $1" >&2; usage ;;
    *) src="$1"; shift ;;
  esac
done

report() { python3 "$here/report.py" --results "$results" --causes "$here/causes.tsv" --out "$out"; }
if [ "$report_only" = 1 ]; then report; exit 0; fi

if [ -z "$src" ] || [ ! -f "$src/tests/test_helper.tcl" ] || [ ! -f "$src/src/version.h" ]; then
  echo "redis-suite: give a Redis 7.0.x source tree (argument or REDIS_SRC), e.g." >&2
  echo "  git clone --depth 1 --branch 7.0.15 https://github.com/redis/redis /tmp/redis-7.0.15" >&2
  exit 2
fi
src=$(realpath "$src")
redis_version=$(sed -n 's/.*REDIS_VERSION "\(.*\)".*/\1/p' "$src/src/version.h")
case "$redis_version" in 7.0.*) ;; *) echo "redis-suite: $src is Redis $redis_version, not 7.0.x" >&2; exit 2 ;; esac
for program in tclsh redis-server redis-cli python3 java; do
  command -v "$program" >/dev/null || { echo "redis-suite: $program is not installed" >&2; exit 2; }
done
IFS=, read -r -a units <<<"$UNITS"
IFS=, read -r -a targets <<<"$TARGETS"
for t in "${targets[@]}"; do
  case "$t" in redis-direct|leveldb|redis|cluster-redis|cluster-leveldb) ;;
    *) echo "redis-suite: unknown target $t" >&2; exit 2 ;; esac
done

if [ "$build" = 1 ]; then
  echo "redis-suite: building the distribution"
  ./mvnw -B -q -ntp -Dmaven.test.skip=true package
fi
if [ -z "$home" ]; then
  version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
  home="$repo/distribution/target/dynoj-$version"
fi
[ -x "$home/bin/dynoj" ] || { echo "redis-suite: no distribution at $home (build it, or drop --no-build)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/redis-suite.XXXXXX)
pids=()
stop_all() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  pids=()
}
finish() { stop_all; if [ "$keep" = 1 ]; then echo "redis-suite: kept $tmp"; else rm -rf "$tmp"; fi; }
trap finish EXIT
trap 'exit 130' INT TERM

source "$here/targets.sh"

run_unit() {   # target unit port: runs one unit, its log in $results/$target/<unit>.log
  local target="$1" unit="$2" port="$3"
  local log="$results/$target/${unit//\//_}.log" tags=(--tags -needs:debug --tags -needs:repl --tags -resp3)
  [ "$skip_slow" = 1 ] && tags+=(--tags -slow)
  local start=$SECONDS
  (cd "$src" && TERM=dumb timeout "${SUITE_UNIT_TIMEOUT:-1800}" tclsh tests/test_helper.tcl \
      --host 127.0.0.1 --port "$port" --singledb --durable --ignore-encoding --ignore-digest \
      --timeout 300 "${tags[@]}" --single "unit/$unit") >"$log" 2>&1 || true
  echo "seconds $((SECONDS - start))" >>"$log"
  printf '  %-14s %4ss  ok %-4s err %-4s skipped %s\n' "$unit" $((SECONDS - start)) \
    "$(grep -c '^\[ok\]' "$log")" "$(grep -c '^\[err\]' "$log")" "$(grep -c '^\[ignore\]' "$log")"
}

started_any=0
for target in "${targets[@]}"; do
  echo "redis-suite: target $target"
  rm -rf "${results:?}/$target"; mkdir -p "$results/$target"
  if ! start_target "$target"; then
    echo "redis-suite: $target did not start; its logs are in $tmp/$target" >&2
    echo "start failed" >"$results/$target/FAILED"
    stop_all; keep=1; continue
  fi
  started_any=1
  {
    echo "target=$target"; echo "redis_version=$redis_version"; echo "date=$(date -u +%Y-%m-%d)"
    echo "commit=$(git -C "$home/../../.." rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$home/../../.." diff --quiet HEAD -- . ':!docs' ':!scripts' 2>/dev/null || echo +changes)"
    echo "consistency=$consistency"; echo "skip_slow=$skip_slow"; echo "units=$UNITS"
  } >"$results/$target/meta"
  for unit in "${units[@]}"; do
    reset_backends
    run_unit "$target" "$unit" "$entry_port"
    if [ "${#rack_endpoints[@]}" -gt 0 ]; then
      racks=$(python3 "$here/compare_racks.py" $rack_mode "${rack_endpoints[@]}" || true)
      echo "$racks" >"$results/$target/${unit//\//_}.racks"
      echo "                 ${racks%%$'\n'*}"
    fi
  done
  stop_all
done

[ "$started_any" = 1 ] || exit 1
report
