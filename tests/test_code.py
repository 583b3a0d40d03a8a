"""The code base stays clean: ruff (lint and format) and mypy, as configured in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leafpress.project import package_files
from tests.helpers import ROOT


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(f"{name} is not installed: run setup.sh (it installs the [test] extra)")
    return found


def test_ruff_is_clean() -> None:
    result = subprocess.run([_tool("ruff"), "check", "--quiet", str(ROOT)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run(
        [_tool("ruff"), "format", "--check", "--quiet", str(ROOT)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, "files ruff would reformat:\n" + result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_is_clean() -> None:
    result = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_function_is_longer_than_forty_lines() -> None:
    import ast

    long = []
    for path in [path for path in package_files() if path.suffix == ".py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 40:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []


def test_render_py_help_explains() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "render.py"), "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    for option in ("--out", "--leaflet", "--lang", "--format", "--force", "exit codes"):
        assert option in result.stdout
