#!/usr/bin/env python3
"""Whether every rack of a cluster holds the same data: used by scripts/redis-suite.sh after each unit.

Usage: compare_racks.py [--node] HOST:PORT HOST:PORT ...

One endpoint per rack. With --node the endpoints are Dynoj nodes (one per rack, each owning its
whole rack): the comparer first sets its connection's read consistency to DC_ONE, so every read
is answered by the node's own rack. Without it they are the racks' redis-servers, read directly.

For each rack: every key (SCAN), its type, its value (strings, lists, hashes, sets, sorted sets,
streams) and whether it has a TTL. Keys that expire within EXPIRING_MS on some rack may be gone
on another by the time it is read, so they are counted apart, not as differences. Replication
runs in the background after the client's answer, so a difference is read again (up to 5 s)
before it is reported.

Prints one summary line (identical / DIFFERENT) and up to 10 differing keys; exit 0 when
identical, 1 when different, 2 when a rack could not be read. Python 3 standard library only.
"""
import socket
import sys
import time

EXPIRING_MS = 5000
VALUE_COMMANDS = {
    b"string": lambda k: [b"GET", k],
    b"list": lambda k: [b"LRANGE", k, b"0", b"-1"],
    b"hash": lambda k: [b"HGETALL", k],
    b"set": lambda k: [b"SMEMBERS", k],
    b"zset": lambda k: [b"ZRANGE", k, b"0", b"-1", b"WITHSCORES"],
    b"stream": lambda k: [b"XRANGE", k, b"-", b"+"],
}


class RespError(Exception):
    pass


class Resp:
    """A minimal pipelining RESP2 client."""

    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port), timeout=30)
        self.buf = b""

    def pipeline(self, commands):
        out = bytearray()
        for args in commands:
            out += b"*%d\r\n" % len(args)
            for a in args:
                a = a if isinstance(a, bytes) else str(a).encode()
                out += b"$%d\r\n%s\r\n" % (len(a), a)
        self.sock.sendall(out)
        return [self._read() for _ in commands]

    def call(self, *args):
        reply = self.pipeline([list(args)])[0]
        if isinstance(reply, RespError):
            raise reply
        return reply

    def _line(self):
        while b"\r\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("connection closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def _exact(self, n):
        while len(self.buf) < n + 2:
            chunk = self.sock.recv(max(65536, n + 2 - len(self.buf)))
            if not chunk:
                raise ConnectionError("connection closed")
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n + 2:]
        return data

    def _read(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return rest
        if kind == b"-":
            return RespError(rest.decode(errors="replace"))
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            return None if n < 0 else self._exact(n)
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self._read() for _ in range(n)]
        raise ConnectionError("unexpected reply %r" % line)


def normalise(kind, value):
    """A value in a form that compares equal whatever order the rack keeps unordered members in."""
    if isinstance(value, RespError):
        return ("error", str(value))
    if kind == b"set":
        return tuple(sorted(value))
    if kind == b"hash":
        return tuple(sorted(zip(value[0::2], value[1::2])))
    if kind == b"stream":
        return tuple((entry[0], tuple(entry[1])) for entry in value)
    if isinstance(value, list):
        return tuple(value)
    return value


def snapshot(endpoint, node):
    """{key: (type, value, volatile)} and the keys about to expire, of one rack."""
    host, port = endpoint.rsplit(":", 1)
    conn = Resp(host, int(port))
    if node:
        conn.call("DYNOJ", "CONSISTENCY", "READ", "DC_ONE")
    keys, cursor = [], b"0"
    while True:
        cursor, batch = conn.call("SCAN", cursor, "COUNT", "1000")
        keys.extend(batch)
        if cursor == b"0":
            break
    keys = sorted(set(keys))
    types = conn.pipeline([[b"TYPE", k] for k in keys])
    ttls = conn.pipeline([[b"PTTL", k] for k in keys])
    live = [(k, t) for k, t in zip(keys, types) if t in VALUE_COMMANDS]
    values = conn.pipeline([VALUE_COMMANDS[t](k) for k, t in live])
    ttl_of = dict(zip(keys, ttls))
    data, expiring = {}, set()
    for (k, t), v in zip(live, values):
        ttl = ttl_of[k]
        if isinstance(ttl, int) and 0 <= ttl < EXPIRING_MS:
            expiring.add(k)
        data[k] = (t, normalise(t, v), isinstance(ttl, int) and ttl >= 0)
    for k, t in zip(keys, types):
        if t not in VALUE_COMMANDS and t != b"none":
            data[k] = (t, "unreadable type", False)
    conn.sock.close()
    return data, expiring


def differences(snapshots):
    expiring = set().union(*(e for _, e in snapshots))
    keys = set().union(*(d.keys() for d, _ in snapshots)) - expiring
    diff = [k for k in sorted(keys) if len({repr(d.get(k)) for d, _ in snapshots}) > 1]
    return diff, expiring


def short(entry):
    if entry is None:
        return "absent"
    text = "%s %r%s" % (entry[0].decode(), entry[1], " (ttl)" if entry[2] else "")
    return text if len(text) < 120 else text[:117] + "..."


def main(argv):
    node = "--node" in argv
    endpoints = [a for a in argv if a != "--node"]
    if len(endpoints) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    deadline = time.monotonic() + 5
    while True:
        try:
            snapshots = [snapshot(e, node) for e in endpoints]
        except (OSError, RespError) as e:
            print("racks UNREADABLE: %s" % e)
            return 2
        diff, expiring = differences(snapshots)
        if not diff or time.monotonic() > deadline:
            break
        time.sleep(1)
    counts = "/".join(str(len(d)) for d, _ in snapshots)
    note = " (%d about to expire, not compared)" % len(expiring) if expiring else ""
    if not diff:
        print("racks identical: %s keys%s" % (counts, note))
        return 0
    print("racks DIFFERENT: %d keys differ (keys per rack %s)%s" % (len(diff), counts, note))
    for k in diff[:10]:
        print("  %r: %s" % (k, " | ".join(short(d.get(k)) for d, _ in snapshots)))
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
