#!/usr/bin/env bash
# The private PostgreSQL cluster for development and tests, used when DATABASE_URL is unset.
#
#   scripts/pg.sh start    initdb once, start unless running, create role and database `minutes`
#   scripts/pg.sh stop     stop the cluster (its data stays)
#   scripts/pg.sh status   where the cluster lives and whether it is running
#   scripts/pg.sh env      exports for psql and friends: eval "$(scripts/pg.sh env)"
#   scripts/pg.sh destroy  stop the cluster and delete its data
#
# The cluster lives in var/pg/{data,run,log} and listens only on a unix socket in var/pg/run.
# PostgreSQL refuses to run as root, so as root the server runs as the user `postgres`, which
# must be able to reach var/pg; and a unix socket path has at most 107 bytes. When either
# fails (a checkout under /root, which is mode 700, or a very long path), the cluster lives in
# /var/tmp/minutes-pg-<hash of the checkout path> and var/pg is a symlink to it. Either way
# config/settings/base.py finds the socket by resolving var/pg/run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
LINK=$ROOT/var/pg
PORT=5432
DB_NAME=minutes
DB_USER=minutes
SUPERUSER=postgres     # the cluster's bootstrap role, whoever runs the server
SERVER_OS_USER=postgres  # who runs the server when we are root
SOCKET_MAX=107         # sizeof(sockaddr_un.sun_path) on Linux, less the terminating NUL
MIN_MAJOR=15

say() { echo "pg.sh: $*" >&2; }
die() { say "$*"; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

owner() { if is_root; then echo "$SERVER_OS_USER"; else id -un; fi; }

# Run a program as the cluster's owner, from / so an unreadable working directory (such as a
# checkout under /root) does not trouble it.
as_owner() {
    if is_root; then
        (cd / && runuser -u "$SERVER_OS_USER" -- "$@")
    else
        "$@"
    fi
}

# --- Server binaries -------------------------------------------------------------------

major_of() { "$1/postgres" --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/'; }

candidate_bindirs() {
    if [ -n "${PG_BINDIR:-}" ]; then echo "$PG_BINDIR"; fi
    if command -v pg_config >/dev/null; then pg_config --bindir 2>/dev/null || true; fi
    echo /usr/lib/postgresql/15/bin
    printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r
    if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; fi
}

find_bindir() {
    local dir major
    while IFS= read -r dir; do
        if [ -z "$dir" ] || [ ! -x "$dir/initdb" ] || [ ! -x "$dir/pg_ctl" ] \
            || [ ! -x "$dir/postgres" ]; then
            continue
        fi
        major=$(major_of "$dir") || continue
        if [ "$major" -ge "$MIN_MAJOR" ]; then
            echo "$dir"
            return 0
        fi
    done < <(candidate_bindirs)
    return 1
}

install_server() {
    local hint="install the Debian package postgresql-15 (or postgresql, version $MIN_MAJOR or"
    hint="$hint newer), or set PG_BINDIR to the directory holding initdb, pg_ctl and postgres"
    if ! is_root || ! command -v apt-get >/dev/null; then
        die "no PostgreSQL $MIN_MAJOR+ server binaries found: $hint."
    fi
    say "no PostgreSQL server binaries found; installing them with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q postgresql-15 >&2 || apt-get install -y -q postgresql >&2 \
        || die "apt-get could not install PostgreSQL: $hint."
}

need_server() {
    BINDIR=$(find_bindir) || { install_server && BINDIR=$(find_bindir); } \
        || die "PostgreSQL was installed but no $MIN_MAJOR+ server binaries were found."
    if is_root && ! id -u "$SERVER_OS_USER" >/dev/null 2>&1; then
        die "PostgreSQL refuses to run as root and there is no user '$SERVER_OS_USER' to run it."
    fi
}

# --- Where the cluster lives -----------------------------------------------------------

fallback_dir() {
    local base=/var/tmp
    [ -d "$base" ] && [ -w "$base" ] || base=/tmp
    echo "$base/minutes-pg-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
}

needs_fallback() {
    local socket="$LINK/run/.s.PGSQL.$PORT"
    if [ "$(printf '%s' "$socket" | wc -c)" -gt "$SOCKET_MAX" ]; then
        say "the socket path under $ROOT would pass $SOCKET_MAX bytes"
        return 0
    fi
    if is_root && ! as_owner test -x "$ROOT/var"; then
        say "user $SERVER_OS_USER cannot reach $ROOT/var"
        return 0
    fi
    return 1
}

# Sets PGHOME to the cluster's real directory. With "create", makes var/pg (a directory or a
# symlink) on first use; without, PGHOME is empty when nothing has been made yet.
locate() {
    PGHOME=
    if [ -L "$LINK" ]; then
        local expected target
        expected=$(fallback_dir)
        target=$(readlink "$LINK")
        if [ "$target" = "$expected" ]; then
            PGHOME=$target
        elif [ "${1:-}" = create ]; then
            # Copied or moved from another checkout: that cluster is not ours to use.
            say "var/pg pointed at $target, another checkout's cluster; making a new one"
            rm "$LINK"
        fi
    elif [ -d "$LINK" ]; then
        PGHOME=$LINK
    fi
    if [ -z "$PGHOME" ] && [ "${1:-}" = create ]; then
        mkdir -p "$ROOT/var"
        if needs_fallback; then
            PGHOME=$(fallback_dir)
            say "keeping the cluster in $PGHOME (var/pg links to it)"
            ln -s "$PGHOME" "$LINK"
        else
            PGHOME=$LINK
        fi
    fi
    if [ -n "$PGHOME" ] && [ "${1:-}" = create ]; then
        make_private_dir "$PGHOME"
        if [ "$PGHOME" != "$LINK" ]; then echo "$ROOT" >"$PGHOME/checkout"; fi
    fi
    DATA=$PGHOME/data
    RUN=$PGHOME/run
    LOG=$PGHOME/log
}

# A directory only the cluster's owner can enter. One that already exists must be a real
# directory of that owner's: in /var/tmp anybody could have made it first.
make_private_dir() {
    if [ -e "$1" ] || [ -L "$1" ]; then
        if [ ! -d "$1" ] || [ -L "$1" ] || [ "$(stat -c %U "$1")" != "$(owner)" ]; then
            die "$1 exists but is not a directory owned by $(owner); remove it."
        fi
    else
        mkdir -p "$1"
        if is_root; then chown "$SERVER_OS_USER:" "$1"; fi
    fi
    chmod 700 "$1"
}

# --- Commands --------------------------------------------------------------------------

pg_ctl() { as_owner "$BINDIR/pg_ctl" -D "$DATA" "$@"; }
is_running() { [ -f "$DATA/PG_VERSION" ] && pg_ctl status >/dev/null 2>&1; }
psql_admin() {
    "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$RUN" -p "$PORT" -U "$SUPERUSER" -d postgres "$@"
}

init_cluster() {
    say "creating the cluster in $DATA"
    # Swedish collation (ICU), so that names sort å, ä, ö after z as a Swedish reader expects.
    as_owner "$BINDIR/initdb" -D "$DATA" --username="$SUPERUSER" --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 --locale-provider=icu --icu-locale=sv-SE \
        >"$LOG/initdb.log" 2>&1 || { cat "$LOG/initdb.log" >&2; die "initdb failed"; }
    echo "include 'minutes.conf'" >>"$DATA/postgresql.conf"
}

# Rewritten at every start, so the socket follows the checkout if the cluster is moved.
write_conf() {
    cat >"$DATA/minutes.conf" <<EOF
# Written by scripts/pg.sh at every start: change that script, not this file.
listen_addresses = ''
port = $PORT
unix_socket_directories = '${RUN//\'/\'\'}'
unix_socket_permissions = 0700
# A development cluster: losing the last commits in a crash is fine, waiting for disks is not.
synchronous_commit = off
# Sized for the benchmark's million agenda items on a machine with a few GB to spare
# (make bench); small next to what the machines here have.
shared_buffers = 512MB
effective_cache_size = 4GB
random_page_cost = 1.1
EOF
    if is_root; then chown "$SERVER_OS_USER:" "$DATA/minutes.conf"; fi
}

wait_ready() {
    local _
    for _ in $(seq 1 60); do
        if "$BINDIR/pg_isready" -q -h "$RUN" -p "$PORT" -U "$SUPERUSER" -d postgres; then return 0; fi
        sleep 0.5
    done
    die "PostgreSQL did not accept connections on $RUN; see $LOG/postgresql.log"
}

create_role_and_database() {
    if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != 1 ]; then
        say "creating role $DB_USER"
        # Superuser in a private cluster: it creates the test database and extensions.
        psql_admin -c "CREATE ROLE $DB_USER LOGIN SUPERUSER"
    fi
    if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]; then
        say "creating database $DB_NAME"
        psql_admin -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"
    fi
}

