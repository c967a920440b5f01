"""The site search at scale on PostgreSQL: 20 generated years (about 3,000 sittings) with at
least 200 MB of synthetic minutes text, then the index's build time and size and the latency
of the search page's reads for one- and two-word queries.

    .venv/bin/python benchmarks/search.py [--years 20] [--paragraphs 260] [--queries 40]

A throw-away database search_bench on 127.0.0.1:5432 (user postgres) is made, filled and
dropped. generate_demo makes the council, its sessions and sittings without minutes; the
minutes are then written straight into the table in bulk (portal.demo.minutes_text,
--paragraphs speeches a sitting: 260 give about 70 KB a sitting, 210 MB at 20 years),
since 200 MB through the admin's upload would measure the upload, not the search. The index
is built by the same service as manage.py search_reindex. Each query runs what the search
page reads and computes (search.selectors.results: the matches, their facet counts, the first
page of 20 entries; then the page's snippets): "page" is all of it, "facets" the counting of
the facets within it (search.selectors.facets, timed inside), "results" the rest; p50 and
p95 of --queries queries of each kind after one warm-up pass. Target: the page's p95 under
100 ms.

The machine is shared: times are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "search_bench"
PG = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
TARGET_MS = 100.0


def _percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"p50": statistics.median(ordered) * 1000, "p95": p95 * 1000}


def measure(years: int, paragraphs: int, queries: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from minutes.models import Minutes
    from portal import demo
    from search import selectors
    from search.services import reindex
    from sessions_app.models import Sitting

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    demo.generate(years=years, minutes_paragraphs=0)
    rng = random.Random(2024)
    held = list(
        Sitting.objects.select_related("body").filter(date__lt=timezone.localdate()).order_by("pk")
    )
    at = timezone.now()
    for start in range(0, len(held), 100):
        Minutes.objects.bulk_create(
            [
                Minutes(sitting=s, text=demo.minutes_text(rng, s.body, paragraphs), extracted_at=at)
                for s in held[start : start + 100]
            ]
        )
    generated = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), coalesce(sum(octet_length(text)), 0) FROM minutes_minutes")
        minutes_count, text_bytes = cursor.fetchone()

    started = time.perf_counter()
    counts = reindex()
    build = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_searchentry")
        cursor.execute(
            "SELECT pg_relation_size('search_searchentry'), "
            "pg_total_relation_size('search_searchentry'), "
            "pg_relation_size('searchentry_vector_gin'), "
            "pg_relation_size('searchentry_newest'), "
            "pg_relation_size('searchentry_newest_brin')"
        )
        table, total, gin, newest, brin = cursor.fetchone()

    words = [word for topic in demo._TOPICS for word in topic.split()] + list(demo._ITEMS)
    words += ["가결", "질의", "정회", "주민", "예산", "보완"]
    rng = random.Random(7)
    one = [rng.choice(words) for _ in range(queries)]
    two = [f"{rng.choice(words)} {rng.choice(words)}" for _ in range(queries)]

    counting: list[float] = []
    facets = selectors.facets

    def timed_facets(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return facets(*args, **kwargs)
        finally:
            counting.append(time.perf_counter() - t0)

    selectors.facets = timed_facets  # results() calls it by the module's name

    def run(texts: list[str]) -> dict:
        pages, results, facet_times, found = [], [], [], []
        for warm in (True, False):
            for text in texts:
                query = selectors.parse(text)
                counting.clear()
                t0 = time.perf_counter()
                page = selectors.results(query, {})
                for entry in page.page:
                    selectors.snippet(entry.body, query)
                spent = time.perf_counter() - t0
                if not warm:
                    pages.append(spent)
                    facet_times.append(sum(counting))
                    results.append(spent - sum(counting))
                    found.append(page.total)
        return {
            "page": _percentiles(pages),
            "results": _percentiles(results),
            "facets": _percentiles(facet_times),
            "matches_median": statistics.median(found),
            "over_cap": sum(1 for count in found if count > selectors.CAP),
            "cap": selectors.CAP,
        }

    return {
        "years": years,
        "sittings": Sitting.objects.count(),
        "minutes": minutes_count,
        "text_mb": text_bytes / 1e6,
        "generate_s": generated,
        "entries": counts,
        "build_s": build,
        "table_mb": table / 1e6,
        "total_mb": total / 1e6,
        "gin_mb": gin / 1e6,
        "newest_mb": newest / 1e6,
        "brin_kb": brin / 1e3,
        "one_word": run(one),
        "two_words": run(two),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--paragraphs", type=int, default=260)
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))  # not benchmarks/, whose workplan.py would shadow the app
        print(json.dumps(measure(args.years, args.paragraphs, args.queries)))
        return

    psql = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", *psql, "--if-exists", DATABASE], check=True)
    subprocess.run(["createdb", *psql, DATABASE], check=True)
    env = {
        **os.environ,
        "DATABASE_URL": PG,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "search-benchmark-only",
        "DJANGO_ALLOWED_HOSTS": "testserver",
    }
    try:
        child = subprocess.run(
            [sys.executable, __file__, "--child", *sys.argv[1:]],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
    finally:
        subprocess.run(["dropdb", *psql, "--if-exists", DATABASE], check=False)
    if child.returncode:
        sys.stderr.write(child.stderr)
        raise SystemExit(child.returncode)
    r = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"search at {r['years']} generated years on PostgreSQL ({os.cpu_count()} cores)")
    print(
        f"  sittings {r['sittings']:,}, minutes {r['minutes']:,}, text {r['text_mb']:.1f} MB "
        f"(generated in {r['generate_s']:.1f} s)"
    )
    entries = ", ".join(f"{kind} {count:,}" for kind, count in r["entries"].items())
    print(f"  index build {r['build_s']:.1f} s: entries {entries}")
    print(
        f"  size: table {r['table_mb']:.1f} MB, GIN index {r['gin_mb']:.1f} MB, "
        f"(sort_key, id) index {r['newest_mb']:.1f} MB, BRIN index {r['brin_kb']:.0f} kB, "
        f"table with indexes and TOAST {r['total_mb']:.1f} MB"
    )
    for name in ("one_word", "two_words"):
        q = r[name]
        verdict = "PASS" if q["page"]["p95"] < TARGET_MS else "FAIL"
        print(
            f"  {name.replace('_', ' ')}: page p50 {q['page']['p50']:.1f} ms, "
            f"p95 {q['page']['p95']:.1f} ms [{verdict} < {TARGET_MS:.0f} ms] "
            f"= results p50 {q['results']['p50']:.1f}, p95 {q['results']['p95']:.1f} ms "
            f"+ facets p50 {q['facets']['p50']:.1f}, p95 {q['facets']['p95']:.1f} ms; "
            f"matches (counted to {q['cap'] + 1:,}) median {q['matches_median']:,.0f}, "
            f"{q['over_cap']} of {args.queries} over the cap"
        )


if __name__ == "__main__":
    main()
