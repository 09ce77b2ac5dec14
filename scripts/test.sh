#!/usr/bin/env bash
# Runs Dynoj's whole test suite (unit tests, then integration tests against real servers), after
# checking that ./mvnw -DskipTests install builds and installs everything without running a test.
#
# Integration tests start their own redis-server / memcached / mariadbd / nutcracker / ZooKeeper
# processes on free loopback ports. This script first makes sure those programs are installed: as root on
# Debian/Ubuntu it installs what is missing with apt-get; otherwise it prints what to install.
# Under CI=true a test whose server is missing fails instead of being skipped.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# program:debian-package
required=(redis-server:redis-server redis-cli:redis-tools redis-benchmark:redis-tools
          memcached:memcached mariadbd:mariadb-server nutcracker:nutcracker)
missing=()
for entry in "${required[@]}"; do
  program="${entry%%:*}"; package="${entry#*:}"
  if ! command -v "$program" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$program" ]; then
    case " ${missing[*]-} " in *" $package "*) ;; *) missing+=("$package") ;; esac
  fi
done

# file:debian-package, for packages that put nothing on the PATH (ZooKeeper: testkit's ZooKeeperServer
# runs Debian's server jar in a JVM of its own)
required_files=(/usr/share/java/zookeeper.jar:zookeeper)
for entry in "${required_files[@]}"; do
  file="${entry%%:*}"; package="${entry#*:}"
  if [ ! -f "$file" ]; then
    missing+=("$package")
  fi
done

# redis-py, for the client-compatibility tests (Debian's package, for the system python3)
if ! /usr/bin/python3 -c 'import redis' >/dev/null 2>&1; then
  missing+=(python3-redis)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "scripts/test.sh: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "scripts/test.sh: missing server packages: ${missing[*]}" >&2
    echo "  install them with: sudo apt-get install ${missing[*]}" >&2
    echo "  (integration tests that need them are skipped locally and fail under CI=true)" >&2
  fi
fi

# Both runs install into a repository of their own (target/local-repo, read first) in front of the
# user's (~/.m2/repository, read only): the snapshots of this checkout never land where other builds
# resolve from. What is missing from both is downloaded into the first, once, as before.
repo=(-Dmaven.repo.local="$PWD/target/local-repo" -Dmaven.repo.local.tail="${MAVEN_REPO_TAIL:-$HOME/.m2/repository}")

# The build habit that must keep working: -DskipTests install skips every test, unit and integration
# (failsafe does not read skipTests itself, see the parent pom), and installs every module.
log="$(mktemp "${TMPDIR:-/tmp}/dynoj-skip-tests-install.XXXXXX")"
echo "scripts/test.sh: ./mvnw -DskipTests install (log: $log)"
start=$SECONDS
if ! ./mvnw -B -ntp "${repo[@]}" -DskipTests install "$@" >"$log" 2>&1; then
  tail -n 60 "$log" >&2
  echo "scripts/test.sh: ./mvnw -DskipTests install failed (log: $log)" >&2
  exit 1
fi
if grep -q 'Tests run:' "$log"; then
  grep 'Tests run:' "$log" | head -n 5 >&2
  echo "scripts/test.sh: ./mvnw -DskipTests install ran tests (log: $log)" >&2
  exit 1
fi
echo "scripts/test.sh: -DskipTests install passed in $((SECONDS - start)) s, no test ran"
rm -f "$log"

# The suite: unit tests, integration tests, then install (so ./mvnw install is proven too).
exec ./mvnw -B -ntp "${repo[@]}" install "$@"
