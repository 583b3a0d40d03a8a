"""Build benchmark: cold build, no-op rebuild, one changed string, parallel speed-up, overhead.

    .venv/bin/python benchmarks/build.py [--formats a4,a5]

Works on a temporary copy of the project (sources, catalogs, styles), so nothing here is changed.
Wall-clock times on this machine are noisy: read the ratios.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run(project: Path, out: Path, *options: str) -> float:
    """Seconds taken by one ``render.py`` run (a fresh Python, as a user runs it)."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(project / "render.py"), "--out", str(out), *options],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def overhead(repeat: int = 5) -> tuple[float, float]:
    """Median seconds of our English A4 job and of bare WeasyPrint on the same HTML."""
    import statistics

    import weasyprint

    from leafpress.build import load_all, plan_jobs, render_job, worker_state
    from leafpress.fonts import font_face_css
    from leafpress.html import PageSetup, font_stack_css, render_html
    from leafpress.project import Project

    project = Project(ROOT)
    job = plan_jobs(project, load_all(project), ["en"], ["a4"]).jobs[0]
    renderer, fonts, cache_dir = worker_state(project)
    render_job(job, renderer, fonts, cache_dir)  # warm up
    page = PageSetup(job.format.id, job.format.stylesheets, job.format.list_columns)
    characters = "".join(sorted(set(render_html(job.edition, page))))
    families = fonts.stack("en")
    html = render_html(
        job.edition, page, font_face_css(fonts, families, characters, cache_dir) + font_stack_css(families, families)
    )
    ours, bare = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        render_job(job, renderer, fonts, cache_dir)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        weasyprint.HTML(string=html, base_url=project.styles_dir.as_uri() + "/").write_pdf(pdf_variant="pdf/ua-1")
        bare.append(time.perf_counter() - start)
    return statistics.median(ours), statistics.median(bare)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--formats", default="", help="comma-separated formats (default: all)")
    args = parser.parse_args()
    formats = [option for fmt in args.formats.split(",") if fmt for option in ("--format", fmt)]

    with tempfile.TemporaryDirectory() as temporary:
        project = Path(temporary) / "project"
        for name in ("leaflets", "translations", "styles", "leafpress"):
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "render.py", project / "render.py")
        shutil.copytree(ROOT / ".cache", project / ".cache", dirs_exist_ok=True) if (ROOT / ".cache").is_dir() else None
        out = Path(temporary) / "dist"

        cold = run(project, out, *formats)
        noop = run(project, out, *formats)
        catalog = project / "translations" / "de" / "LC_MESSAGES" / "ldn-patient-guide.po"
        catalog.write_text(catalog.read_text(encoding="utf-8").replace("Wirkmechanismen", "Wirkungsmechanismen"))
        one_string = run(project, out, *formats)
        serial = run(project, Path(temporary) / "serial", "--jobs", "1", *formats)
        parallel = run(project, Path(temporary) / "parallel", "--jobs", "2", *formats)
        files = len(list(out.rglob("*.pdf")))

    ours, bare = overhead()
    print(f"files built                   {files}")
    print(f"cold full build               {cold:7.2f} s")
    print(f"no-op rebuild                 {noop:7.2f} s   ({noop / cold:.3f} of cold)")
    print(f"one German string changed     {one_string:7.2f} s   ({one_string / cold:.3f} of cold)")
    print(f"jobs=1 / jobs=2               {serial:7.2f} s / {parallel:.2f} s   speed-up {serial / parallel:.2f}x")
    print(f"one A4 job: ours / bare       {ours:7.3f} s / {bare:.3f} s   overhead {ours / bare:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
