#!/usr/bin/env bash
# `make run`: the development server on 127.0.0.1:${PORT:-8000} and, alongside it, one task
# worker (Django Q2's `manage.py qcluster`: PDFs, scheduled purges), stopped with the server.
# Tasks wait in the database, so no other server is needed; production runs workers as
# their own processes (docs/DEPLOYMENT.md).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8000}"
export DJANGO_DEBUG="${DJANGO_DEBUG:-1}"
PYTHON=.venv/bin/python

# The worker runs in a session of its own, so a Ctrl-C in the terminal reaches the server and
# this script but not the worker: it gets exactly one TERM, from stop_worker. (Django Q2's
# cluster could hang for good when a second signal came while it was stopping, and Ctrl-C
# plus the TERM made two.) setsid execs without forking here, so $! is the worker's pid and
# its process group.
setsid "$PYTHON" manage.py qcluster &
WORKER=$!
STOPPING=""
stop_worker() {
    [ -n "$STOPPING" ] && return 0
    STOPPING=1
    if kill -0 "$WORKER" 2>/dev/null; then
        kill -TERM "$WORKER" 2>/dev/null || true
        # A task in flight gets 20 s to finish (one cut short is retried at the next start);
        # then the worker and its processes are killed.
        for _ in $(seq 1 100); do
            kill -0 "$WORKER" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL -- "-$WORKER" 2>/dev/null || true
        wait "$WORKER" 2>/dev/null || true
    fi
}
trap stop_worker EXIT INT TERM

"$PYTHON" manage.py runserver "127.0.0.1:${PORT}"
