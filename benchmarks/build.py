"""Build benchmark: cold build against bare WeasyPrint, no-op, one changed string, one job, preview.

    .venv/bin/python benchmarks/build.py [--repeat N]

Works on a temporary copy of the project (sources, catalogs, styles, code), so nothing here is
changed. Wall-clock times on this machine are noisy: medians of several runs, and ratios.

* cold full build: every PDF, against the sum of bare WeasyPrint renders of the same HTML (one
  ``HTML(string=...).write_pdf()`` per file, in one warm process, the booklet counting the A5 HTML it
  imposes) divided by the cores: the ideal a tool built on WeasyPrint could reach;
* no-op rebuild: median of N runs of ``render.py`` with nothing to do;
* one German string changed: a catalog edit, then ``render.py`` (which rebuilds only German);
* one A4 job, ours against bare WeasyPrint on the same HTML (warm, median of N);
* preview: from a saved catalog to the new PDF on disk, with ``render.py preview`` running;
* peak memory: the largest resident set of any process of the cold build;
* no layout remembered: the cold build again with the memory of layouts (``.cache/pagination``)
  emptied, as for documents never laid out before (some take a second or third layout).

The goals in seconds were set on this machine when bare WeasyPrint rendered the English A4 in
0.331 s; this machine's speed drifts by half that and more from day to day, so each time goal is also
printed scaled by today's bare A4 render (the "scaled goal"), the figure to compare with.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GERMAN = Path("translations/de/LC_MESSAGES/ldn-patient-guide.po")
#: Bare WeasyPrint's English A4 render when the time goals were set (issue 10): 0.331 s.
REFERENCE_BARE_A4 = 0.331


def copy_project(target: Path) -> Path:
    """A copy of the project to change freely (the caches of font subsets and dictionaries come along)."""
    for name in ("leaflets", "translations", "styles", "leafpress"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "render.py", target / "render.py")
    if (ROOT / ".cache").is_dir():  # font subsets and parsed hyphenation dictionaries, as a user has them
        shutil.copytree(ROOT / ".cache", target / ".cache", ignore=shutil.ignore_patterns("fontconfig", "fonts.conf"))
    return target


def run(project: Path, *options: str) -> float:
    """Seconds taken by one ``render.py`` run (a fresh Python, as a user runs it)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, str(project / "render.py"), *options], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def edit_german(project: Path, old: str, new: str) -> None:
    catalog = project / GERMAN
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def judged_build(project: Path) -> tuple[Any, list[Any], dict[str, Any], Any]:
    """(the project, the jobs of a cold build, their editions as the gate lets them through, a warm
    render worker): what the bare renders below are measured on."""
    from leafpress.checks.gate import Gate
    from leafpress.project import Project
    from leafpress.publish.cache import BuildCache, shared_digest
    from leafpress.publish.plan import BuildOptions, plan_build
    from leafpress.render.workers import Worker, worker_settings
    from leafpress.source.font_setup import load_font_setup
    from leafpress.source.load import load_leaflet

    proj = Project(project)
    fonts = load_font_setup(proj.fonts_path)
    plan = plan_build(proj, BuildOptions(), Path(tempfile.mkdtemp()), BuildCache(), shared_digest(proj))
    leaflets = {path: load_leaflet(path, proj.settings) for path in {job.edition.source_path for job in plan.jobs}}
    gate = Gate(proj, fonts)
    verdicts = {e.key: gate.judge(leaflets[e.source_path], e.lang, e.catalog) for e in plan.unknown}
    editions = {key: verdict.edition for key, verdict in verdicts.items() if verdict.edition is not None}
    worker = Worker(worker_settings(proj, fonts))  # first: it points fontconfig at the project's fonts
    return proj, plan.todo, editions, worker


def bare_weasyprint_seconds(project: Path, repeat: int) -> tuple[float, float, float, float, int]:
    """(sum of bare renders of every file's HTML, our A4 job, bare A4 job, median of the paired
    ratios, files): in this process."""
    from leafpress.publish.build import render_tasks

    proj, todo, editions, worker = judged_build(project)
    import weasyprint

    base = proj.styles_dir.as_uri() + "/"
    total = 0.0
    for task in render_tasks(todo, editions):
        html, _css = worker.html(task)
        weasyprint.HTML(string=html, base_url=base).write_pdf(**task.layout.pdf_options)  # warm
        start = time.perf_counter()
        weasyprint.HTML(string=html, base_url=base).write_pdf(**task.layout.pdf_options)
        total += (time.perf_counter() - start) * len(task.outputs)
    tasks = render_tasks(todo, editions)  # the guide's English A4: the job the goals were set on
    english = next(task for task in tasks if task.label.endswith("en a4") and "patient-guide" in task.label)
    english = dataclasses.replace(english, outputs=(("a4", "en-a4.pdf"),))  # the A4 file alone, not press
    html, _css = worker.html(english)
    ours, bare = [], []
    for _ in range(max(repeat, 11)):  # alternate the two, so that both meet the same machine
        start = time.perf_counter()
        worker.render(english)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        weasyprint.HTML(string=html, base_url=base).write_pdf(pdf_variant="pdf/ua-1")
        bare.append(time.perf_counter() - start)
    ratio = statistics.median(mine / theirs for mine, theirs in zip(ours, bare, strict=True))
    return total, statistics.median(ours), statistics.median(bare), ratio, len(todo)


