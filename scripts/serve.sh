#!/usr/bin/env bash
# `make run`'s server: gunicorn on 127.0.0.1:8000 and one task-queue worker beside it
# (minutes/tasks.py). Ctrl-C (or TERM) stops both; if either stops by itself, so does the
# other, and the script exits with its status. More workers: docs/queue.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.dev}"
VENV="${VENV:-.venv}"

# A worker reads one file at a time by default (QUEUE_WORKER_CONCURRENCY): a parse takes a
# core, and the web server needs the other of a two-core machine. Jobs that succeeded are
# deleted (the records of uploads keep what they need); failed ones stay for a look.
"$VENV/bin/python" manage.py procrastinate worker \
	--concurrency "${QUEUE_WORKER_CONCURRENCY:-1}" --delete-jobs successful &
worker=$!
"$VENV/bin/gunicorn" config.wsgi --bind "${BIND:-127.0.0.1:8000}" \
	--workers "${WEB_CONCURRENCY:-2}" --timeout 120 &
web=$!

stop() {
	trap - INT TERM
	kill -TERM "$worker" "$web" 2>/dev/null || true
	wait "$worker" "$web" 2>/dev/null || true
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM

status=0
wait -n "$worker" "$web" || status=$?
stop
exit "$status"
