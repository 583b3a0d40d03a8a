"""Render the guide in English, Arabic and Chinese; print render time, ratio to English and PDF size.

    .venv/bin/python benchmarks/scripts.py [--repeat N] [--draft]

Each language is rendered once to warm caches (fonts, subsets), then N times; the median is kept.
Times are wall-clock on this machine, so read the ratios rather than the seconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leafpress.build import load_all, plan_jobs, render_job  # noqa: E402
from leafpress.fonts import fontconfig_dirs, load_font_setup, readable_dirs  # noqa: E402
from leafpress.pdf import PdfRenderer  # noqa: E402
from leafpress.project import Project  # noqa: E402

LANGUAGES = ("en", "ar", "zh-Hans")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="timed renders per language (default 5)")
    parser.add_argument("--draft", action="store_true", help="include incomplete translations")
    parser.add_argument("--format", default="a4", help="format to render (default a4)")
    args = parser.parse_args()

    project = Project(ROOT)
    leaflets = load_all(project, ["ldn-patient-guide"])
    plan = plan_jobs(project, leaflets, LANGUAGES, [args.format], draft=args.draft)
    for skipped in plan.skipped:
        print(f"skipped {skipped.lang}: {skipped.reason}")
    fonts = load_font_setup(project.styles_dir)
    renderer = PdfRenderer(
        project.styles_dir, fontconfig_dirs(fonts), readable_dirs(fonts, project.cache_dir), project.cache_dir
    )
    results = {}
    for job in plan.jobs:
        render_job(job, renderer, fonts, project.cache_dir)  # warm-up: font subsets, Pango caches
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            data, pages, _warnings = render_job(job, renderer, fonts, project.cache_dir)
            times.append(time.perf_counter() - start)
        results[job.lang] = (statistics.median(times), len(data), pages)

    english = results.get("en", (None,))[0]
    print(f"{'language':<10}{'render (s)':>12}{'x English':>12}{'PDF (KB)':>11}{'pages':>7}")
    for lang, (seconds, size, pages) in results.items():
        ratio = f"{seconds / english:.2f}" if english else "-"
        print(f"{lang:<10}{seconds:>12.3f}{ratio:>12}{size / 1024:>11.1f}{pages:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
