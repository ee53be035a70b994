#!/bin/sh
# Creates the account the SSH and SFTP tests sign in as (sshd authenticates
# passwords against the system's accounts) and prints its password. The
# password is random per machine, kept readable by root only; the account has
# no other use and the system sshd is never started for it.
set -e
user=guixu-sshtest
home=/var/lib/guixu-sshtest
secret=/var/lib/guixu-sshtest.password
exec 9>/tmp/guixu-sshtest-user.lock
flock 9
changed=""
if ! id "$user" >/dev/null 2>&1; then
  useradd --system --home-dir "$home" --create-home --shell /bin/sh "$user" >/dev/null
  changed=1
fi
if [ ! -s "$secret" ]; then
  (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$secret")
  changed=1
fi
if [ -n "$changed" ]; then
  echo "$user:$(cat "$secret")" | chpasswd
fi
cat "$secret"
