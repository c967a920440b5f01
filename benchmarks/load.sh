#!/usr/bin/env bash
# Load benchmark: the portal served by gunicorn on 127.0.0.1 against PostgreSQL, driven by wrk.
#
#   bash benchmarks/load.sh                 # 20 s per URL, 32 connections
#   DURATION=5s CONNECTIONS=8 bash benchmarks/load.sh
#   PHASES=3 URLS="/healthz /sessions/" bash benchmarks/load.sh   # only some runs and URLs
#
# For each URL it prints req/s, p50, p99, errors (non-2xx responses + socket errors/timeouts)
# and the ratio of the URL's req/s to /healthz's, in three runs:
#   1. page cache on, Redis as the shared cache (REDIS_URL), as in production
#   2. page cache off (DJANGO_PAGE_CACHE=0): every request renders
#   3. page cache off, one connection: the time one page takes to render (p50)
# It creates its own database (BENCH_DB, dropped again at the end), starts and stops its own
# gunicorn (trap), and never sends a request anywhere but 127.0.0.1.
set -euo pipefail

cd "$(dirname "$0")/.."

DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-2s}"
CONNECTIONS="${CONNECTIONS:-32}"
# wrk threads: one per CPU, at most 4 (more would only compete with gunicorn for the CPUs).
THREADS="${THREADS:-$(n=$(nproc); echo $((n < 4 ? n : 4)))}"
WORKERS="${WORKERS:-4}"
YEAR="${YEAR:-2023}"
PG_SERVER="${PG_SERVER:-postgres://postgres@127.0.0.1:5432}"
BENCH_DB="${BENCH_DB:-council_bench}"
REDIS_DB_URL="${REDIS_DB_URL:-redis://127.0.0.1:6379/7}"
HOST=127.0.0.1
# URLS="/healthz /sessions/": only these (keep /healthz first: the ratios are against it).
if [ -n "${URLS:-}" ]; then
    read -r -a URLS <<<"$URLS"
else
    URLS=(/healthz / /sessions/ "/budget/${YEAR}/" /sessions/calendar.ics "/workplan/${YEAR}.pdf")
fi
# PHASES="2 3": only these of the three runs below (1: cache on, 2: off, 3: off, one connection).
PHASES="${PHASES:-1 2 3}"
phase() { case " $PHASES " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

for tool in wrk psql .venv/bin/gunicorn; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "load.sh: $tool is missing; run \`make setup\` (installs wrk via scripts/system-deps.sh)" >&2
        exit 1
    }
done
case "$PG_SERVER" in
    postgres://*@127.0.0.1:*|postgres://*@localhost:*) ;;
    *) echo "load.sh: PG_SERVER must be on 127.0.0.1" >&2; exit 1 ;;
esac

