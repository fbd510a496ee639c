#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an empty database and media directory.
#
#   scripts/restore.sh [--force] BACKUP_DIR     (make restore BACKUP=BACKUP_DIR [FORCE=1])
#
# 1. Checks the backup itself: every original against MANIFEST.sha256.
# 2. Refuses a database that already has tables, or a MEDIA_ROOT/originals that already has
#    files, unless --force: then the database's objects are replaced by the backup's and the
#    originals are copied over what is there (originals are never removed).
# 3. Restores the dump (pg_restore, in one transaction) and copies the originals.
# 4. Verifies the result: the manifest again where the originals now are, and every
#    restored SourceDocument's file against its SHA-256.
#
# Environment: DATABASE_URL (else scripts/pg.sh's cluster), MEDIA_ROOT (else var/media),
# PG_BINDIR (where pg_restore and psql are). Create an empty database first, for example
# `createdb minutes_restored`, and point DATABASE_URL at it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
MEDIA_ROOT=${MEDIA_ROOT:-$ROOT/var/media}

say() { echo "restore.sh: $*" >&2; }
die() { say "$*"; exit 1; }

FORCE=false
if [ "${1:-}" = --force ]; then FORCE=true; shift; fi
[ $# -eq 1 ] || die "usage: $0 [--force] BACKUP_DIR"
BACKUP=$(cd "$1" && pwd -P) || die "no backup directory $1"
if [ ! -f "$BACKUP/database.dump" ] || [ ! -f "$BACKUP/MANIFEST.sha256" ]; then
    die "$BACKUP is not a backup made by scripts/backup.sh (database.dump, MANIFEST.sha256)"
fi

# shellcheck source=scripts/db-client.sh
. "$ROOT/scripts/db-client.sh"

with_originals=true
if [ -f "$BACKUP/ORIGINALS_IN_S3" ]; then
    say "$(cat "$BACKUP/ORIGINALS_IN_S3") Restoring the database only."
    with_originals=false
fi

if $with_originals; then
    say "checking the backup's originals"
    (cd "$BACKUP" && sha256sum --check --quiet --strict MANIFEST.sha256) \
        || die "the backup in $BACKUP is damaged: originals do not match MANIFEST.sha256"
fi

tables=$(psql_query "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg_toast%'")
if [ "$tables" != 0 ] && ! $FORCE; then
    die "the database already has $tables tables: restore into an empty database, or pass" \
        "--force to replace its contents with the backup's"
fi
if $with_originals && [ -d "$MEDIA_ROOT/originals" ] \
    && [ -n "$(find "$MEDIA_ROOT/originals" -type f -print -quit)" ] && ! $FORCE; then
    die "$MEDIA_ROOT/originals already holds files: restore into an empty MEDIA_ROOT, or pass --force"
fi

say "restoring the database"
clean=()
if [ "$tables" != 0 ]; then clean=(--clean --if-exists); fi
"$(client pg_restore)" --no-owner --no-privileges --exit-on-error --single-transaction \
    "${clean[@]}" "${DB[@]}" "$BACKUP/database.dump"

if $with_originals; then
    say "restoring the originals into $MEDIA_ROOT"
    mkdir -p "$MEDIA_ROOT/originals"
    cp -a "$BACKUP/originals/." "$MEDIA_ROOT/originals/"
    (cd "$MEDIA_ROOT" && sha256sum --check --quiet --strict "$BACKUP/MANIFEST.sha256") \
        || die "the restored originals in $MEDIA_ROOT do not match MANIFEST.sha256"
    # Each record's file must be there with the bytes its checksum names: the records,
    # written out as a sha256sum list, checked where the originals now are.
    records=$(mktemp)
    trap 'rm -f "$records"' EXIT
    # Those the archive had lost before the backup (MISSING_ORIGINALS) are only reported.
    known_missing=$BACKUP/MISSING_ORIGINALS
    [ -f "$known_missing" ] || known_missing=/dev/null
    # A discarded upload's file may have been purged while the backup ran (backup.sh).
    psql_query "SELECT sha256 || '  ' || file FROM minutes_sourcedocument WHERE file <> ''
        AND status <> 'discarded' ORDER BY file" | { grep -vxF -f "$known_missing" || true; } >"$records"
    if [ -s "$records" ]; then
        (cd "$MEDIA_ROOT" && sha256sum --check --quiet --strict "$records") \
            || die "restored records name originals that are missing or do not match"
    fi
    say "$(wc -l <"$records") originals restored and verified against their records"
    if [ -s "$known_missing" ]; then
        say "warning: $(wc -l <"$known_missing") records name originals that were already" \
            "missing when the backup was made (listed in $known_missing)"
    fi
fi
say "restored $BACKUP"
