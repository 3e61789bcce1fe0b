#!/usr/bin/env bash
# Makes this machine able to run the whole suite: PostGIS for PostgreSQL 15, Debian's Chromium, xmllint,
# a running PostgreSQL, and fresh test databases. Idempotent; installs only what is missing.
set -euo pipefail

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

need=()
pg_major=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1 || true)
pg_major=${pg_major:-15}
[ -f "/usr/share/postgresql/${pg_major}/extension/postgis.control" ] || need+=("postgresql-${pg_major}-postgis-3")
[ -x /usr/bin/chromium ] || need+=(chromium)
# xmllint: a real XML Schema validator for the CAP and EMSI exports (tests/integration/xml-schemas.test.ts)
command -v xmllint >/dev/null || need+=(libxml2-utils)
# Kamailio (the SIP edge) and SIPp (callers and phones) for the telephony tests (issue 16)
command -v kamailio >/dev/null || need+=(kamailio kamailio-extra-modules kamailio-utils-modules)
command -v sipp >/dev/null || need+=(sip-tester)
# The replicated database (issue 19, deploy/ha): Patroni with etcd, HAProxy, pgBackRest
command -v patroni >/dev/null || need+=(patroni python3-etcd)
command -v etcd >/dev/null || need+=(etcd-server etcd-client)
command -v haproxy >/dev/null || need+=(haproxy)
command -v pgbackrest >/dev/null || need+=(pgbackrest)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "prepare: missing ${need[*]}; run as root or install them with apt-get" >&2
    exit 1
  fi
  echo "prepare: installing ${need[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  echo "prepare: starting PostgreSQL ${pg_major}"
  pg_ctlcluster --skip-systemctl-redirect "$pg_major" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
fi
pg_isready -h "$PGHOST" -p "$PGPORT"

# The production split (README, Production; docs/proof.md): cad112_owner owns the schema and migrates,
# cad112_app is what the servers run as: not a superuser, not the owner, may only append to the log.
# Trust authentication on this machine, so no passwords; a real install gives both one.
psql -q -v ON_ERROR_STOP=1 -d postgres <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cad112_owner') THEN
    CREATE ROLE cad112_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cad112_app') THEN
    CREATE ROLE cad112_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
END $$;
SQL

for db in cad112_test cad112_e2e; do
  psql -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS ${db} WITH (FORCE)" \
    -c "CREATE DATABASE ${db} OWNER cad112_owner"
  # Extensions need the superuser (PostGIS is not a trusted extension); the migrations find them there.
  psql -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION IF NOT EXISTS postgis" \
    -c "CREATE EXTENSION IF NOT EXISTS pg_trgm"
done
echo "prepare: fresh databases cad112_test and cad112_e2e on ${PGHOST}:${PGPORT} (owner cad112_owner, server role cad112_app)"
