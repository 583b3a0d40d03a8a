"""The suite's tiers and shared fixtures.

The tiers (``slow``, ``requires``) are ``tests/tiers.py``'s.

The full build (every leaflet, language and format) is made once per test run, by ``render.py`` in a
process the run owns, and only when a collected test needs it: it starts at collection, so that the
other tests run meanwhile, from a copy of the project's own ``dist/`` when there is one (an
incremental build renders only what changed since), and is removed when the run ends.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from leafpress.project import CACHE_NAME, provenance_path
from leafpress.source.load import load_leaflet
from leafpress.source.model import Leaflet
from leafpress.translation.provenance import Provenance, write_provenance
from tests.helpers import (
    GERMAN_CATALOG,
    GERMAN_TOOL_CATALOG,
    GUIDE,
    GUIDE_ID,
    ROOT,
    SMALL_LEAFLET,
    SMALL_SETTINGS,
    environment_without_coverage,
    small_german,
    translate_small,
)
from tests.tiers import require

#: Where the run's full build goes: chosen by the first pytest process, inherited by xdist's workers.
FULL_BUILD_VARIABLE = "LEAFPRESS_TEST_FULL_BUILD"
#: Folders of the project's ``dist/`` that are not a build's (previews, proofs, memory exports).
NOT_BUILT = ("preview", "proofs", "memory")


def _uses_full_build(item: pytest.Item) -> bool:
    return "full_build" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The tests of the full build are slow and come last (it is made meanwhile); its build is
    started if any of them is to run."""
    for item in items:
        if _uses_full_build(item):
            item.add_marker(pytest.mark.slow)
    # Among them, those running a reference validator first: they take longest.
    items.sort(key=lambda item: (_uses_full_build(item), item.get_closest_marker("requires") is None))
    if any(_uses_full_build(item) for item in items):
        _FullBuild.start(Path(os.environ[FULL_BUILD_VARIABLE]))


class _FullBuild:
    """The run's full build, made by the first pytest process that needs it (xdist's workers share it)."""

    process: subprocess.Popen[bytes] | None = None

    @classmethod
    def start(cls, folder: Path) -> None:
        try:
            os.close(os.open(folder / "started", os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return  # another process of this run makes it
        out = folder / "dist"
        seed = ROOT / "dist"
        if (seed / CACHE_NAME).is_file():
            shutil.copytree(seed, out, ignore=lambda where, names: NOT_BUILT if Path(where) == seed else ())
        log = (folder / "log").open("wb")
        command = [sys.executable, str(ROOT / "render.py"), "--out", str(out)]
        cls.process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=environment_without_coverage()
        )
        threading.Thread(target=cls._finish, args=(folder, log), daemon=True).start()

    @classmethod
    def _finish(cls, folder: Path, log: object) -> None:
        assert cls.process is not None
        code = cls.process.wait()
        log.close()  # type: ignore[attr-defined]
        (folder / "rc.tmp").write_text(str(code))
        (folder / "rc.tmp").rename(folder / "rc")

    @classmethod
    def stop(cls, *, interrupted: bool) -> None:
        """End the build with the run: wait for it (the process that started it may finish its own
        tests before another process has read it), or end it when the run was interrupted."""
        if cls.process is not None and cls.process.poll() is None:
            if interrupted:
                cls.process.terminate()
            cls.process.wait()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _FullBuild.stop(interrupted=exitstatus == pytest.ExitCode.INTERRUPTED)


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = os.environ.get(FULL_BUILD_VARIABLE)
    if folder and not hasattr(config, "workerinput"):
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def full_build() -> Path:
    """The output folder of a plain ``render.py``: every language in every format, made once per
    test run and shared by every test that reads PDFs."""
    require("cjk-fonts")
    folder = Path(os.environ[FULL_BUILD_VARIABLE])
    deadline = time.monotonic() + 900
    while not (folder / "rc").is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    code = (folder / "rc").read_text().strip() if (folder / "rc").is_file() else "timeout"
    log = (folder / "log").read_text(errors="replace")[-3000:] if (folder / "log").is_file() else ""
    assert code == "0", f"the run's full build failed ({code}):\n{log}"
    return folder / "dist"


@pytest.fixture(scope="session")
def guide() -> Leaflet:
    return load_leaflet(GUIDE)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the project's guide and styles, without catalogs, to change freely. The font
    subset cache is shared with the project, so copies don't cut the same subsets again."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "leaflets" / GUIDE_ID, root / "leaflets" / GUIDE_ID)
    shutil.copytree(ROOT / "styles", root / "styles")
    (root / "translations").mkdir()
    if (ROOT / ".cache" / "fonts").is_dir():
        shutil.copytree(ROOT / ".cache" / "fonts", root / ".cache" / "fonts")
    return root


@pytest.fixture
def german_project(project_copy: Path) -> Path:
    """A project copy with the project's German catalogs: the guide's and the tool's strings'."""
    target = project_copy / "translations" / "de" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(GERMAN_CATALOG, target)
    shutil.copy(GERMAN_TOOL_CATALOG, target)
    return project_copy


@pytest.fixture(scope="session")
def small_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small project, made once per test process: copied for each test that asks for it. Its
    fonts are the project's own (a link: no test changes them)."""
    root = tmp_path_factory.mktemp("small-template") / "small"
    shutil.copytree(
        ROOT / "styles",
        root / "styles",
        ignore=lambda folder, names: ["fonts"] if folder == str(ROOT / "styles") else [],
    )
    (root / "styles" / "fonts").symlink_to(ROOT / "styles" / "fonts")
    (root / "leaflets" / "demo").mkdir(parents=True)
    (root / "leaflets" / "demo" / "leaflet.yaml").write_text(SMALL_LEAFLET, encoding="utf-8")
    (root / "leafpress.toml").write_text(SMALL_SETTINGS, encoding="utf-8")
    (root / "translations").mkdir()
    path = translate_small(root, "de", small_german())
    write_provenance(provenance_path(path), Provenance(("Max Mustermann",), ()))
    return root


@pytest.fixture
def small_project(tmp_path: Path, small_template: Path) -> Path:
    """A project with a one-page leaflet and a complete German catalog: quick to render, for tests
    of what a build does rather than of what the guide says."""
    root = tmp_path / "small"
    shutil.copytree(small_template, root, symlinks=True)
    return root


def pytest_configure(config: pytest.Config) -> None:
    """The first pytest process chooses where the run's full build goes; xdist's workers inherit it."""
    if not hasattr(config, "workerinput") and FULL_BUILD_VARIABLE not in os.environ:
        os.environ[FULL_BUILD_VARIABLE] = tempfile.mkdtemp(prefix="leafpress-tests-")
