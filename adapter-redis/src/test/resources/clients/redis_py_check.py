"""Drives a Dynoj node with redis-py (Debian's python3-redis); prints OK or fails with a traceback.

Usage: python3 redis_py_check.py PORT
"""
import sys

import redis

r = redis.Redis(host="127.0.0.1", port=int(sys.argv[1]), socket_timeout=10)
assert r.ping() is True
assert r.set("py:str", "v") is True
assert r.get("py:str") == b"v"
assert r.incrby("py:n", 7) == 7
r.hset("py:h", mapping={"a": "1", "b": "2"})
assert r.hgetall("py:h") == {b"a": b"1", b"b": b"2"}
r.rpush("py:l", "x", "y")
assert r.lrange("py:l", 0, -1) == [b"x", b"y"]
r.zadd("py:z", {"m": 2.5})
assert r.zscore("py:z", "m") == 2.5
pipe = r.pipeline(transaction=False)
for i in range(500):
    pipe.set("py:k%d" % i, i)
    pipe.get("py:k%d" % i)
results = pipe.execute()
assert results[1::2] == [str(i).encode() for i in range(500)], results[:6]
try:
    r.execute_command("NOSUCHCOMMAND")
    raise AssertionError("unknown command did not fail")
except redis.ResponseError as e:
    assert "unknown command" in str(e), e
assert r.ping() is True
print("OK")
