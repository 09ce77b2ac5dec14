#!/usr/bin/env python3
"""Writes docs/COMPATIBILITY.md from the logs scripts/redis-suite.sh keeps (one directory per target).

Usage: report.py --results DIR --causes causes.tsv --out FILE|-

Each unit's log is the output of Redis's test harness: "[ok]: NAME (N ms)", "[err]: NAME in FILE"
followed by the error, "[ignore]: NAME: why" for tests excluded by their tags, "[exception]" or
"[TIMEOUT]" when the unit stopped early. Tests that did not run (a block of a unit aborted by an
error outside any test, or a unit that stopped) are counted against the control target
redis-direct. Each failure is given the first cause of causes.tsv whose pattern matches its name
and error text.
"""
import argparse
import collections
import csv
import os
import re

TARGETS = [
    ("redis-direct", "redis-server alone (control)"),
    ("leveldb", "node, LevelDB"),
    ("redis", "node + redis-server"),
    ("cluster-redis", "3 racks, redis-server"),
    ("cluster-leveldb", "3 racks, LevelDB"),
]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
STATUS = re.compile(r"^\[(ok|err|ignore|skip|exception|TIMEOUT)\]: ?(.*)$")
Failure = collections.namedtuple("Failure", "target unit name details")


class UnitResult:
    def __init__(self):
        self.ok, self.failures, self.ignored = [], [], []
        self.stopped = None          # why the unit ended early, or None
        self.completed = False
        self.seconds = None


def parse_unit(path, target, unit):
    result = UnitResult()
    current = None
    with open(path, errors="replace") as f:
        lines = [ANSI.sub("", line.rstrip("\n")) for line in f]
    for line in lines:
        m = STATUS.match(line)
        if m:
            current = None
            kind, text = m.groups()
            if kind == "ok":
                result.ok.append(re.sub(r" \(\d+ ms\)$", "", text))
            elif kind == "err":
                name, sep, _ = text.partition(" in tests/unit/")
                if not sep:   # an error outside any test: the rest of its start_server block did not run
                    name = "(block aborted) " + text
                current = Failure(target, unit, name, [])
                result.failures.append(current)
            elif kind == "ignore":
                result.ignored.append(text)
            elif kind in ("exception", "TIMEOUT"):
                result.stopped = kind.lower() + ": " + text
                current = Failure(target, unit, "(unit stopped) " + kind.lower(), [text])
                result.failures.append(current)
            continue
        if line.startswith("[") and "done]: unit/" in line:
            result.completed = True
            current = None
        elif line.startswith("seconds "):
            result.seconds = int(line.split()[1])
        elif line.startswith("(IN PROGRESS)") or "=> (IN PROGRESS)" in line:
            if result.failures and result.stopped:
                result.failures[-1].details.append("in progress: " + line.split("(IN PROGRESS)")[1].strip())
        elif current is not None and line and not line.startswith(("Testing ", "[ready]", "Cleanup")):
            if len(current.details) < 12:
                current.details.append(line)
    return result


def error_text(failure):
    """The failure's error: for an error that is not an assertion the harness cuts the message's first
    ten characters, so the whole message is taken from the stack trace that follows it."""
    lines = [d.strip() for d in failure.details if d.strip()]
    if len(lines) >= 2 and lines[0] and lines[1].endswith(lines[0]):
        return lines[1]
    return lines[0] if lines else ""


def read_causes(path):
    causes = []
    with open(path, newline="") as f:
        for row in csv.reader((line for line in f if line.strip() and not line.startswith("#")), delimiter="\t"):
            cause_id, kind, pattern, text = row[0], row[1], row[2], row[3]
            causes.append((cause_id, kind, re.compile(pattern, re.S), text))
    return causes


def classify(failure, causes):
    haystack = failure.unit + ": " + failure.name + "\n" + "\n".join(failure.details)
    for cause_id, kind, pattern, text in causes:
        if pattern.search(haystack):
            return cause_id
    return None


def load(results):
    data, meta = {}, {}
    for target, _ in TARGETS:
        tdir = os.path.join(results, target)
        if not os.path.isdir(tdir):
            continue
        meta[target] = dict(line.split("=", 1) for line in open(os.path.join(tdir, "meta")).read().split("\n")
                            if "=" in line) if os.path.exists(os.path.join(tdir, "meta")) else {}
        data[target] = {}
        for name in sorted(os.listdir(tdir)):
            if name.endswith(".log"):
                unit = name[:-4].replace("_", "/", 1) if name.startswith("type_") else name[:-4]
                data[target][unit] = parse_unit(os.path.join(tdir, name), target, unit)
                racks = os.path.join(tdir, name[:-4] + ".racks")
                if os.path.exists(racks):
                    data[target][unit].racks = open(racks).read().strip()
    return data, meta


def cell(result, control):
    passed, failed = len(result.ok), len([f for f in result.failures if not f.name.startswith("(")])
    text = "%d / %d" % (passed, failed)
    if control is not None:
        missing = len(control.ok) + len(control.failures) - passed - failed
        if missing > 0:
            text += " (%d not run)" % missing
    if result.stopped:
        text += " stopped"
    return text


