"""Drives a Dynoj node's TLS port with redis-py (Debian's python3-redis), verifying its certificate; prints OK or fails.

Usage: python3 redis_py_tls_check.py PORT CA_FILE
"""
import sys

import redis

port, ca_file = int(sys.argv[1]), sys.argv[2]
r = redis.Redis(host="127.0.0.1", port=port, ssl=True, ssl_ca_certs=ca_file, ssl_cert_reqs="required",
                ssl_check_hostname=False, socket_timeout=10)
assert r.set("tls:py", "from python") is True
assert r.get("tls:py") == b"from python"
assert r.incr("tls:py:n") == 1
assert r.connection_pool.connection_class.__name__ == "SSLConnection", r.connection_pool.connection_class
print("OK")
