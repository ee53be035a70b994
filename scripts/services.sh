#!/usr/bin/env bash
# Checks that the local services the tests use are up, and starts the ones that are not.
set -uo pipefail

up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local port=$1 name=$2
  for _ in $(seq 1 60); do up "$port" && return 0; sleep 1; done
  echo "service $name did not come up on port $port" >&2
  return 1
}

start() {
  local port=$1 name=$2; shift 2
  if up "$port"; then echo "$name: up"; return 0; fi
  echo "$name: starting"
  "$@" >/dev/null 2>&1 || true
  wait_port "$port" "$name"
}

start 5432 postgresql bash -c 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start'
start 6379 redis redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
start 3306 mariadb start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
start 5672 rabbitmq rabbitmq-server -detached
start 1883 mosquitto mosquitto -d -c /etc/mosquitto/mosquitto.conf
start 4222 nats start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
