#!/bin/sh
# Installs the Debian servers the SSH, SFTP and IMAP node tests start themselves
# (each on a free port with its own configuration in a temp dir; the system
# services are never started): openssh-server (sshd) and dovecot-imapd.
# `.ci/run` calls this before the test suites; the tests call it too and are
# skipped, saying so, only when a package cannot be installed.
set -e
here="$(dirname "$0")"
sh "$here/../apt-install.sh" openssh-server /usr/sbin/sshd
sh "$here/../apt-install.sh" dovecot-imapd /usr/lib/dovecot/imap
