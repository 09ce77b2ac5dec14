#!/usr/bin/env bash
# tls-bench.sh: what TLS costs, measured in one run.
#
# What it measures: redis-benchmark (SET and GET, 64-byte values, 100000 random keys, 50 clients,
# pipeline depth 1 and 16, with --tls where it applies) against four targets sharing one redis-server:
#   direct       the redis-server's plain port
#   direct-tls   the same redis-server's --tls-port (what TLS costs Redis itself)
#   dynoj        a Dynoj node's plain client port (listen), in front of that redis-server's plain port
#   dynoj-tls    the same node's listen_tls port: same JVM, same backend connections, only TLS differs
# The node is warmed up first on both ports (WARMUP requests at P16, unreported). Targets are run
# interleaved (per round and pipeline depth, in an order that rotates from round to round) so drifting
# machine load hits all alike. Certificates (EC P-256, a test CA) are made here with openssl; TLS 1.3 is
# negotiated. The summary gives, per test and pipeline depth, the median over rounds of requests/s and
# of the ratios dynoj-tls/dynoj and direct-tls/direct within a round: on a shared 2-core machine only
# the ratios mean something.
#
# Environment: N=200000 (requests per test), WARMUP=300000, ROUNDS=3, DYNOJ_IO_THREADS=0 (the default),
#   DYNOJ_DIST=DIR (default distribution/target/dynoj-0.1.0-SNAPSHOT, built if missing), OUT=FILE (the
#   summary as markdown too). Needs redis-server and redis-benchmark built with TLS, openssl, python3.
set -euo pipefail

N="${N:-200000}"
WARMUP="${WARMUP:-300000}"
ROUNDS="${ROUNDS:-3}"
DYNOJ_IO_THREADS="${DYNOJ_IO_THREADS:-0}"
OUT="${OUT:-}"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
DIST="${DYNOJ_DIST:-$REPO_ROOT/distribution/target/dynoj-0.1.0-SNAPSHOT}"

for tool in redis-server redis-benchmark redis-cli openssl python3; do
  command -v "$tool" >/dev/null || { echo "tls-bench: $tool not found" >&2; exit 1; }
done
redis-benchmark --help 2>&1 | grep -q -- '--tls' || { echo "tls-bench: redis-benchmark has no --tls" >&2; exit 1; }
if [[ ! -x "$DIST/bin/dynoj" ]]; then
  echo "tls-bench: no distribution at $DIST, building it" >&2
  (cd "$REPO_ROOT" && ./mvnw -q -pl distribution -am package -Dmaven.test.skip=true)
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dynoj-tls-bench.XXXXXX")"
PIDS=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ $status -ne 0 ]]; then echo "tls-bench: failed (status $status); logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cp -a "$DIST" "$WORK/dist"

read -r P_REDIS P_REDIS_TLS P_DYNOJ P_DYNOJ_TLS P_STATS < <(python3 - <<'EOF'
import socket
socks = []
for _ in range(5):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
)

# A CA and one certificate for 127.0.0.1, used by the redis-server and the node alike.
ssl() { openssl "$@" >/dev/null 2>&1; }
ssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$WORK/ca.key" -out "$WORK/ca.crt" \
  -days 2 -subj /CN=tls-bench-ca
ssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$WORK/node.key" -out "$WORK/node.csr" \
  -subj /CN=127.0.0.1
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n' >"$WORK/ext"
ssl x509 -req -in "$WORK/node.csr" -CA "$WORK/ca.crt" -CAkey "$WORK/ca.key" -set_serial 7 -days 2 \
  -extfile "$WORK/ext" -out "$WORK/node.crt"

wait_ping() { # what pid redis-cli-args...
  for _ in $(seq 300); do
    [[ "$(redis-cli "${@:3}" ping 2>/dev/null || true)" == "PONG" ]] && return 0
    kill -0 "$2" 2>/dev/null || { echo "tls-bench: $1 exited during start-up (logs in $WORK)" >&2; return 1; }
    sleep 0.1
  done
  echo "tls-bench: $1 did not answer PING within 30 s" >&2; return 1
}
TLS_ARGS=(--tls --cacert "$WORK/ca.crt")

