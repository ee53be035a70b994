#!/bin/sh
# Installs wrk (the HTTP benchmarking tool, Debian package) when it is missing.
# bench/server.ts calls this; it needs root or passwordless sudo for apt-get.
set -e
if command -v wrk >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "wrk is not installed and this user cannot run apt-get; install it with: sudo apt-get install -y wrk" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends wrk >/dev/null 2>&1; then
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  $SUDO apt-get install -y --no-install-recommends wrk >/dev/null
fi
command -v wrk >/dev/null 2>&1
