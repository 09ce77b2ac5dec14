#!/bin/sh
# Idle cost of the dynoj-hints threads: N HintedHandoff instances (one per node) with nothing stored, their
# threads' context switches and CPU over S seconds (docs/PERFORMANCE.md, "Idle hint thread").
# Usage: benchmarks/hints-idle/hints-idle.sh [N] [S] [framework-core classes dir, default this tree's]
# Needs framework-core packaged, which writes its runtime class path too:
# ./mvnw -q -o -pl framework-core -am package -Dmaven.test.skip=true
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
classes=${3:-$root/framework-core/target/classes}
exec java -cp "$classes:$(cat "$root/framework-core/target/runtime-classpath.txt")" "$here/HintsIdle.java" "${1:-24}" "${2:-20}"
