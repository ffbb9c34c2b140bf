"""Finding the interpreter an env is built on.

``-p`` takes a version (``3.12``), a command name (``python3.12``, ``pypy3``) or a path.
pyenv shims are scripts that may refuse to run a version that is not selected, so every
candidate is run once and asked for its real executable; pyenv's versions directory is
searched too, as pyenv-virtualenv users expect.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from .errors import UsageError
from .plaindata import record

# Compiled where a -p spec is looked up (re's cache keeps it): `new NAME` never does.
_VERSION_SPEC = r"^(?:python|py)?(\d+)(?:\.(\d+))?(?:\.(\d+))?$"
_PROBE = "import sys, platform; print(sys.executable); print(platform.python_version())"


@record(frozen=True)
class Interpreter:
    executable: str  # the real interpreter, never a shim
    version: str  # X.Y.Z

    @property
    def major_minor(self) -> str:
        return ".".join(self.version.split(".")[:2])


def probe(executable: str) -> Interpreter | None:
    """Run ``executable`` once to learn its real path and version; None if it fails."""
    try:
        out = subprocess.run(
            [executable, "-I", "-c", _PROBE],
            capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = out.stdout.split()
    if out.returncode != 0 or len(lines) != 2:
        return None
    return Interpreter(executable=lines[0], version=lines[1])


def own_base_interpreter() -> Interpreter:
    """The interpreter envman itself runs on, outside any venv envman may live in."""
    base = getattr(sys, "_base_executable", None) or sys.executable
    if not os.path.exists(base):
        base = sys.executable
    # platform.python_version() is the first word of sys.version; the platform module
    # costs ~8 ms to import (`new`)
    return Interpreter(executable=base, version=sys.version.split()[0])


def _pyenv_candidates(major: str, minor: str | None, patch: str | None) -> list[str]:
    root = Path(os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))) / "versions"
    prefix = ".".join(p for p in (major, minor, patch) if p)
    try:
        versions = sorted(os.listdir(root), key=_version_key, reverse=True)
    except OSError:
        return []
    found = []
    for v in versions:
        if v == prefix or v.startswith(prefix + "."):
            exe = root / v / "bin" / (f"python{major}.{minor}" if minor else f"python{major}")
            if exe.exists():
                found.append(str(exe))
    return found


def _version_key(v: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in re.split(r"[.\-]", v))


def resolve(spec: str | None) -> Interpreter:
    """Turn a ``-p`` value (or None for the default) into a working interpreter."""
    if spec is None or spec == "":
        return own_base_interpreter()
    spec = os.path.expanduser(spec)
    if os.sep in spec:
        if not os.path.exists(spec):
            raise UsageError(f"python {spec!r} does not exist")
        found = probe(spec)
        if found is None:
            raise UsageError(f"python {spec!r} did not run", "give a working interpreter")
        return found

    import shutil  # here: `new` without -p never looks a command up

    match = re.match(_VERSION_SPEC, spec)
    candidates: list[str] = []
    if match:
        major, minor, patch = match.groups()
        for name in ([f"python{major}.{minor}"] if minor else []) + [f"python{major}"]:
            exe = shutil.which(name)
            if exe:
                candidates.append(exe)
        candidates += _pyenv_candidates(major, minor, patch)
    else:
        exe = shutil.which(spec)
        if exe:
            candidates.append(exe)
    wanted = spec.removeprefix("python").removeprefix("py") if match else None
    for exe in candidates:
        found = probe(exe)
        if found is None:
            continue
        if wanted and not (found.version == wanted or found.version.startswith(wanted + ".")):
            continue
        return found
    raise UsageError(
        f"no Python interpreter found for {spec!r}",
        "give a version like 3.12, a command name or a path to a python",
    )
