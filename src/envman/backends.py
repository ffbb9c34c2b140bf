"""Creating a venv and installing packages into it.

Two backends: ``uv`` (an env with pip in ~40 ms from a warm cache) and the standard
library's ``venv`` (no dependency, works offline via the bundled ensurepip, ~3 s with
pip). ``auto`` picks uv when it can be found. Everything here runs subprocesses and
raises EnvmanError with the tool's own message on failure; it never deletes (the
caller cleans up, see create.create_env).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Sequence

from .envinfo import BIN
from .errors import EnvmanError, UsageError
from .pythons import Interpreter

Progress = Callable[[str], None]


def _no_progress(_: str) -> None:
    pass


def find_uv() -> str | None:
    """The uv installed beside envman (it is a dependency), else uv on PATH.
    ``ENVMAN_UV`` overrides; set it empty to pretend uv is absent. The bundled one comes
    first because a uv on PATH may be a shim: through pyenv's shim `uv venv --seed`
    took 120-160 ms here instead of 40 ms (issue 8)."""
    if "ENVMAN_UV" in os.environ:
        return os.environ["ENVMAN_UV"] or None
    beside = Path(sys.executable).parent / "uv"
    if beside.exists():
        return str(beside)
    found = shutil.which("uv")
    if found:
        return found
    try:
        import uv  # the PyPI package ships the binary and knows where it put it

        return uv.find_uv_bin()
    except Exception:  # noqa: BLE001 - any failure means "no uv"
        return None


def choose(requested: str) -> str:
    if requested not in ("auto", "uv", "venv"):
        raise UsageError(f"unknown backend {requested!r}", "use uv or venv")
    if requested == "auto":
        return "uv" if find_uv() else "venv"
    if requested == "uv" and not find_uv():
        raise UsageError("backend 'uv' was requested but uv is not installed",
                         "install uv or use --backend venv")
    return requested


def _summarise(output: str) -> str:
    """What went wrong, on one line: the tool's last error line and, for uv, the
    ``cause:`` / ``╰─▶`` line that explains it (the error line alone is often
    "No solution found")."""
    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if line.lower().startswith(("error:", "error ", "×")):
            message = line.lstrip("× ").strip()
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if following.startswith(("cause:", "╰─▶")):
                message += ": " + following.removeprefix("cause:").lstrip("╰─▶ ").strip()
            return message
    return lines[-1] if lines else "no output"


def _run(cmd: Sequence[str], what: str, env: dict | None = None) -> None:
    try:
        proc = subprocess.run(
            list(cmd), capture_output=True, text=True, stdin=subprocess.DEVNULL,
            env=env, errors="replace",
        )
    except OSError as exc:
        raise EnvmanError(f"{what} failed: cannot run {cmd[0]}: {exc.strerror or exc}") from exc
    if proc.returncode != 0:
        error = EnvmanError(f"{what} failed: {_summarise(proc.stderr + proc.stdout)}")
        error.output = proc.stderr + proc.stdout  # full text for --verbose
        raise error


def _uv_env() -> dict:
    env = dict(os.environ)
    # Never download an interpreter behind the user's back; never read a project's
    # uv.toml from the current directory.
    env.setdefault("UV_PYTHON_DOWNLOADS", "never")
    env.pop("VIRTUAL_ENV", None)
    return env


def create_venv(
    path: Path,
    python: Interpreter,
    backend: str,
    *,
    with_pip: bool = True,
    system_site_packages: bool = False,
    prompt: str | None = None,
    progress: Progress = _no_progress,
    clear: Callable[[], None] | None = None,
) -> str:
    """Build a venv at ``path`` (an empty directory the caller made). Returns the backend
    used. ``clear`` empties it again between attempts: only the caller knows whether the
    path still holds the directory it made (aside.py)."""
    if backend == "uv":
        uv = find_uv()
        assert uv is not None
        base = [uv, "venv", "--no-config", "--quiet", "--python", python.executable]
        if system_site_packages:
            base.append("--system-site-packages")
        if prompt:
            base += ["--prompt", prompt]
        if not with_pip:
            _run([*base, str(path)], "creating the environment with uv", _uv_env())
            return "uv"
        progress("creating the environment (uv)")
        # Offline first: a warm cache needs no network. Then online. Then the
        # interpreter's own bundled pip, which needs no network at all.
        for extra in (["--seed", "--offline"], ["--seed"]):
            try:
                _run([*base, *extra, str(path)], "creating the environment with uv", _uv_env())
                return "uv"
            except EnvmanError:
                if clear is not None:
                    clear()
        progress("uv could not seed pip; using the standard library's venv")
    cmd = [python.executable, "-m", "venv"]
    if not with_pip:
        cmd.append("--without-pip")
    if system_site_packages:
        cmd.append("--system-site-packages")
    if prompt:
        cmd += ["--prompt", prompt]
    progress("creating the environment (venv)")
    _run([*cmd, str(path)], "creating the environment with venv")
    return "venv"


def env_python(path: Path) -> Path:
    return path / BIN / "python"


def install(
    path: Path,
    packages: Sequence[str] = (),
    requirements: Sequence[str] = (),
    *,
    backend: str,
    progress: Progress = _no_progress,
    editable: Sequence[str] = (),
    extra_args: Sequence[str] = (),
) -> None:
    """Install packages / requirement files into the env at ``path``."""
    if not packages and not requirements and not editable:
        return
    args: list[str] = list(packages)
    for req in requirements:
        args += ["-r", str(req)]
    for src in editable:
        args += ["-e", str(src)]
    args += list(extra_args)
    python = env_python(path)
    uv = find_uv() if backend == "uv" else None
    what = f"installing {', '.join([*packages, *requirements, *editable]) or 'packages'}"
    progress(what)
    if uv:
        _run([uv, "pip", "install", "--no-config", "--quiet", "--python", str(python), *args],
             what, _uv_env())
    else:
        if not (path / BIN / "pip").exists() and not _has_pip(python):
            raise EnvmanError(f"{what} failed: the environment has no pip",
                              "create it with pip or use --backend uv")
        _run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", *args],
             what)


def _has_pip(python: Path) -> bool:
    return subprocess.run([str(python), "-c", "import pip"], capture_output=True).returncode == 0


def uninstall(path: Path, names: Sequence[str], *, backend: str) -> None:
    """Remove the named distributions (editable ones too) from the env at ``path``."""
    if not names:
        return
    python = env_python(path)
    uv = find_uv() if backend != "venv" else None
    what = f"uninstalling {', '.join(names)}"
    if uv:
        _run([uv, "pip", "uninstall", "--no-config", "--quiet", "--python", str(python), *names],
             what, _uv_env())
    else:
        _run([str(python), "-m", "pip", "uninstall", "-y", "-q", *names], what)
