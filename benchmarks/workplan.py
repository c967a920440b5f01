"""Benchmark the annual work plan: HTML rendering, PDF rendering, a cached download.

    DJANGO_DEBUG=1 .venv/bin/python benchmarks/workplan.py [--year 2023] [--runs 5]

Uses the database of DATABASE_URL (db.sqlite3 by default) with the seed loaded (`make setup`).
Prints the median and spread (min-max) of each measurement, the PDF's page count and size,
the peak and current memory per PDF run (a render must not leave memory behind), and, where
/usr/bin/chromium exists, the ratio of our PDF time to Chromium's --print-to-pdf of the same
HTML in the same run (Chromium's time includes its start-up, as a one-off conversion would).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
CHROMIUM = "/usr/bin/chromium"


def rss_mb() -> float:
    """Current resident memory of this process, in MB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def timed(func):
    started = time.perf_counter()
    result = func()
    return time.perf_counter() - started, result


def summary(label: str, seconds: list[float], unit: str = "s") -> str:
    scale = 1000 if unit == "ms" else 1
    values = [s * scale for s in seconds]
    return (
        f"{label:<28} median {statistics.median(values):8.3f} {unit}"
        f"   spread {min(values):.3f}-{max(values):.3f} {unit}   (n={len(values)})"
    )


def chromium_pdf(html_path: Path, out: Path) -> float:
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-pdf-header-footer",
        f"--print-to-pdf={out}",
        html_path.as_uri(),
    ]
    seconds, _ = timed(
        lambda: subprocess.run(command, capture_output=True, check=True, timeout=120)
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from pypdf import PdfReader

    from workplan.report.builder import build_report
    from workplan.report.pdf import render_html, render_pdf, workplan_pdf

    setup_test_environment()  # the test client may use "testserver" as host
    call_command("createcachetable", verbosity=0)  # as `make setup` does; no-op when present

    # Warm-up: imports, font loading, template compilation (what a server does once).
    first_seconds, _ = timed(lambda: render_pdf(build_report(args.year)))
    print(f"first PDF in a fresh process   {first_seconds:8.3f} s (fonts, imports, templates)")

    build_times, html_times, pdf_times, chrome_times = [], [], [], []
    pdf = b""
    html = ""
    with tempfile.TemporaryDirectory() as tmp:
        html_path, chrome_out = Path(tmp) / "plan.html", Path(tmp) / "chromium.pdf"
        for run in range(1, args.runs + 1):
            seconds, report = timed(lambda: build_report(args.year))
            build_times.append(seconds)
            seconds, html = timed(lambda report=report: render_html(report, for_print=True))
            html_times.append(seconds)
            seconds, pdf = timed(lambda report=report: render_pdf(report))
            pdf_times.append(seconds)
            line = (
                f"run {run}: PDF {seconds:6.3f} s   peak RSS {peak_mb():7.1f} MB"
                f"   current RSS {rss_mb():7.1f} MB"
            )
            if Path(CHROMIUM).exists():
                html_path.write_text(html, encoding="utf-8")
                chrome_times.append(chromium_pdf(html_path, chrome_out))
                line += f"   chromium {chrome_times[-1]:6.3f} s"
            print(line)

    # A cached download through the view (cache primed once, as the first visitor does).
    client = Client()
    workplan_pdf(args.year)
    download_times = []
    for _ in range(max(args.runs, 5) * 4):
        seconds, response = timed(lambda: client.get(f"/workplan/{args.year}.pdf"))
        assert response.status_code == 200 and response["X-Workplan-Cache"] == "hit"
        download_times.append(seconds)

    reader = PdfReader(io.BytesIO(pdf))
    print()
    print(summary("build report (queries)", build_times))
    print(summary("HTML rendering (templates)", html_times))
    print(summary("PDF rendering (WeasyPrint)", pdf_times))
    print(summary("cached PDF download (view)", download_times, unit="ms"))
    print(f"{'PDF':<28} {len(reader.pages)} pages, {len(pdf) / 1024:.0f} KiB")
    if chrome_times:
        ratio = statistics.median(pdf_times) / statistics.median(chrome_times)
        print(summary("chromium --print-to-pdf", chrome_times))
        print(f"{'ratio WeasyPrint/Chromium':<28} {ratio:.2f}x (median/median)")
    else:
        print(f"chromium: {CHROMIUM} not found ({shutil.which('chromium') or 'not installed'})")


if __name__ == "__main__":
    main()