def preview_seconds(project: Path, out: Path, repeat: int) -> float:
    """Median seconds from a saved German catalog to the new preview PDF on disk."""
    pdf = out / "ldn-patient-guide" / "ldn-patient-guide-de-a4.pdf"
    process = subprocess.Popen(
        [
            sys.executable,
            str(project / "render.py"),
            "--out",
            str(out),
            "preview",
            "de",
            "--leaflet",
            "ldn-patient-guide",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while not pdf.is_file():
            if process.poll() is not None:
                raise SystemExit(f"the preview stopped (exit {process.returncode}) before writing {pdf}")
            time.sleep(0.01)
        time.sleep(1.0)  # let the watcher settle
        times = []
        for index in range(repeat):
            before = pdf.stat().st_mtime_ns
            heading = "Wirkmechanismen" if index % 2 == 0 else "Wirkungsmechanismen"
            other = "Wirkungsmechanismen" if index % 2 == 0 else "Wirkmechanismen"
            start = time.perf_counter()
            edit_german(project, f'"{heading}"', f'"{other}"')
            while pdf.stat().st_mtime_ns == before:
                time.sleep(0.002)
            times.append(time.perf_counter() - start)
            time.sleep(0.5)
        return statistics.median(times)
    finally:
        process.terminate()
        process.wait()


def first_layouts_seconds(project: Path, out: Path) -> float:
    """A cold build with no layout remembered (``.cache/pagination`` emptied): what a document never
    laid out before costs, a second or third layout for those that leave a gap."""
    shutil.rmtree(project / ".cache" / "pagination", ignore_errors=True)
    return run(project, "--out", str(out))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7, help="runs per median (default 7)")
    args = parser.parse_args()
    figures: dict[str, Any] = {"cores": os.cpu_count() or 1}
    with tempfile.TemporaryDirectory() as temporary:
        project = copy_project(Path(temporary) / "project")
        out = Path(temporary) / "dist"
        figures["cold"] = run(project, "--out", str(out))
        figures["peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        figures["noop"] = statistics.median(run(project, "--out", str(out)) for _ in range(args.repeat))
        before = {path: path.stat().st_mtime_ns for path in out.rglob("*.pdf")}
        edit_german(project, '"Wirkmechanismen"', '"Wirkungsmechanismen"')
        figures["one_string"] = run(project, "--out", str(out))
        figures["rebuilt"] = sorted(path.name for path in out.rglob("*.pdf") if path.stat().st_mtime_ns != before[path])
        figures["first_layouts"] = first_layouts_seconds(project, Path(temporary) / "first")
        figures["bare_sum"], figures["ours"], figures["bare"], figures["ratio"], figures["files"] = (
            bare_weasyprint_seconds(project, args.repeat)
        )
        figures["preview"] = preview_seconds(project, Path(temporary) / "preview", max(3, args.repeat // 2))
    report(figures)
    return 0


def report(figures: dict[str, Any]) -> None:
    """Print the figures, each beside its goal (and the goal scaled to today's machine)."""
    f = figures
    ideal, bare, cores = f["bare_sum"] / f["cores"], f["bare"], f["cores"]
    scale = bare / REFERENCE_BARE_A4
    print(f"this machine today: bare A4 {bare:.3f} s, {scale:.2f} x the {REFERENCE_BARE_A4} s the goals were set at")
    print(f"files built                          {f['files']}")
    print(f"cold full build                      {f['cold']:7.2f} s")
    print(f"  bare WeasyPrint, same HTML         {f['bare_sum']:7.2f} s in all / {cores} cores = {ideal:.2f} s")
    print(f"  cold / (bare / cores)              {f['cold'] / ideal:7.2f} x   (goal <= 1.0)")
    first = f["first_layouts"]
    print(f"  no layout remembered               {first:7.2f} s = {first / ideal:.2f} x (never laid out before)")
    print(f"no-op rebuild (median)               {f['noop']:7.3f} s   (goal <= 0.15 s; scaled {0.15 * scale:.3f} s)")
    goal = f"(goal <= 2.5 s; scaled {2.5 * scale:.2f} s)"
    print(f"one German string changed            {f['one_string']:7.2f} s   {goal}, rebuilt {len(f['rebuilt'])} files:")
    print(f"  {', '.join(f['rebuilt'])}")
    ratio = f"paired ratio {f['ratio']:.3f} x (goal <= 1.05)"
    print(f"one A4 job: ours / bare (medians)    {f['ours']:7.3f} s / {bare:.3f} s, {ratio}")
    print(f"preview, save to new PDF (median)    {f['preview']:7.3f} s   (goal <= 0.5 s; scaled {0.5 * scale:.3f} s)")
    print(f"peak memory of one process           {f['peak_mb']:7.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
