"""Benchmark the annual work plan: HTML rendering, PDF rendering, a download of a made PDF.

    DJANGO_DEBUG=1 .venv/bin/python benchmarks/workplan.py [--year 2023] [--runs 5]

Uses the database of DATABASE_URL (db.sqlite3 by default) with the seed loaded (`make setup`).
Prints the median and spread (min-max) of each measurement, the PDF's page count and size,
the peak and current memory per PDF run (a render must not leave memory behind), and, in the
same run, the ratio of our PDF time to:
  - WeasyPrint called plainly on the same HTML (a fresh font configuration, the collector on,
    the whitespace kept: how render_pdf ran before it was tuned),
  - a warm Chromium (Playwright driving /usr/bin/chromium: one browser and page kept, each
    run loads the print HTML and calls page.pdf()), what a renderer kept running would do,
  - Chromium's --print-to-pdf, which starts a browser each time, as a one-off conversion does.
WeasyPrint's renders run first, with no browser running (a kept Chromium's processes slow a
render beside them), then Chromium's. Machines differ and are shared: compare the ratios,
which are taken within one run. The CPU
time of render_pdf and of plain WeasyPrint (this process's, time.process_time) is printed
too: on a loaded machine the wall-clock times carry the waits for a core, the CPU times not.
"""

from __future__ import annotations

import argparse
import gc
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
# Playwright's sync API runs an event loop in this thread, which Django takes for async code;
# this script is single-threaded, its queries and the browser's calls never overlap.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
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


def cpu_timed(func, cpu_times: list[float]):
    """timed(func), with the CPU time this process spent in it appended to cpu_times."""
    started = time.process_time()
    result = timed(func)
    cpu_times.append(time.process_time() - started)
    return result


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


