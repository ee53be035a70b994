#!/bin/sh
# Installs a Debian package when the file it provides is missing:
#   sh scripts/apt-install.sh PACKAGE PATH
# Needs root or passwordless sudo for apt-get; parallel callers wait on a lock.
set -e
package="$1"
provides="$2"
if [ -e "$provides" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "$package is not installed and this user cannot run apt-get; install it with: sudo apt-get install -y $package" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
exec 9>/tmp/guixu-apt-install.lock
flock 9
if [ -e "$provides" ]; then
  exit 0
fi
if ! $SUDO apt-get install -y --no-install-recommends "$package" >/dev/null 2>&1; then
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  $SUDO apt-get install -y --no-install-recommends "$package" >/dev/null
fi
[ -e "$provides" ]