redis-server --port "$P_REDIS" --bind 127.0.0.1 --save "" --appendonly no --daemonize no --dir "$WORK" \
  --logfile "$WORK/redis.log" --tls-port "$P_REDIS_TLS" --tls-cert-file "$WORK/node.crt" \
  --tls-key-file "$WORK/node.key" --tls-ca-cert-file "$WORK/ca.crt" --tls-auth-clients no &
PIDS+=($!)
wait_ping redis-server $! -p "$P_REDIS"

cat >"$WORK/dynoj.yml" <<EOF
dyn_o_mite:
  listen: 127.0.0.1:$P_DYNOJ
  listen_tls: 127.0.0.1:$P_DYNOJ_TLS
  tls_cert_file: $WORK/node.crt
  tls_key_file: $WORK/node.key
  stats_listen: 127.0.0.1:$P_STATS
  data_store: 0
  servers:
  - 127.0.0.1:$P_REDIS:1
  tokens: '0'
  io_threads: $DYNOJ_IO_THREADS
EOF
DYNOJ_LOG_DIR="$WORK/dynoj-logs" "$WORK/dist/bin/dynoj" -c "$WORK/dynoj.yml" >"$WORK/dynoj.out" 2>&1 &
PIDS+=($!)
wait_ping dynoj $! -p "$P_DYNOJ"
wait_ping dynoj-tls "${PIDS[-1]}" -p "$P_DYNOJ_TLS" "${TLS_ARGS[@]}"

declare -A PORT=([direct]=$P_REDIS [direct-tls]=$P_REDIS_TLS [dynoj]=$P_DYNOJ [dynoj-tls]=$P_DYNOJ_TLS)
bench() { # target pipeline requests -> CSV lines "TEST,rps"
  local extra=()
  [[ $1 == *-tls ]] && extra=("${TLS_ARGS[@]}")
  redis-benchmark -h 127.0.0.1 -p "${PORT[$1]}" "${extra[@]}" -t set,get -n "$3" -c 50 -r 100000 -d 64 -P "$2" --csv \
    | awk -F'","|"' 'NR > 1 && NF > 2 { print $2 "," $3 }'
}

echo "tls-bench: warming up the node (plain and TLS, $WARMUP requests each at P16)" >&2
bench dynoj 16 "$WARMUP" >/dev/null
bench dynoj-tls 16 "$WARMUP" >/dev/null

TARGETS=(direct direct-tls dynoj dynoj-tls)
RESULTS="$WORK/results.csv"  # round,pipeline,target,test,rps
for round in $(seq "$ROUNDS"); do
  for p in 1 16; do
    for i in 0 1 2 3; do
      target=${TARGETS[$(((i + round) % 4))]}
      bench "$target" "$p" "$N" | while IFS=, read -r test rps; do
        echo "$round,$p,$target,$test,$rps" | tee -a "$RESULTS" >&2
      done
    done
  done
done

python3 - "$RESULTS" "$OUT" <<'EOF'
import csv, statistics, sys
rows = list(csv.reader(open(sys.argv[1])))
rps = {(int(r[0]), int(r[1]), r[2], r[3]): float(r[4]) for r in rows}
rounds = sorted({k[0] for k in rps})
lines = ["| test | P | direct | direct-tls | direct-tls/direct | dynoj | dynoj-tls | dynoj-tls/dynoj |",
         "|---|---|---|---|---|---|---|---|"]
for test in ("SET", "GET"):
    for p in (1, 16):
        med = lambda t: statistics.median(rps[(r, p, t, test)] for r in rounds)
        ratio = lambda a, b: statistics.median(rps[(r, p, a, test)] / rps[(r, p, b, test)] for r in rounds)
        lines.append(f"| {test} | {p} | {med('direct'):,.0f} | {med('direct-tls'):,.0f} | {ratio('direct-tls', 'direct'):.2f} "
                     f"| {med('dynoj'):,.0f} | {med('dynoj-tls'):,.0f} | {ratio('dynoj-tls', 'dynoj'):.2f} |")
text = "\n".join(lines)
print(f"medians over {len(rounds)} rounds (requests/s; ratios within a round):")
print(text)
if sys.argv[2]:
    open(sys.argv[2], "w").write(text + "\n")
EOF
