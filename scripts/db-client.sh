# Sourced by scripts/backup.sh and scripts/restore.sh (which define `die` and ROOT): libpq's
# tools, and the arguments that connect them to the archive's database.

# The newest client: pg_dump must not be older than the server.
client() {
    local dir
    for dir in ${PG_BINDIR:-} $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
        if [ -x "$dir/$1" ]; then echo "$dir/$1"; return 0; fi
    done
    command -v "$1" || die "$1 not found: install postgresql-client or set PG_BINDIR"
}

# Connection arguments for libpq's tools: the URL, or the private cluster's PG* variables.
if [ -n "${DATABASE_URL:-}" ]; then
    DB=(--dbname="$DATABASE_URL")
else
    eval "$("$ROOT/scripts/pg.sh" env)"
    DB=(--dbname="$PGDATABASE")
fi

psql_query() { "$(client psql)" -X -q -v ON_ERROR_STOP=1 -tA "${DB[@]}" -c "$1"; }