class WarmChromium:
    """One headless Chromium and page kept open; pdf() loads the HTML file and prints it."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        self._page = self._browser.new_page()

    def pdf(self, html_path: Path) -> tuple[float, bytes]:
        def render() -> bytes:
            self._page.goto(html_path.as_uri(), wait_until="load")
            return self._page.pdf(prefer_css_page_size=True, tagged=True, outline=True)

        return timed(render)

    def close(self) -> None:
        self._browser.close()
        self._playwright.stop()


def plain_weasyprint(html: str) -> bytes:
    """WeasyPrint as render_pdf called it before tuning: the same document, fresh fonts."""
    from weasyprint import HTML

    from workplan.report.pdf import STYLESHEET, _static_path, keep_words

    base_url = _static_path(STYLESHEET).parent.parent.resolve().as_uri() + "/"
    return HTML(string=keep_words(html), base_url=base_url).write_pdf(
        pdf_variant="pdf/ua-1", optimize_images=True
    )


def ratio_line(label: str, ours: list[float], theirs: list[float]) -> str:
    ratio = statistics.median(ours) / statistics.median(theirs)
    return f"{label:<40} {ratio:5.2f}x (median/median)"


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

    from workplan.report.builder import build_report, report_version
    from workplan.report.pdf import collection_deferred, render_html, render_pdf
    from workplan.selectors import edition_of_year, work_plan_of_year
    from workplan.services import edition_made, rendition_made

    setup_test_environment()  # the test client may use "testserver" as host
    call_command("createcachetable", verbosity=0)  # as `make setup` does; no-op when present

    # Warm-up: imports, font loading, template compilation (what a worker does once).
    first_seconds, _ = timed(lambda: render_pdf(build_report(args.year)))
    print(f"first PDF in a fresh process   {first_seconds:8.3f} s (fonts, imports, templates)")

    build_times, html_times, pdf_times, gc_times = [], [], [], []
    plain_times, warm_times, fresh_times = [], [], []
    pdf_cpu, plain_cpu = [], []  # this process's CPU time: the machine's load left out
    pdf = chromium_bytes = b""
    html = ""
    # WeasyPrint first, ours and plain in turns, with no browser running: a kept Chromium's
    # processes go on working after page.pdf() and --print-to-pdf return, on the other core
    # (on this machine's two vCPUs, in one pair of runs, a render's median went from 1.50 s to
    # 1.79 s with Chromium in turns, its CPU time too). A worker has no browser beside it.
    # Chromium is measured next, in the same run.
    for run in range(1, args.runs + 1):
        gc.collect()
        seconds, report = timed(lambda: build_report(args.year))
        build_times.append(seconds)
        seconds, html = timed(lambda report=report: render_html(report, for_print=True))
        html_times.append(seconds)
        # As a worker renders (workplan/services.py): the collector paused until the PDF
        # is stored, then one pass over the render's garbage, timed on its own.
        with collection_deferred():
            seconds, pdf = cpu_timed(lambda report=report: render_pdf(report), pdf_cpu)
            pdf_times.append(seconds)
            gc_times.append(timed(gc.collect)[0])
        line = (
            f"run {run}: PDF {seconds:6.3f} s (+ collector {gc_times[-1]:5.3f} s)"
            f"   peak RSS {peak_mb():7.1f} MB   current RSS {rss_mb():7.1f} MB"
        )
        plain_times.append(cpu_timed(lambda html=html: plain_weasyprint(html), plain_cpu)[0])
        gc.collect()
        print(f"{line}   plain WeasyPrint {plain_times[-1]:6.3f} s", flush=True)
    chromium = WarmChromium() if Path(CHROMIUM).exists() else None
    if chromium:
        with tempfile.TemporaryDirectory() as tmp:
            html_path, chrome_out = Path(tmp) / "plan.html", Path(tmp) / "chromium.pdf"
            html_path.write_text(html, encoding="utf-8")
            chromium.pdf(html_path)  # its first page load: fonts, the stylesheet
            for run in range(1, args.runs + 1):
                seconds, chromium_bytes = chromium.pdf(html_path)
                warm_times.append(seconds)
                fresh_times.append(chromium_pdf(html_path, chrome_out))
                print(
                    f"run {run}: Chromium warm {warm_times[-1]:6.3f} s"
                    f"  fresh {fresh_times[-1]:6.3f} s",
                    flush=True,
                )
        chromium.close()

    # A download of the made PDF through the view (made once, as a worker does): the published
    # edition's when the year has one (the seed publishes 2023), else the draft's.
    plan = work_plan_of_year(args.year)
    assert plan is not None, f"no work plan for {args.year}: run `make setup`"
    rendition_made(work_plan=plan, version=report_version())
    edition = edition_of_year(args.year)
    if edition is not None:  # the public download is the published edition's file
        edition_made(edition=edition)
    client = Client()
    download_times = []
    for _ in range(max(args.runs, 5) * 4):
        seconds, response = timed(lambda: client.get(f"/workplan/{args.year}.pdf"))
        assert response.status_code == 200 and response["X-Workplan-Cache"] in ("edition", "hit")
        response.getvalue()
        download_times.append(seconds)

    reader = PdfReader(io.BytesIO(pdf))
    print()
    print(summary("build report (queries)", build_times))
    print(summary("HTML rendering (templates)", html_times))
    print(summary("PDF rendering (render_pdf)", pdf_times))
    print(summary("collector pass, once stored", gc_times))
    print(summary("plain WeasyPrint, same HTML", plain_times))
    print(summary("made PDF download (view)", download_times, unit="ms"))
    print(f"{'PDF':<28} {len(reader.pages)} pages, {len(pdf) / 1024:.0f} KiB")
    print(summary("  CPU time of render_pdf", pdf_cpu))
    print(summary("  CPU time of plain WeasyPrint", plain_cpu))
    print(ratio_line("ratio render_pdf / plain WeasyPrint", pdf_times, plain_times))
    print(ratio_line("  the same in CPU time", pdf_cpu, plain_cpu))
    if chromium:
        print(summary("Chromium warm page.pdf()", warm_times))
        print(summary("Chromium --print-to-pdf", fresh_times))
        chromium_pages = len(PdfReader(io.BytesIO(chromium_bytes)).pages)
        print(f"{'Chromium PDF':<28} {chromium_pages} pages, {len(chromium_bytes) / 1024:.0f} KiB")
        print(ratio_line("ratio render_pdf / Chromium warm", pdf_times, warm_times))
        print(ratio_line("ratio render_pdf / Chromium --print-to-pdf", pdf_times, fresh_times))
    else:
        print(f"chromium: {CHROMIUM} not found ({shutil.which('chromium') or 'not installed'})")


if __name__ == "__main__":
    main()
