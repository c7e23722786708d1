#!/usr/bin/env bash
# Installs and starts what the intake needs beside Node 20 on a Debian machine (run as root):
# Java 17+ and Maven (the local Kafka broker's jars come from Maven Central), Dovecot's IMAP
# server (the e-mail tests start their own instance, infra/dovecot), Debian's Chromium (the
# dashboard's end-to-end test drives it headless through playwright-core), and a PostgreSQL server on
# 127.0.0.1:5432 with trust auth and a database `test` (the test suite's CRM database).
# Idempotent: what is there already is left alone. Set DATABASE_URL to skip the local PostgreSQL.
set -euo pipefail

log() { printf 'prerequisites: %s\n' "$*" >&2; }
updated=0
apt_install() {
  if [ "$updated" = 0 ]; then apt-get update -qq; updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ]; then
  log "installing Java 17"; apt_install openjdk-17-jre-headless
fi
if ! command -v mvn >/dev/null; then
  log "installing Maven"; apt_install maven
fi
dovecot_bin() { command -v dovecot || { [ -x /usr/sbin/dovecot ] && echo /usr/sbin/dovecot; }; }
if [ -z "$(dovecot_bin)" ]; then
  log "installing Dovecot IMAP"; apt_install dovecot-core dovecot-imapd
  # The package's own service (143/993, /etc/dovecot) is of no use here: the tests start their
  # own instance on a free loopback port. Stop and disable the one the package may have started.
  if [ -d /run/systemd/system ]; then
    systemctl disable --now dovecot.service dovecot.socket >/dev/null 2>&1 || true
  else
    if [ -s /run/dovecot/master.pid ]; then "$(dovecot_bin)" stop >/dev/null 2>&1 || true; fi
    update-rc.d dovecot disable >/dev/null 2>&1 || true
  fi
fi
"$(dovecot_bin)" --version >/dev/null 2>&1 || { log "dovecot is not installed or does not run"; exit 1; }

# playwright-core downloads no browser: the test launches /usr/bin/chromium. DejaVu draws the
# Turkish letters of the dashboard's screenshot.
if [ ! -x /usr/bin/chromium ]; then
  log "installing Chromium"; apt_install chromium fonts-dejavu-core
fi
/usr/bin/chromium --version >/dev/null 2>&1 || { log "chromium is not installed or does not run"; exit 1; }

# promtool checks ops/prometheus's alert rules and runs their unit tests (test/ops).
if ! command -v promtool >/dev/null 2>&1; then
  log "installing promtool (Debian's prometheus package)"; apt_install prometheus
fi

if [ -n "${DATABASE_URL:-}" ]; then
  log "DATABASE_URL is set: using that PostgreSQL"
  exit 0
fi
if ! command -v pg_ctlcluster >/dev/null; then
  log "installing PostgreSQL"; apt_install postgresql postgresql-client
fi
version=$(ls /etc/postgresql | sort -n | tail -1)
if [ -z "$version" ]; then
  log "no PostgreSQL cluster found under /etc/postgresql"; exit 1
fi
hba=/etc/postgresql/$version/main/pg_hba.conf
# The tests connect as postgres over TCP without a password, as CI's database does.
if ! grep -qE '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
  log "allowing trust auth on 127.0.0.1 in $hba"
  sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  reload=1
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  log "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
elif [ "${reload:-0}" = 1 ]; then
  pg_ctlcluster --skip-systemctl-redirect "$version" main reload
fi
pg_isready -h 127.0.0.1 -p 5432 >/dev/null || { log "PostgreSQL does not answer on 127.0.0.1:5432"; exit 1; }
if ! psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = 'test'" postgres | grep -q 1; then
  log "creating database test"; psql -h 127.0.0.1 -U postgres -c 'create database test' postgres >/dev/null
fi
log "ready: $(java -version 2>&1 | head -1); $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g'); Dovecot $("$(dovecot_bin)" --version); $(/usr/bin/chromium --version 2>/dev/null); PostgreSQL $version on 127.0.0.1:5432"
