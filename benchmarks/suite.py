"""Test suite benchmark: the README's test command and the fast tier, as ratios to a cold full build.

    .venv/bin/python benchmarks/suite.py

Run from the project, as CI runs the suite: ``dist/`` is brought up to date first (``setup.sh`` leaves
it so), and the suite's full build starts from it. The reference is a cold full build of every PDF
into an empty folder, measured before and after the suite (the mean of the two: this machine's speed
drifts within the hour). Printed: seconds, the ratio of each to the cold build, how many tests each
ran. Goals (issue 17): the README's test command <= 2.5 cold builds; the fast tier
(``pytest -m "not slow"``) <= 0.3, running at least half of the tests.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: pytest's closing line: "371 passed, 2 skipped in 80.43s".
OUTCOMES = re.compile(r"(\d+) (passed|failed|skipped|error)")


def seconds(command: list[str]) -> tuple[float, str]:
    """How long ``command`` takes, run in the project, and its output."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return took, result.stdout


def cold_build() -> float:
    """A full build of every PDF into an empty folder."""
    with tempfile.TemporaryDirectory() as out:
        return seconds([sys.executable, "render.py", "--out", out])[0]


def tests_run(output: str) -> int:
    """The tests pytest ran (passed or failed), from its closing line."""
    closing = [line for line in output.splitlines() if line.strip()][-1]
    return sum(int(count) for count, outcome in OUTCOMES.findall(closing) if outcome in ("passed", "failed"))


def main() -> None:
    seconds([sys.executable, "render.py"])  # dist/ up to date, as setup.sh leaves it
    before = cold_build()
    suite, suite_summary = seconds([sys.executable, "-m", "pytest", "-q"])
    fast, fast_summary = seconds([sys.executable, "-m", "pytest", "-q", "-m", "not slow"])
    after = cold_build()
    reference = (before + after) / 2
    total, quick = tests_run(suite_summary), tests_run(fast_summary)
    print(f"cold full build:         {before:6.1f} s before, {after:.1f} s after (reference {reference:.1f} s)")
    print(f"README's test command:   {suite:6.1f} s = {suite / reference:.2f} cold builds (goal <= 2.5), {total} tests")
    print(
        f"fast tier (not slow):    {fast:6.1f} s = {fast / reference:.2f} cold builds (goal <= 0.3), "
        f"{quick} tests = {quick / total:.0%} of the suite (goal >= 50%)"
    )
    coverage = re.search(r"Total coverage: ([\d.]+)%", suite_summary)
    if coverage:
        print(f"coverage:                {coverage.group(1)}% (goal >= 90%)")


if __name__ == "__main__":
    main()
