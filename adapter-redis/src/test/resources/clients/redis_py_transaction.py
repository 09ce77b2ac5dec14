"""Drives a Dynoj cluster's transactions with redis-py (Debian's python3-redis); prints OK or fails.

Usage: python3 redis_py_transaction.py PORT OTHER_PORT
"""
import sys

import redis

r = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]), socket_timeout=10)
other = redis.Redis(host="127.0.0.1", port=int(sys.argv[2]), socket_timeout=10)

pipe = r.pipeline(transaction=True)
pipe.set("{py}a", "1").incr("{py}a").rpush("{py}l", "x", "y").lrange("{py}l", 0, -1)
assert pipe.execute() == [True, 2, 2, [b"x", b"y"]]


def add_one(p):
    value = int(p.get("{py}a"))
    p.multi()
    p.set("{py}a", value + 1)


assert r.transaction(add_one, "{py}a") == [True]
assert r.get("{py}a") == b"3"

with r.pipeline() as p:
    p.watch("{py}a")
    p.get("{py}a")
    other.set("{py}a", "100")
    p.multi()
    p.set("{py}a", "4")
    try:
        p.execute()
        raise AssertionError("EXEC ran although a watched key was written")
    except redis.WatchError:
        pass
assert r.get("{py}a") == b"100"

spread = r.pipeline(transaction=True)
for i in range(40):
    spread.set("pyspread:%d" % i, i)
try:
    spread.execute()
    raise AssertionError("a transaction over keys of several nodes ran")
except redis.ResponseError as e:
    assert "hash tag" in str(e) or "EXECABORT" in str(e), e
assert r.ping() is True
print("OK")
