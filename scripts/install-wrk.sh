#!/bin/sh
# Installs wrk (the HTTP benchmarking tool, Debian package) when it is missing.
# bench/server.ts calls this; it needs root or passwordless sudo for apt-get.
exec sh "$(dirname "$0")/apt-install.sh" wrk /usr/bin/wrk
