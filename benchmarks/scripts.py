"""Render the guide in English, Arabic and Chinese; print render time, ratio to English and PDF size.

    .venv/bin/python benchmarks/scripts.py [--repeat N] [--format a4]

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

from leafpress.checks.gate import Gate  # noqa: E402
from leafpress.project import Project  # noqa: E402
from leafpress.render.formats import FORMATS  # noqa: E402
from leafpress.render.workers import RenderTask, Worker, worker_settings  # noqa: E402
from leafpress.source.font_setup import load_font_setup  # noqa: E402
from leafpress.source.load import load_leaflet  # noqa: E402

LANGUAGES = ("en", "ar", "zh-Hans")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="timed renders per language (default 5)")
    parser.add_argument("--format", default="a4", choices=list(FORMATS), help="format to render (default a4)")
    args = parser.parse_args()

    project = Project(ROOT)
    fonts = load_font_setup(project.fonts_path)
    worker = Worker(worker_settings(project, fonts))
    leaflet = load_leaflet(project.leaflets_dir / "ldn-patient-guide" / "leaflet.yaml")
    fmt = FORMATS[args.format]
    results = {}
    gate = Gate(project, fonts)
    for lang in LANGUAGES:
        edition = gate.judge(leaflet, lang).edition
        assert edition is not None, lang
        task = RenderTask(edition, fmt.layout, ((fmt.id, f"{lang}.pdf"),))
        worker.render(task)  # warm-up: font subsets, Pango caches
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            (output,) = worker.render(task)
            times.append(time.perf_counter() - start)
        results[lang] = (statistics.median(times), len(output.pdf.data), output.pdf.pages)

    english = results["en"][0]
    print(f"{'language':<10}{'render (s)':>12}{'x English':>12}{'PDF (KB)':>11}{'pages':>7}")
    for lang, (seconds, size, pages) in results.items():
        print(f"{lang:<10}{seconds:>12.3f}{seconds / english:>12.2f}{size / 1024:>11.1f}{pages:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