WORK="$(mktemp -d)"
GUNICORN_PID=""
stop_gunicorn() {
    if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
        kill -TERM "$GUNICORN_PID" 2>/dev/null || true
        wait "$GUNICORN_PID" 2>/dev/null || true
    fi
    GUNICORN_PID=""
}
cleanup() {
    stop_gunicorn
    psql -q "$PG_SERVER/postgres" -c "DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)" \
        >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# Production-like settings, served over plain http on the loopback only.
export DATABASE_URL="$PG_SERVER/$BENCH_DB"
export DJANGO_DEBUG=0
export DJANGO_SECRET_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DJANGO_ALLOWED_HOSTS="$HOST"
export DJANGO_SECURE_SSL_REDIRECT=0
export DJANGO_HSTS_SECONDS=0
export DJANGO_STATIC_ROOT="$WORK/static"   # collectstatic's target, removed at the end
unset REDIS_URL DJANGO_PAGE_CACHE

echo "== preparing database ${BENCH_DB} (migrate, seed) and static files"
psql -q "$PG_SERVER/postgres" -c "DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)" >/dev/null
psql -q "$PG_SERVER/postgres" -c "CREATE DATABASE ${BENCH_DB}" >/dev/null
.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py createcachetable
.venv/bin/python manage.py load_seed >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v 0
# The work plan's PDF made once, as a worker does at publication (downloads then read the
# file): the published edition's, which /workplan/<year>.pdf serves (the seed publishes it).
export DJANGO_MEDIA_ROOT="$WORK/media"
.venv/bin/python manage.py export_workplan "$YEAR" --published --output "$WORK/plan.pdf" >/dev/null
PORT="$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://${HOST}:${PORT}"

# wrk script: counts non-2xx responses and prints one line of figures per run.
cat >"$WORK/report.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
    if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
    local bad = 0
    for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
    local e = summary.errors
    local socket = e.connect + e.read + e.write + e.timeout
    io.write(string.format("RESULT %.1f %.1f %.1f %d %d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        bad + socket, summary.requests))
end
LUA

start_gunicorn() {
    # start_gunicorn ENV=VALUE...: a fresh gunicorn with these extra variables.
    stop_gunicorn
    env "$@" .venv/bin/gunicorn portal.wsgi:application \
        --bind "${HOST}:${PORT}" --workers "$WORKERS" --worker-class sync \
        --log-level warning --error-logfile "$WORK/gunicorn.log" &
    GUNICORN_PID=$!
    local i
    for i in $(seq 1 100); do
        if curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null; then return 0; fi
        sleep 0.2
    done
    echo "load.sh: gunicorn did not answer on $BASE/healthz" >&2
    cat "$WORK/gunicorn.log" >&2
    exit 1
}

run_variant() {
    # run_variant TITLE CONNECTIONS THREADS: wrk on every URL; a table of figures.
    local title="$1" conns="$2" threads="$3"
    local healthz_rps="" url line rps p50 p99 errors requests ratio
    echo
    echo "== ${title}: wrk -d ${DURATION} -c ${conns} -t ${threads}"
    printf '%-22s %10s %10s %10s %8s %10s %8s\n' URL "req/s" "p50 ms" "p99 ms" errors requests ratio
    # Warm-up: every worker process answers every URL a few times first (connections opened,
    # code and templates loaded), so /healthz, measured first, is not measured cold.
    for url in "${URLS[@]}"; do
        wrk -d "$WARMUP" -c "$conns" -t "$threads" "$BASE$url" >/dev/null
    done
    for url in "${URLS[@]}"; do
        # Warm up: the first request of a cached page renders it; check it answers 200.
        local status
        status="$(curl -s -o /dev/null -w '%{http_code}' "$BASE$url")"
        [ "$status" = 200 ] || echo "   (warning: $url answered $status before the run)"
        line="$(wrk -d "$DURATION" -c "$conns" -t "$threads" --timeout 30s \
            -s "$WORK/report.lua" "$BASE$url" | grep '^RESULT')"
        read -r _ rps p50 p99 errors requests <<<"$line"
        [ "$url" = /healthz ] && healthz_rps="$rps"
        ratio="$(awk -v a="$rps" -v b="$healthz_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
        printf '%-22s %10s %10s %10s %8s %10s %8s\n' "$url" "$rps" "$p50" "$p99" "$errors" "$requests" "$ratio"
    done
}

echo "== gunicorn: ${WORKERS} sync workers on ${BASE}, PostgreSQL ${BENCH_DB}, CONN_MAX_AGE on"
if phase 1; then
    start_gunicorn REDIS_URL="$REDIS_DB_URL" DJANGO_PAGE_CACHE=1
    .venv/bin/python - "$REDIS_DB_URL" <<'PY'
import sys, redis
redis.Redis.from_url(sys.argv[1]).flushdb()  # the bench's own Redis database only
PY
    run_variant "page cache ON (Redis ${REDIS_DB_URL})" "$CONNECTIONS" "$THREADS"
fi

if phase 2 || phase 3; then
    start_gunicorn DJANGO_PAGE_CACHE=0
    if phase 2; then run_variant "page cache OFF" "$CONNECTIONS" "$THREADS"; fi
    if phase 3; then run_variant "page cache OFF, one connection" 1 1; fi
fi

if [ -s "$WORK/gunicorn.log" ]; then
    echo
    echo "== gunicorn errors:"
    tail -n 30 "$WORK/gunicorn.log"
fi
