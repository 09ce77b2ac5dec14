"""Drives a Dynoj node that asks for credentials with redis-py (Debian's python3-redis); prints OK or fails.

Usage: python3 redis_py_auth_check.py PORT USER PASSWORD
"""
import sys

import redis

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
r = redis.Redis(host="127.0.0.1", port=port, username=user, password=password, socket_timeout=10)
assert r.set("app:py", "v") is True
assert r.get("app:py") == b"v"
try:
    redis.Redis(host="127.0.0.1", port=port, username=user, password="wrong", socket_timeout=10).get("app:py")
    raise AssertionError("a wrong password was accepted")
except (redis.AuthenticationError, redis.ResponseError) as e:
    assert "WRONGPASS" in str(e) or "invalid username-password" in str(e), e
try:
    redis.Redis(host="127.0.0.1", port=port, socket_timeout=10).get("app:py")
    raise AssertionError("no password was accepted")
except (redis.AuthenticationError, redis.ResponseError) as e:
    assert "Authentication required" in str(e), e
print("OK")
