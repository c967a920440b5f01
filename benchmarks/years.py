"""How the public portal grows with the years of records: every public page, feed and
download of the latest year, at 1, 5 and 20 generated years (manage.py generate_demo).

    .venv/bin/python benchmarks/years.py [--years 1 5 20] [--runs 7] [--postgres] [--no-pdf]

Each size gets its own fresh database (SQLite files in a temporary folder; with --postgres,
throw-away databases years_bench_<n> on 127.0.0.1:5432, user postgres, dropped at the end),
migrated and filled by generate_demo in a child process that then measures with
production-like settings: DEBUG off (so Django's cached template loader), the page cache
off (DJANGO_PAGE_CACHE=0: every request renders). Static files are named without the
manifest's hashes (no collectstatic), which changes nothing measured here.

Per URL: the queries of one request, the median time of --runs requests (after one warm-up
request) and the response's size, at each size, and the growth 20y/1y (last/first size).
A URL is flagged when its queries grow at all or its time or size grows more than
GROWTH_LIMIT times. The full calendar feed (/sessions/calendar.ics, every year) of the
largest size must stay under FEED_BUDGET_MS uncached: printed apart, with PASS or FAIL.
The PDF is measured as a cached download (rendered once first, as the first visitor does).

The machine is shared: times are noisy, compare ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROWTH_LIMIT = 1.5
FEED_PATH = "/sessions/calendar.ics"
FEED_BUDGET_MS = 300.0
PG = "postgres://postgres@127.0.0.1:5432/{name}"


# ---------------------------------------------------------------- the child: one database


def measure(years: int, runs: int, pdf: bool) -> dict:
    """In a process whose DATABASE_URL is a fresh database: migrate, generate, measure."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment

    from portal import demo
    from workplan.report.builder import report_version
    from workplan.selectors import work_plan_of_year
    from workplan.services import rendition_made

    setup_test_environment()  # the test client's host "testserver"
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    started = time.perf_counter()
    summary = demo.generate(years=years)
    generated = time.perf_counter() - started
    year = summary.last_year
    assert not settings.DEBUG and not settings.PAGE_CACHE_ENABLED

    storages = {**settings.STORAGES}
    storages["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    results = []
    media = tempfile.mkdtemp(prefix="years-media-")  # the rendered PDF, removed at the end
    with override_settings(STORAGES=storages, MEDIA_ROOT=media):
        client = Client()
        urls = [(u.path, u.key, u.status) for u in demo.public_urls(year)]
        if pdf:
            # A worker renders it once; every download after that gets the stored file.
            plan = work_plan_of_year(year)
            rendition_made(work_plan=plan, version=report_version())
            urls.append((f"/workplan/{year}.pdf", f"/workplan/{year}.pdf (cached)", 200))
        for path, key, status in urls:
            response = client.get(path)  # warm-up: imports, template compilation
            assert response.status_code == status, (path, response.status_code)
            times = []
            for _ in range(runs):
                began = time.perf_counter()
                response = client.get(path)
                response.getvalue()  # a streamed download is read to its end
                times.append(time.perf_counter() - began)
            with CaptureQueriesContext(connection) as queries:
                client.get(path).getvalue()
            results.append(
                {
                    "path": key.replace(str(year), "<Y>"),
                    "queries": len(queries),
                    "ms": statistics.median(times) * 1000,
                    "bytes": len(response.getvalue()),
                }
            )
    shutil.rmtree(media, ignore_errors=True)
    return {"years": years, "last_year": year, "generated_s": generated, "urls": results}


def child_main(years: int, runs: int, pdf: bool) -> None:
    print(json.dumps(measure(years, runs, pdf)))


# ---------------------------------------------------------------- the parent


def _child_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="portal.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="benchmark-only-not-a-secret-" + "x" * 30,
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_PAGE_CACHE="0",
    )
    env.pop("REDIS_URL", None)
    return env


def _pg(sql: str) -> None:
    import psycopg2

    connection = psycopg2.connect(PG.format(name="postgres"))
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql)
    connection.close()


