#!/usr/bin/env bash
# Back up the archive: a dump of its PostgreSQL database and a copy of the stored originals.
#
#   scripts/backup.sh          (make backup) writes var/backups/<UTC timestamp>/
#
# The backup directory holds
#   database.dump     pg_dump -Fc of the database: DATABASE_URL, or the private cluster
#   originals/        MEDIA_ROOT/originals as stored: the originals, named by their SHA-256,
#                     and beside a scan its OCR copy, <original's SHA-256>.ocr.pdf
#   MANIFEST.sha256   `sha256sum` of every file in originals/, for scripts/restore.sh
#   MISSING_ORIGINALS records whose original was already missing or damaged in MEDIA_ROOT;
#                     then the backup is still written, and the exit status is 3
#
# Each file is checked as it is copied: an original against the checksum in its name, an OCR
# copy against the checksum recorded when it was written. One that does not match is
# copied as it is and named in a warning. A damaged OCR copy alone is no lost data (it is
# made again from its original), so it does not change the exit status.
#
# The dump is taken first and the originals copied after it. An original is written before
# its record is committed and is never deleted (only a discarded upload's is, after its
# retention period), so every original the dump refers to is in the copy (a few newer ones may be too, harmlessly). The directory is written as
# <timestamp>.partial and renamed when complete: a directory without .partial is whole.
#
# Environment: DATABASE_URL (else scripts/pg.sh's cluster), MEDIA_ROOT (else var/media),
# BACKUP_ROOT (else var/backups), PG_BINDIR (where pg_dump is). With STORAGE_BACKEND=s3 the
# originals are in the bucket, not on this disk: only the database is dumped, and the bucket
# needs its own backup (versioning, replication). The directory is printed on the last line.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
MEDIA_ROOT=${MEDIA_ROOT:-$ROOT/var/media}
BACKUP_ROOT=${BACKUP_ROOT:-$ROOT/var/backups}

say() { echo "backup.sh: $*" >&2; }
die() { say "$*"; exit 1; }

# shellcheck source=scripts/db-client.sh
. "$ROOT/scripts/db-client.sh"

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
DEST=$BACKUP_ROOT/$STAMP
WORK=$DEST.partial
[ ! -e "$DEST" ] || die "$DEST already exists"
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT

# The records' originals, listed before the dump: each was written before its record was
# committed, so each must be in the copy made after it. A discarded upload's file may be
# purged while the backup runs (minutes/upload_purge.py): copied if it is still there, it is
# not missed if it is not.
if [ -n "$(psql_query "SELECT to_regclass('minutes_sourcedocument')")" ]; then
    psql_query "SELECT sha256 || '  ' || file FROM minutes_sourcedocument WHERE file <> ''
        AND status <> 'discarded' ORDER BY file" >"$WORK/records.sha256"
    # An OCR copy without a recorded checksum (one unreadable when migration 0009 recorded
    # those of the copies stored before) has none to be checked by.
    psql_query "SELECT ocr_sha256 || '  ' || ocr_file FROM minutes_sourcedocument
        WHERE ocr_file <> '' AND ocr_sha256 <> '' ORDER BY ocr_file" >"$WORK/ocr.sha256"
else
    : >"$WORK/records.sha256"
    : >"$WORK/ocr.sha256"
fi

say "dumping the database"
"$(client pg_dump)" --format=custom --file="$WORK/database.dump" "${DB[@]}"

if [ "${STORAGE_BACKEND:-filesystem}" = s3 ]; then
    say "STORAGE_BACKEND=s3: the originals are in the bucket ${S3_BUCKET:-}; back it up there"
    echo "Originals in S3 bucket ${S3_BUCKET:-}: not copied by this backup." >"$WORK/ORIGINALS_IN_S3"
    : >"$WORK/MANIFEST.sha256"
else
    say "copying the originals from $MEDIA_ROOT"
    mkdir -p "$WORK/originals"
    if [ -d "$MEDIA_ROOT/originals" ]; then
        cp -a "$MEDIA_ROOT/originals/." "$WORK/originals/"
    fi
    (cd "$WORK" && find originals -type f -print0 | sort -z | xargs -0 -r sha256sum) \
        >"$WORK/MANIFEST.sha256"
    # A file whose bytes do not match its checksum was damaged before this backup. It is kept
    # as it is, and said here so that someone looks at it.
    declare -A copied=() ocr=()
    while read -r sum name; do ocr[$name]=$sum; done <"$WORK/ocr.sha256"
    reparse="parsing its original again makes it anew (manage.py ingest --reparse)"
    while read -r sum name; do
        copied[$name]=$sum
        if [ -n "${ocr[$name]:-}" ]; then
            if [ "${ocr[$name]}" != "$sum" ]; then
                say "warning: $name, an OCR copy, does not match the checksum recorded when" \
                    "it was written; $reparse"
            fi
            continue
        fi
        case "$(basename "$name")" in
            "$sum"*) ;;
            # Named after its original, and no record says what it should hold (one left by
            # an earlier parse, or stored before checksums were recorded): nothing to check.
            *.ocr.pdf) ;;
            *) say "warning: $name does not match the checksum in its name" ;;
        esac
    done <"$WORK/MANIFEST.sha256"
    while read -r _sum name; do
        if [ -z "${copied[$name]:-}" ]; then
            say "warning: $name, an OCR copy, is missing from $MEDIA_ROOT; $reparse"
        fi
    done <"$WORK/ocr.sha256"
    # Records whose original is not in MEDIA_ROOT with its bytes: the archive had lost them
    # before this backup. Listed, so that restore.sh tells them from damage to the backup.
    while read -r sum name; do
        if [ "${copied[$name]:-}" != "$sum" ]; then echo "$sum  $name"; fi
    done <"$WORK/records.sha256" >"$WORK/MISSING_ORIGINALS"
fi
rm -f "$WORK/records.sha256" "$WORK/ocr.sha256"

mv "$WORK" "$DEST"
trap - EXIT
say "$(wc -l <"$DEST/MANIFEST.sha256") stored files (originals and OCR copies) and the" \
    "database backed up"
echo "$DEST"
if [ -s "$DEST/MISSING_ORIGINALS" ]; then
    say "warning: $(wc -l <"$DEST/MISSING_ORIGINALS") records name originals that are missing" \
        "or damaged in $MEDIA_ROOT (listed in $DEST/MISSING_ORIGINALS); the backup holds" \
        "everything else"
    exit 3
fi
