"""Other Pythons for the tests that build on one: pyenv's (the machine image has
3.10-3.13), and a relocatable copy of one to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

from .env import PYENV_VERSIONS, missing


def needs_pyenv(version: str) -> Path:
    """pyenv's Python ``version`` (its prefix): skip locally, fail under CI, when absent."""
    path = PYENV_VERSIONS / version
    if not (path / "bin").is_dir():
        missing(f"needs pyenv's Python {version}")
    return path


def make_base_copy(dest: Path, version_dir: Path) -> Path:
    """A relocated copy of a pyenv Python: its own prefix (bin/python3.X copied, the
    stdlib linked), so that deleting or replacing ``dest`` breaks every env built on it
    exactly as removing or upgrading a system Python does."""
    real = next(version_dir.glob("bin/python3.*[0-9]"))
    minor = real.name
    (dest / "bin").mkdir(parents=True)
    (dest / "lib").mkdir()
    shutil.copy2(real, dest / "bin" / minor)
    (dest / "lib" / minor).symlink_to(version_dir / "lib" / minor)
    return dest / "bin" / minor
