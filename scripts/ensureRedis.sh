#!/usr/bin/env bash
# Makes sure a Redis answers at 127.0.0.1:6379 for the idempotency and rate-limit tests: starts
# one (nothing kept on disk) when none is up, installing Debian's redis-server when it is missing.
# Idempotent, and quick when Redis is up. Tests use their own key prefix and never flush.
set -euo pipefail

ping() { (exec 3<>/dev/tcp/127.0.0.1/6379 && printf 'PING\r\n' >&3 && head -c 5 <&3 | grep -q PONG) 2>/dev/null; }
ping && exit 0

if ! command -v redis-server >/dev/null; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "ensureRedis: no Redis at 127.0.0.1:6379 and no redis-server to start (install Debian's redis-server)." >&2
    exit 1
  fi
  echo "ensureRedis: installing redis-server with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi
redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
for _ in $(seq 1 50); do ping && exit 0; sleep 0.1; done
echo "ensureRedis: redis-server did not answer at 127.0.0.1:6379." >&2
exit 1
