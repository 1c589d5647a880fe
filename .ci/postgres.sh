# Install (if absent) and start a local PostgreSQL, and create the registry's role and database.
PG_USER=registry
PG_PASSWORD=registry
PG_DB=registry

start_postgres() {
    if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
        echo "PostgreSQL ontbreekt; installeren met apt-get"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq postgresql postgresql-contrib >/dev/null
    fi
    local version
    version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
    if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^${version} main$"; then
        pg_createcluster "$version" main >/dev/null
    fi
    pg_ctlcluster "$version" main start 2>/dev/null || true
    for _ in $(seq 1 30); do
        pg_isready -q -h localhost && break
        sleep 1
    done
    pg_isready -h localhost
    # A superuser role, because the test run creates its own database and extensions.
    su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${PG_USER}') THEN
    CREATE ROLE ${PG_USER} LOGIN SUPERUSER PASSWORD '${PG_PASSWORD}';
  END IF;
END \$\$;
SQL
    if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='${PG_DB}'\"" | grep -q 1; then
        su postgres -c "createdb -O ${PG_USER} ${PG_DB}"
    fi
}

postgres_url() {
    echo "postgres://${PG_USER}:${PG_PASSWORD}@localhost:5432/${PG_DB}"
}
