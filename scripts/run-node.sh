#!/usr/bin/env bash
# Builds Dynoj and runs one node in the foreground on 127.0.0.1:8102, its data in an embedded LevelDB
# store (distribution/target/dynoj-<version>/data/node-8102): nothing else to install. Ctrl-C stops it.
# Arguments are passed on to bin/dynoj (e.g. -v debug).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -B -q -ntp -Dmaven.test.skip=true package
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
home="distribution/target/dynoj-$version"
exec "$home/bin/dynoj" -c "$home/conf/dynoj.yml" "$@"
