#!/usr/bin/env bash
# Fault benchmark: the portal under load while its database and its cache stop and come back.
#
#   bash benchmarks/faults.sh                  # 8 s per phase, 16 connections
#   PHASE=4s CONNECTIONS=8 bash benchmarks/faults.sh
#
# It starts everything it needs on free loopback ports and stops it again (trap): a
# throw-away PostgreSQL cluster (initdb, in a temporary folder), a throw-away Redis, and
# gunicorn (4 sync workers, production settings) on them; the seed is loaded. Then wrk
# drives a bounded load through these phases, the fault applied as the phase starts:
#
#   1. baseline          everything up
#   2. database down     pg_ctl stop -m immediate     load on cached public pages
#   3. database back     pg_ctl start                 load on every page, 1 s after it answers
#   4. cache down        redis-server killed          load on every page
#   5. cache hung        redis-server SIGSTOP         load on every page
#   6. cache back        redis-server started again   load on every page, 1 s after it answers
#
# For each phase it prints requests, 5xx answers, other non-2xx answers and socket errors,
# and after each comeback the seconds until every page answers as before (200 from a fresh
# rendering or the cache, no stale page). The goal (docs/DEPLOYMENT.md, "Faults"): 0 5xx on
# cached pages during a database outage, 0 5xx on any page during a cache outage, 0 errors
# from one second after a recovery. Nothing is sent anywhere but 127.0.0.1.
set -euo pipefail

cd "$(dirname "$0")/.."

PHASE="${PHASE:-8s}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
WORKERS="${WORKERS:-4}"
HOST=127.0.0.1
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
# Public pages that the seed fills, cached by the first visit.
CACHED=(/ /sessions/ /budget/2023/ /budget/2022/ /council/ /outreach/ /workplan/2023/
    /sessions/calendar.ics /budget/2023.csv)
# Every kind of page: the cached ones, plus pages that need the database on every request.
EVERY=("${CACHED[@]}" /healthz /admin/login/ /outreach/visits/apply/)

for tool in wrk curl redis-server .venv/bin/gunicorn "$PG_BIN/initdb" "$PG_BIN/pg_ctl"; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "faults.sh: $tool is missing; run \`make setup\` (scripts/system-deps.sh installs it)" >&2
        exit 1
    }
done

