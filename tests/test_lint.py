"""Lint as part of the suite, so CI (which runs the suite) runs it: ruff on the Python
code (its configuration is pyproject.toml's [tool.ruff]), mypy on src/envman (its
configuration is [tool.mypy]) and shellcheck on every bash/sh/ksh file. Missing tools skip
locally and fail under CI (conftest.missing)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support import missing, require_program

REPO = Path(__file__).resolve().parent.parent
PYTHON_TREES = ["src", "tests", "benchmarks", "completions"]
# zsh (completions/_envman) and fish files are checked by their own shells' parsers
# in tests/completion and tests/shell.
SHELL_GLOBS = ["shell/*.sh", "shell/src/*.sh", "shell/*.ksh", "completions/*.bash", "benchmarks/*.sh"]


def _python_tool(module: str, *extra: str) -> list[str]:
    """How to run a lint tool the test extra installs: as a module of the suite's own
    interpreter, else from PATH (then ``extra`` arguments are added)."""
    if importlib.util.find_spec(module) is not None:
        return [sys.executable, "-m", module]
    path = shutil.which(module)
    if path is None:
        missing(f"{module} is not installed (pip install -e '.[test]')")
    return [path, *extra]


def _ruff() -> list[str]:
    return _python_tool("ruff")


def test_ruff_is_clean():
    proc = subprocess.run([*_ruff(), "check", "--no-cache", "--output-format", "concise",
                           *PYTHON_TREES], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _mypy() -> list[str]:
    # The suite's own interpreter, whose site-packages hold envman's dependencies: mypy
    # reads their type information from there.
    return _python_tool("mypy", "--python-executable", sys.executable)


def test_mypy_is_clean():
    # No cache: nothing written into the checkout, and no stale result (~4 s).
    proc = subprocess.run([*_mypy(), "--cache-dir", os.devnull], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    # the files checked are [tool.mypy]'s: without them mypy exits 2, naming none
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_shellcheck_is_clean():
    shellcheck = require_program("shellcheck")
    files = sorted(str(p.relative_to(REPO)) for g in SHELL_GLOBS for p in REPO.glob(g))
    assert "shell/envman.sh" in files and "completions/envman.bash" in files
    proc = subprocess.run([shellcheck, *files], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
