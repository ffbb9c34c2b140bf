"""outdated: the packages of an env that have newer versions on the user's index.

The env's own pip answers when it has one (``pip list --outdated``): it reads the user's
pip configuration (pip.conf, PIP_INDEX_URL, PIP_FIND_LINKS, ...) exactly as a
``pip install`` in that env would. An env without pip asks uv, run the way envman runs
every uv install (backends.uv_pip), so it sees the same index.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from . import backends
from .envinfo import site_packages
from .errors import EnvmanError
from .store import Store


@dataclass
class Newer:
    name: str
    version: str
    latest: str

    def to_json(self) -> dict:
        return {"name": self.name, "version": self.version, "latest": self.latest}


@dataclass
class EnvReport:
    env: str
    packages: list[Newer] = field(default_factory=list)
    error: EnvmanError | None = None


def _ask_pip(path: Path) -> str:
    python = backends.env_python(path)
    what = "asking pip for newer versions"
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    try:
        proc = subprocess.run(
            [str(python), "-m", "pip", "list", "--outdated", "--format", "json",
             "--disable-pip-version-check", "--no-input"],
            check=False, capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env,
            errors="replace")
    except OSError as exc:
        raise EnvmanError(f"{what} failed: cannot run {python}: {exc.strerror or exc}") from exc
    if proc.returncode != 0:
        lines = [ln.strip() for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip()]
        # pip's own error line, else its last word on the matter.
        cause = next((ln for ln in lines if ln.startswith("ERROR:")), lines[-1] if lines else "")
        raise EnvmanError(f"{what} failed: {cause.removeprefix('ERROR:').strip() or 'no output'}")
    return proc.stdout


def env_outdated(store: Store, name: str) -> list[Newer]:
    from .core import env_dir

    path = env_dir(store, name)
    site = site_packages(path)
    if site is not None and (site / "pip").is_dir():
        out = _ask_pip(path)
    else:
        out = backends.uv_pip(path, ["list", "--outdated", "--format", "json"],
                              "asking uv for newer versions")
    try:
        rows = json.loads(out.strip() or "[]")
    except ValueError:
        raise EnvmanError(f"the list of newer versions for {name} was not JSON") from None
    found = [Newer(r["name"], r["version"], r.get("latest_version", "")) for r in rows
             if isinstance(r, dict) and "name" in r and "version" in r]
    return sorted(found, key=lambda n: n.name.lower())


def outdated(store: Store, names: list[str]) -> list[EnvReport]:
    """One report per env; one env failing (no network, broken interpreter) does not
    stop the others."""
    reports = []
    for name in names:
        try:
            reports.append(EnvReport(name, env_outdated(store, name)))
        except EnvmanError as exc:
            reports.append(EnvReport(name, error=exc))
    return reports