WORK="$(mktemp -d /tmp/council-faults.XXXXXX)"
chmod 755 "$WORK"
free_port() { .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PG_PORT="$(free_port)"
REDIS_PORT="$(free_port)"
APP_PORT="$(free_port)"
BASE="http://${HOST}:${APP_PORT}"

# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

GUNICORN_PID=""
REDIS_PID=""
cleanup() {
    set +e
    [ -n "$GUNICORN_PID" ] && kill -TERM "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null
    if [ -n "$REDIS_PID" ]; then
        kill -CONT "$REDIS_PID" 2>/dev/null
        kill -TERM "$REDIS_PID" 2>/dev/null && wait "$REDIS_PID" 2>/dev/null
    fi
    [ -d "$WORK/pg" ] && as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

start_postgres() {
    as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/sock/pg.log" -w -t 30 \
        -o "-p ${PG_PORT} -c listen_addresses=${HOST} -k ${WORK}/sock" start >/dev/null
}
stop_postgres() { as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null; }
start_redis() {
    redis-server --bind "$HOST" --port "$REDIS_PORT" --save "" --appendonly no \
        --dir "$WORK" --logfile "$WORK/redis.log" &
    REDIS_PID=$!
    local i
    for i in $(seq 1 50); do
        redis-cli -h "$HOST" -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "faults.sh: redis-server did not start" >&2
    exit 1
}
stop_redis() { kill -TERM "$REDIS_PID"; wait "$REDIS_PID" 2>/dev/null || true; REDIS_PID=""; }

echo "== throw-away PostgreSQL on ${HOST}:${PG_PORT}, Redis on ${HOST}:${REDIS_PORT} (in ${WORK})"
mkdir -p "$WORK/pg" "$WORK/sock"
[ "$(id -u)" -eq 0 ] && chown postgres "$WORK/pg" "$WORK/sock"
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U postgres -A trust --no-sync -E UTF8 >/dev/null
start_postgres
start_redis

export DATABASE_URL="postgres://postgres@${HOST}:${PG_PORT}/postgres"
export REDIS_URL="redis://${HOST}:${REDIS_PORT}/0"
export DJANGO_DEBUG=0
export DJANGO_SECRET_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DJANGO_ALLOWED_HOSTS="$HOST"
export DJANGO_SECURE_SSL_REDIRECT=0
export DJANGO_HSTS_SECONDS=0
export DJANGO_STATIC_ROOT="$WORK/static"
unset DJANGO_PAGE_CACHE

echo "== migrate, seed, collectstatic"
.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py load_seed >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v 0

.venv/bin/gunicorn portal.wsgi:application --bind "${HOST}:${APP_PORT}" --workers "$WORKERS" \
    --worker-class sync --timeout 30 --log-level warning 2>>"$WORK/gunicorn.log" &
GUNICORN_PID=$!
for i in $(seq 1 100); do
    curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && break
    sleep 0.2
done

# wrk script: the paths given after `--` in turn; counts 5xx, other non-2xx, socket errors.
cat >"$WORK/faults.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
    paths = args; i = 0; s5 = 0; other = 0
end
function request()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end
function response(status, headers, body)
    if status >= 500 then s5 = s5 + 1
    elseif status < 200 or status > 299 then other = other + 1 end
end
function done(summary, latency, requests)
    local five, rest = 0, 0
    for _, thread in ipairs(threads) do
        five = five + thread:get("s5"); rest = rest + thread:get("other")
    end
    local e = summary.errors
    io.write(string.format("RESULT %d %d %d %d %.1f\n", summary.requests, five, rest,
        e.connect + e.read + e.write + e.timeout, latency:percentile(99) / 1000))
end
LUA

warm() {
    # Visit every cached page twice (render, then a hit), so the cache holds them all.
    local path
    for path in "${CACHED[@]}" "${CACHED[@]}"; do curl -s -o /dev/null "$BASE$path"; done
}

elapsed_since() { awk -v s="$1" -v n="$(date +%s.%N)" 'BEGIN { printf "%.2f", n - s }'; }

# seconds_until_recovered database|cache: polls until the site answers as before the fault:
# database: every page 200 and none stale; cache: besides, a page visited twice is a hit
# (every worker's breaker closed again, so the cache is written and read).
seconds_until_recovered() {
    local what="$1" start path ok answer
    start=$(date +%s.%N)
    while :; do
        ok=1
        for path in "${EVERY[@]}"; do
            answer="$(curl -s -o /dev/null -D - -w '%{http_code}' "$BASE$path" | tr -d '\r')"
            if [ "${answer: -3}" != 200 ] || grep -qi '^x-page-cache: stale' <<<"$answer"; then
                ok=0
                break
            fi
        done
        if [ "$ok" = 1 ] && [ "$what" = cache ]; then
            for path in "${CACHED[@]}"; do
                curl -s -o /dev/null "$BASE$path"
                curl -s -o /dev/null -D - "$BASE$path" | grep -qi '^x-page-cache: hit' || ok=0
            done
        fi
        [ "$ok" = 1 ] && break
        if awk -v t="$(elapsed_since "$start")" 'BEGIN { exit !(t > 60) }'; then
            echo "never"
            return
        fi
        sleep 0.1
    done
    elapsed_since "$start"
}

printf '\n%-16s %-24s %9s %6s %9s %8s %8s %11s\n' phase load requests 5xx non-2xx socket "p99 ms" "recovery s"
RESULTS=()
phase() {
    # phase NAME LOAD RECOVERY: wrk for $PHASE over the LOAD paths; one row of figures.
    local name="$1" load="$2" recovery="${3:--}" paths line
    if [ "$load" = cached ]; then paths=("${CACHED[@]}"); else paths=("${EVERY[@]}"); fi
    line="$(wrk -d "$PHASE" -c "$CONNECTIONS" -t "$THREADS" --timeout 10s -s "$WORK/faults.lua" \
        "$BASE" -- "${paths[@]}" | grep '^RESULT')"
    read -r _ requests five other socket p99 <<<"$line"
    RESULTS+=("$name|$five|$((five + other + socket))")
    printf '%-16s %-24s %9s %6s %9s %8s %8s %11s\n' "$name" "$load pages (${#paths[@]})" \
        "$requests" "$five" "$other" "$socket" "$p99" "$recovery"
}

warm
phase baseline every

stop_postgres
phase "database down" cached

start_postgres
recovered="$(seconds_until_recovered database)"
sleep 1
phase "database back" every "$recovered"

warm
stop_redis
phase "cache down" every

start_redis
sleep 0.5
kill -STOP "$REDIS_PID"
phase "cache hung" every
kill -CONT "$REDIS_PID"
stop_redis

start_redis
recovered="$(seconds_until_recovered cache)"
sleep 1
phase "cache back" every "$recovered"

# The goal: no 5xx while either is down, no error at all once they are back.
verdict="met"
for row in "${RESULTS[@]}"; do
    IFS='|' read -r name five errors <<<"$row"
    case "$name" in
        "database down" | "cache down" | "cache hung") [ "$five" = 0 ] || verdict="NOT met" ;;
        *) [ "$errors" = 0 ] || verdict="NOT met" ;;
    esac
done
echo
echo "== goal (0 5xx during the outages, 0 errors after recovery): ${verdict}"
echo "== /healthz now: $(curl -s "$BASE/healthz" | head -n 1)"
echo "== gunicorn's log (first 20 lines; repeats are folded into counts):"
head -n 20 "$WORK/gunicorn.log" || true
echo "== log lines in all: $(wc -l <"$WORK/gunicorn.log")"