cmd_start() {
    need_server
    locate create
    make_private_dir "$RUN"
    make_private_dir "$LOG"
    if [ ! -f "$DATA/PG_VERSION" ]; then init_cluster; fi
    local made_by
    made_by=$(cat "$DATA/PG_VERSION")
    if [ "$made_by" != "$(major_of "$BINDIR")" ]; then
        if [ -x "/usr/lib/postgresql/$made_by/bin/pg_ctl" ]; then
            BINDIR=/usr/lib/postgresql/$made_by/bin
        else
            die "the cluster in $DATA was made by PostgreSQL $made_by, whose server is not" \
                "installed; 'scripts/pg.sh destroy' deletes it so that a new one can be made."
        fi
    fi
    if ! is_running; then
        write_conf
        pg_ctl -l "$LOG/postgresql.log" -w -t 60 start >/dev/null \
            || { tail -n 20 "$LOG/postgresql.log" >&2; die "PostgreSQL did not start."; }
    fi
    wait_ready
    create_role_and_database
    say "PostgreSQL $(major_of "$BINDIR") is running; socket in $RUN"
}

cmd_stop() {
    locate
    if [ -z "$PGHOME" ] || [ ! -f "$DATA/PG_VERSION" ]; then
        say "no cluster here"
        return 0
    fi
    need_server
    if is_running; then
        pg_ctl -m fast -w stop >/dev/null
        say "stopped"
    else
        say "not running"
    fi
}

cmd_status() {
    locate
    if [ -z "$PGHOME" ] || [ ! -f "$DATA/PG_VERSION" ]; then
        echo "no cluster yet (scripts/pg.sh start makes one)"
        return 3
    fi
    need_server
    echo "cluster: $PGHOME"
    echo "socket:  $RUN/.s.PGSQL.$PORT"
    pg_ctl status
}

cmd_env() {
    locate
    if [ -z "$PGHOME" ]; then
        die "no cluster yet: run scripts/pg.sh start first"
    fi
    printf 'export PGHOST=%q PGPORT=%q PGUSER=%q PGDATABASE=%q\n' \
        "$RUN" "$PORT" "$DB_USER" "$DB_NAME"
}

cmd_destroy() {
    cmd_stop
    locate
    if [ -z "$PGHOME" ]; then return 0; fi
    rm -rf "$PGHOME"
    if [ -L "$LINK" ]; then rm "$LINK"; fi
    say "deleted $PGHOME"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    destroy) cmd_destroy ;;
    *)
        echo "usage: $0 start|stop|status|env|destroy" >&2
        exit 2
        ;;
esac
