"""What every test's processes run in: an environment of their own (own HOME, store,
config; nothing inherited from the shell that started pytest), the machine's tools
(skip locally, fail under CI when one is missing), and snapshots of a store."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
HOSTILE = "'\";&&e-$ èрт🚒♞中片-j"  # virtualenv's own torture name for activation tests

_REAL_HOME = os.path.expanduser("~")
UV_CACHE = os.environ.get("UV_CACHE_DIR") or os.path.join(_REAL_HOME, ".cache", "uv")
SCRIPTS_DIR = str(Path(sys.executable).parent)  # where `envman` is installed
# Other Python versions for tests that rebuild on another interpreter (the machine image
# has pyenv's 3.10-3.13; pythons.py searches the same place for `-p 3.X`).
PYENV_VERSIONS = Path(os.environ.get("PYENV_ROOT") or os.path.join(_REAL_HOME, ".pyenv")) / "versions"


def missing(message: str) -> None:
    """Something a test needs is not on this machine: skip locally, fail in CI (where
    .ci/run and the machine image must provide it)."""
    if IN_CI:
        pytest.fail(f"{message}; CI must provide it (.ci/run)", pytrace=False)
    pytest.skip(message)


def require_program(name: str) -> str:
    """The path of a program the tests need; skip locally, fail in CI, when missing."""
    path = shutil.which(name)
    if path is None:
        missing(f"{name} is not installed")
    return path


def full_disk_in_process(sb, monkeypatch) -> None:
    """MOCKED: a full disk cannot be made for real here. Points this process at the
    sandbox (its environment) and makes os.fsync inside envman.fsutil raise ENOSPC,
    so envman called in-process from then on fails as on a full disk."""
    import errno

    from envman import fsutil

    for key, value in sb.env.items():
        monkeypatch.setenv(key, value)

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil.os, "fsync", full)


def snapshot(root: Path) -> dict[str, tuple]:
    """Everything under ``root`` (names, kinds, sizes, contents of small files): two equal
    snapshots mean the store was left exactly as it was."""
    result: dict[str, tuple] = {}
    if not root.exists():
        return result
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            st = path.lstat()
            if path.is_symlink():
                result[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                if rel == os.path.join(".envman", "aside") and not any(path.iterdir()):
                    continue  # envman's working area, made on first use: empty, not state
                result[rel] = ("dir",)
            elif name.endswith(".lock"):
                result[rel] = ("lock",)  # flock files: existence is not state
            else:
                result[rel] = ("file", st.st_size, path.read_bytes() if st.st_size < 65536 else None)
    return result


def without_locks(snap: dict[str, tuple]) -> dict[str, tuple]:
    """A snapshot without its lock files: a command that waits for an env's lock creates
    that (empty) file first, and a lock file's existence is not state."""
    return {path: entry for path, entry in snap.items() if entry != ("lock",)}


# What a test's processes must not inherit from the shell that started pytest (an
# activated venv, the user's prompt and shell start-up files): the shells the tests
# start, and envman itself, see only what the test sets.
_NOT_INHERITED_PREFIXES = ("VIRTUAL_ENV", "_OLD_VIRTUAL_", "WORKON_", "VIRTUALENVWRAPPER",
                           "PROJECT_HOME", "ENVMAN_", "PYTHON", "CONDA", "PIP_REQUIRE",
                           "BASH_FUNC_", "__envman")
_NOT_INHERITED = {"PS1", "PS2", "PS3", "PS4", "PROMPT_COMMAND", "BASH_ENV", "ENV", "ZDOTDIR",
                  "CDPATH", "GLOBIGNORE", "SHELLOPTS", "BASHOPTS", "HISTFILE", "INPUTRC",
                  "fish_greeting", "OLDPWD",
                  "COLUMNS", "LINES"}  # output width: tests set it when they test it


def _inherited_path() -> str:
    """PATH without the bin/ of a venv activated in the shell that started pytest."""
    active = os.environ.get("VIRTUAL_ENV")
    entries = os.environ.get("PATH", "").split(os.pathsep)
    if active:
        entries = [p for p in entries if p != os.path.join(active, "bin")]
    return os.pathsep.join(entries)


def make_env(root: Path, store: Path) -> dict:
    """The environment of a test's processes: HOME ``root/home``, store ``store``,
    config under ``root``, this suite's envman first on PATH."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(_NOT_INHERITED_PREFIXES) and k not in _NOT_INHERITED}
    env["PATH"] = _inherited_path()
    env.update(
        HOME=str(root / "home"),
        WORKON_HOME=str(store),
        ENVMAN_CONFIG=str(root / "config.toml"),
        XDG_CONFIG_HOME=str(root / "home" / ".config"),
        XDG_CACHE_HOME=str(root / "home" / ".cache"),
        UV_CACHE_DIR=UV_CACHE,
        PATH=SCRIPTS_DIR + os.pathsep + env.get("PATH", ""),
        NO_COLOR="1",
        ENVMAN_LOCK_TIMEOUT="60",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env
