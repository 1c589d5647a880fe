#!/bin/sh
# Runs once, when the postgres image initialises a new data directory: a role that may
# stream the WAL, and a pg_hba line that lets it in over the network with a password.
# The primary needs nothing else: PostgreSQL 16 defaults to wal_level = replica and
# max_wal_senders = 10. (An existing volume: run the same two steps by hand.)
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v password="${REPLICATION_PASSWORD:-replicatie}" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
