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

"$PYTHON" manage.py qcluster &
WORKER=$!
stop_worker() {
    if kill -0 "$WORKER" 2>/dev/null; then
        kill -TERM "$WORKER" 2>/dev/null || true
        wait "$WORKER" 2>/dev/null || true
    fi
}
trap stop_worker EXIT INT TERM

"$PYTHON" manage.py runserver "127.0.0.1:${PORT}"
