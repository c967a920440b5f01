#!/usr/bin/env bash
# Install the Debian packages the portal needs at run and test time, only when missing.
#
# Fast and quiet when everything is present: it asks dpkg-query first and runs
# `apt-get update` / `apt-get install` only for what is missing. When it cannot
# install (no root, no sudo, no network), it prints what is missing and carries on,
# so the caller decides whether that matters.
#
# Add new packages to PACKAGES below (one per line, with the reason).
set -uo pipefail

PACKAGES=(
    libpango-1.0-0        # WeasyPrint: text layout for the work-plan PDF
    libpangoft2-1.0-0     # WeasyPrint: FreeType fonts for Pango
    libharfbuzz-subset0   # WeasyPrint: subsets embedded fonts so PDFs stay small
    poppler-utils         # pdftotext / pdftoppm: tests read and render generated PDFs
    fonts-nanum           # NanumGothic: Korean font (also bundled in static/fonts/)
    chromium              # /usr/bin/chromium: the browser the e2e tests drive (Playwright)
    wrk                   # benchmarks/load.sh: HTTP load generator
    redis-server          # tests/test_outages.py, benchmarks/faults.sh: a throw-away Redis to stop
    postgresql-15         # benchmarks/faults.sh: a throw-away cluster (initdb, pg_ctl) to stop
    gettext               # msgfmt: rebuild locale/ko/LC_MESSAGES/django.mo after editing the .po
    postgresql-client-15  # pg_dump / pg_restore: the restore steps tested (tests/test_restore.py)
)

is_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = "installed" ]
}

missing=()
for pkg in "${PACKAGES[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
done

# The Makefile builds .venv with python3.11; Debian ships venv/ensurepip separately.
if ! command -v python3.11 >/dev/null 2>&1; then
    missing+=(python3.11 python3.11-venv)
elif ! python3.11 -c "import ensurepip, venv" >/dev/null 2>&1; then
    missing+=(python3.11-venv)
fi

# The Nu HTML Checker (npm vnu-jar) needs any Java runtime; the default one only if none.
if ! command -v java >/dev/null 2>&1; then
    missing+=(default-jre-headless)
fi
# npm installs axe-core and vnu-jar for the accessibility and HTML-validity tests.
if ! command -v npm >/dev/null 2>&1; then
    missing+=(nodejs npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "system-deps: missing Debian packages: ${missing[*]}"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "system-deps: not root and no passwordless sudo; please install them yourself:" >&2
        echo "    sudo apt-get install ${missing[*]}" >&2
        exit 0
    fi
fi

export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
if $SUDO apt-get update -qq >"$log" 2>&1 \
    && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
    echo "system-deps: installed ${missing[*]}"
else
    echo "system-deps: could not install ${missing[*]}; apt said:" >&2
    tail -n 20 "$log" >&2
fi
rm -f "$log"

still_missing=()
for pkg in "${missing[@]}"; do
    is_installed "$pkg" || still_missing+=("$pkg")
done
if [ ${#still_missing[@]} -gt 0 ]; then
    echo "system-deps: STILL MISSING: ${still_missing[*]} (PDF output or its tests may fail)" >&2
fi
exit 0
