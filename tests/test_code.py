"""The code base stays lint-clean (ruff, configured in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff") or shutil.which("ruff", path=str(ROOT / ".venv" / "bin"))
    if ruff is None:
        pytest.fail("ruff is not installed: run setup.sh (it installs the [test] extra)")
    result = subprocess.run([ruff, "check", "--quiet", str(ROOT)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_render_py_help_explains(capsys: pytest.CaptureFixture[str]) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "render.py"), "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    for option in ("--out", "--leaflet", "--lang", "--format", "--force", "exit codes"):
        assert option in result.stdout
