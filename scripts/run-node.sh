#!/usr/bin/env bash
# Builds Dynoj and runs one node in the foreground on 127.0.0.1:8102.
# With the embedded LevelDB store installed (plugins/leveldb/ of the distribution) the node keeps its
# data itself (conf/dynoj.yml); until then it fronts a redis-server on 127.0.0.1:6379 (conf/redis.yml),
# started here without persistence if nothing answers there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -B -q -ntp -DskipTests package
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
home="distribution/target/dynoj-$version"
if [[ -d "$home/plugins/leveldb" ]]; then
  exec "$home/bin/dynoj" -c "$home/conf/dynoj.yml" "$@"
fi
if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  if ! command -v redis-server >/dev/null; then
    echo "run-node.sh: nothing answers on 127.0.0.1:6379 and redis-server is not installed" >&2
    echo "  install it (sudo apt-get install redis-server) or edit $home/conf/redis.yml" >&2
    exit 1
  fi
  redis-server --port 6379 --bind 127.0.0.1 --save "" --appendonly no --daemonize yes >/dev/null
  echo "run-node.sh: started redis-server on 127.0.0.1:6379 (stop it with: redis-cli -p 6379 shutdown)"
fi
exec "$home/bin/dynoj" -c "$home/conf/redis.yml" "$@"