def write(out, data, meta, causes):
    units = []
    for target in meta:
        for unit in meta[target].get("units", "").split(","):
            if unit and unit not in units:
                units.append(unit)
    for target in data:
        for unit in data[target]:
            if unit not in units:
                units.append(unit)
    targets = [(t, label) for t, label in TARGETS if t in data]
    control = data.get("redis-direct", {})
    w = out.write
    any_meta = next(iter(meta.values()), {})
    w("# Compatibility: Redis's own test suite\n\n")
    w("Written by `scripts/redis-suite.sh` (do not edit by hand: change the script or "
      "`scripts/redis-suite/causes.tsv` and run it again). It runs the `tests/unit` units of Redis %s's own "
      "test suite, one at a time, in its external-server mode (`--host --port --singledb --durable "
      "--ignore-encoding --ignore-digest --tags -needs:debug --tags -needs:repl --tags -resp3`) against each target, "
      "started from the built distribution with `allow_flush_all: true`. Clusters are 3 racks of one node "
      "each, read and write consistency %s; the suite's client talks to the first node.\n\n"
      % (any_meta.get("redis_version", "7.0.x"), any_meta.get("consistency", "DC_ONE")))
    w("Runs: " + "; ".join("%s on %s at %s%s" % (t, meta[t].get("date", "?"), meta[t].get("commit", "?"),
                                                 ", slow tests skipped" if meta[t].get("skip_slow") == "1" else "")
                           for t, _ in targets) + ".\n\n")
    w("## Tests passed / failed per unit\n\n")
    w("Each cell: tests passed / failed. *not run*: tests that ran against the control but not here "
      "(an error outside any test aborted the rest of its block, or the unit stopped). Tests excluded by "
      "their tags (DEBUG, replication, RESP3, several databases, large memory, external mode) are not counted; "
      "the control shows how many the suite runs in this mode.\n\n")
    w("| unit | " + " | ".join(label for _, label in targets) + " |\n")
    w("|---|" + "---|" * len(targets) + "\n")
    totals = collections.defaultdict(lambda: [0, 0])
    for unit in units:
        row = []
        for t, _ in targets:
            r = data[t].get(unit)
            if r is None:
                row.append("")
                continue
            row.append(cell(r, control.get(unit) if t != "redis-direct" else None))
            totals[t][0] += len(r.ok)
            totals[t][1] += len([f for f in r.failures if not f.name.startswith("(")])
        w("| %s | %s |\n" % (unit, " | ".join(row)))
    w("| **all** | " + " | ".join("**%d / %d**" % tuple(totals[t]) for t, _ in targets) + " |\n\n")

    clusters = [(t, label) for t, label in targets if t.startswith("cluster-")]
    if clusters:
        w("## Do the racks agree after each unit?\n\n")
        w("After each unit the script reads every rack alone (the redis-servers directly, the LevelDB "
          "nodes at DC_ONE) and compares every key's type, value and whether it has a TTL "
          "(`scripts/redis-suite/compare_racks.py`).\n\n")
        w("| unit | " + " | ".join(label for _, label in clusters) + " |\n")
        w("|---|" + "---|" * len(clusters) + "\n")
        for unit in units:
            row = []
            for t, _ in clusters:
                r = data[t].get(unit)
                row.append(getattr(r, "racks", "").split("\n")[0].replace("|", "\\|") if r else "")
            w("| %s | %s |\n" % (unit, " | ".join(row)))
        w("\n")
        details = [(t, u, data[t][u].racks) for t, _ in clusters for u in units
                   if u in data[t] and "\n" in getattr(data[t][u], "racks", "")]
        for t, u, text in details:
            w("%s after %s:\n\n```\n%s\n```\n\n" % (t, u, text))

    by_cause = collections.OrderedDict((c[0], []) for c in causes)
    unclassified = []
    for t, _ in targets:
        if t == "redis-direct":
            continue
        for unit in units:
            r = data[t].get(unit)
            for f in (r.failures if r else []):
                cause = classify(f, causes)
                (by_cause[cause] if cause else unclassified).append(f)
    w("## Why the failures fail\n\n")
    w("Every failure on a Dynoj target, grouped by cause. *unsupported*: a feature the README lists as "
      "not supported by Dynoj or by the embedded store; *harness*: how the suite runs in external mode "
      "against a proxy; *defect*: Dynoj answers differently from Redis where it should not.\n\n")
    for cause_id, kind, _, text in causes:
        failures = by_cause[cause_id]
        if not failures:
            continue
        w("### %s (%s)\n\n%s\n\n" % (cause_id, kind, text))
        for unit in units:
            names = collections.OrderedDict()
            for f in failures:
                if f.unit == unit:
                    names.setdefault(f.target, []).append(f.name)
            same = collections.OrderedDict()   # targets that fail the same tests share a line
            for t, tests in names.items():
                same.setdefault(tuple(tests), []).append(t)
            for tests, ts in same.items():
                w("- %s on %s (%d): %s\n" % (unit, ", ".join(ts), len(tests), "; ".join(tests)))
        w("\n")
    if unclassified:
        w("### Unclassified\n\nNo pattern of causes.tsv matches these yet.\n\n")
        for f in unclassified:
            w("- %s, %s: %s: `%s`\n" % (f.target, f.unit, f.name, error_text(f).replace("`", "'")[:200]))
        w("\n")
    if control and any(r.failures for r in control.values()):
        w("### Failures of the control\n\n")
        for unit, r in control.items():
            for f in r.failures:
                w("- %s: %s\n" % (unit, f.name))
        w("\n")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--results", required=True)
    p.add_argument("--causes", required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    data, meta = load(a.results)
    causes = read_causes(a.causes)
    if a.out == "-":
        import sys
        write(sys.stdout, data, meta, causes)
    else:
        with open(a.out, "w") as out:
            write(out, data, meta, causes)
        print("redis-suite: wrote %s" % a.out)


if __name__ == "__main__":
    main()