def run_size(years: int, runs: int, pdf: bool, postgres: bool, folder: Path) -> dict:
    if postgres:
        name = f"years_bench_{years}"
        _pg(f'DROP DATABASE IF EXISTS "{name}"')
        _pg(f'CREATE DATABASE "{name}"')
        url = PG.format(name=name)
    else:
        url = f"sqlite:///{folder / f'years-{years}.sqlite3'}"
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(years), "--runs", str(runs)]
            + ([] if pdf else ["--no-pdf"]),
            cwd=ROOT,
            env=_child_env(url),
            capture_output=True,
            text=True,
        )
        if done.returncode:
            sys.stderr.write(done.stderr)
            raise SystemExit(f"{years} years: the measuring process failed")
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        if postgres:
            _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _ratio(last: float, first: float) -> float:
    return last / first if first else (1.0 if not last else float("inf"))


def report(sizes: list[dict]) -> bool:
    """Print the table; True when the full feed of the largest size is within budget."""
    years = [s["years"] for s in sizes]
    first, last = sizes[0], sizes[-1]
    print()
    for size in sizes:
        print(
            f"{size['years']:>2} years ({size['last_year'] - size['years'] + 1}~"
            f"{size['last_year']}): generated in {size['generated_s']:.1f} s"
        )
    print(f"<Y> is the latest year; growth = {years[-1]}y / {years[0]}y; ! = flagged\n")
    cols = "  ".join(f"{y:>4}y" for y in years)
    print(
        f"{'URL':<46} {'queries':^{6 * len(years)}}  {'median ms':^{8 * len(years)}}  "
        f"{'KiB':^{8 * len(years)}}  {'growth q/ms/KiB':<18}"
    )
    print(f"{'':<46} {cols}  " + "  ".join(f"{y:>6}y" for y in years) * 2)
    flagged = []
    for index, row in enumerate(first["urls"]):
        cells = [s["urls"][index] for s in sizes]
        assert all(c["path"] == row["path"] for c in cells)
        q = [c["queries"] for c in cells]
        ms = [c["ms"] for c in cells]
        kib = [c["bytes"] / 1024 for c in cells]
        growth_ms, growth_kib = _ratio(ms[-1], ms[0]), _ratio(kib[-1], kib[0])
        flags = []
        if q[-1] > q[0]:
            flags.append("queries")
        if growth_ms > GROWTH_LIMIT:
            flags.append("time")
        if growth_kib > GROWTH_LIMIT:
            flags.append("bytes")
        mark = "!" if flags else " "
        if flags:
            flagged.append((row["path"], flags))
        print(
            f"{mark}{row['path'][:45]:<45} "
            + " ".join(f"{v:>5}" for v in q)
            + "  "
            + " ".join(f"{v:>7.1f}" for v in ms)
            + "  "
            + " ".join(f"{v:>7.1f}" for v in kib)
            + f"  {_ratio(q[-1], q[0]):.2f}/{growth_ms:.2f}/{growth_kib:.2f}"
        )
    print()
    if flagged:
        print(f"Flagged (queries grow, or time or size grows more than {GROWTH_LIMIT}x):")
        for path, flags in flagged:
            print(f"  {path}: {', '.join(flags)}")
    else:
        print("Nothing flagged.")
    feed = next(c for c in last["urls"] if c["path"] == FEED_PATH)
    ok = feed["ms"] < FEED_BUDGET_MS
    print(
        f"\nFull calendar feed {FEED_PATH} at {last['years']} years, uncached: "
        f"{feed['ms']:.1f} ms median, {feed['bytes'] / 1024:.0f} KiB, {feed['queries']} queries"
        f" (budget {FEED_BUDGET_MS:.0f} ms): {'PASS' if ok else 'FAIL'}"
    )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, nargs="+", default=[1, 5, 20])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--no-pdf", dest="pdf", action="store_false")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        child_main(args.child, args.runs, args.pdf)
        return
    sizes = []
    with tempfile.TemporaryDirectory(prefix="years-bench-") as folder:
        for years in sorted(args.years):
            began = time.perf_counter()
            sizes.append(run_size(years, args.runs, args.pdf, args.postgres, Path(folder)))
            print(f"measured {years} years in {time.perf_counter() - began:.0f} s", flush=True)
    ok = report(sizes)
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
