"""What is installed in an env, and putting the same thing into another env.

Reading: the ``*.dist-info`` / ``*.egg-info`` metadata in the env's site-packages is
read by envman's own process with ``importlib.metadata`` (no Python of the env is run).
That matters for ``upgrade``: the env's interpreter may be exactly what is broken.

How each package was installed comes from PEP 610's ``direct_url.json``, which pip
and uv write for every install that did not come from an index. We record nothing of
our own: the metadata the installers already keep is the one source of truth, it is
right even for packages installed by hand with pip after ``envman new``, and it lets
cp/mv/upgrade reinstall offline from the very file, directory or VCS commit used the
first time:

- editable (``dir_info.editable``)  -> ``-e <same source dir>`` (re-pointed, not copied)
- local dir / local archive         -> that path, when it still exists
- remote archive / VCS              -> ``name @ url`` (VCS pinned to the commit)
- anything else (an index)          -> ``name==version`` (uv's cache makes it offline)
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from . import backends
from .envinfo import site_packages
from .errors import EnvmanError

# Installed by the backends themselves when they create an env with pip (uv --seed
# adds setuptools, wheel and packaging on Python < 3.12). wipe keeps them; the
# comparison after a rebuild ignores them (the new env gets its backend's own).
SEEDS = frozenset({"pip", "setuptools", "wheel", "packaging"})


def canonical(name: str) -> str:
    """PEP 503 normalised project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Installed:
    name: str
    version: str
    url: str | None = None  # direct_url.json "url", when not from an index
    editable: bool = False
    vcs: str | None = None
    commit: str | None = None
    subdirectory: str | None = None

    @property
    def key(self) -> str:
        return canonical(self.name)

    @property
    def local_path(self) -> str | None:
        if self.url and self.url.startswith("file:"):
            return unquote(urlparse(self.url).path)
        return None

    def requirement(self) -> list[str]:
        """Arguments for ``pip install`` / ``uv pip install`` that reproduce it."""
        path = self.local_path
        if self.editable and path:
            return ["-e", path]
        if path and os.path.exists(path):
            return [path]
        if self.vcs and self.url and not path:
            url = f"{self.vcs}+{self.url}" + (f"@{self.commit}" if self.commit else "")
            if self.subdirectory:
                url += f"#subdirectory={self.subdirectory}"
            return [f"{self.name} @ {url}"]
        if self.url and not path:
            return [f"{self.name} @ {self.url}"]
        return [f"{self.name}=={self.version}"]

    def portable(self) -> str:
        """A requirement line with no machine path (for export)."""
        if self.url and not self.local_path:
            return self.requirement()[0]
        return f"{self.name}=={self.version}"


def _from_dist(dist: metadata.Distribution) -> Installed | None:
    name = dist.metadata["Name"] if dist.metadata else None
    if not name:
        return None
    raw = dist.read_text("direct_url.json")
    if not raw:
        return Installed(name, dist.version)
    try:
        info = json.loads(raw)
    except ValueError:
        return Installed(name, dist.version)
    vcs = info.get("vcs_info") or {}
    return Installed(
        name=name, version=dist.version, url=info.get("url"),
        editable=bool((info.get("dir_info") or {}).get("editable")),
        vcs=vcs.get("vcs"), commit=vcs.get("commit_id"), subdirectory=info.get("subdirectory"),
    )


def snapshot(env: Path) -> dict[str, Installed]:
    """The packages installed in ``env``'s own site-packages, by canonical name."""
    site = site_packages(env)
    if site is None:
        raise EnvmanError(f"cannot find the site-packages directory of {env}")
    found: dict[str, Installed] = {}
    for dist in metadata.distributions(path=[str(site)]):
        item = _from_dist(dist)
        if item is not None:
            found.setdefault(item.key, item)
    for item in _egg_links(site):
        found.setdefault(item.key, item)
    return found


def _egg_links(site: Path) -> list[Installed]:
    """Editables made by ``setup.py develop`` / old pip (common in virtualenvwrapper-era
    envs): a ``<name>.egg-link`` whose first line is the source directory, where the
    ``.egg-info`` metadata lives. They have no dist-info in site-packages."""
    items = []
    for link in sorted(site.glob("*.egg-link")):
        try:
            source = link.read_text(encoding="utf-8").splitlines()[0].strip()
        except (OSError, IndexError):
            continue
        for dist in metadata.distributions(path=[source]):
            name = dist.metadata["Name"] if dist.metadata else None
            if name and canonical(name) == canonical(link.stem):
                url = Path(os.path.abspath(source)).as_uri()
                items.append(Installed(name, dist.version, url=url, editable=True))
                break
    return items


def user_packages(packages: dict[str, Installed]) -> dict[str, Installed]:
    return {k: v for k, v in packages.items() if k not in SEEDS}


def reinstall(env: Path, packages: Iterable[Installed], backend: str,
              find_links: Sequence[str] = ()) -> None:
    """Install exactly these packages into ``env``, with ``--no-deps``: the set is
    complete already, and the source env may hold a combination a resolver would
    refuse today; reproducing it beats "improving" it behind the user's back."""
    args: list[str] = []
    for item in packages:
        args += item.requirement()
    if not args:
        return
    extra = ["--no-deps"]
    for link in find_links:
        extra += ["--find-links", link]
    backends.install(env, args, backend=backend, extra_args=extra)


def differences(expected: dict[str, Installed], actual: dict[str, Installed]) -> list[str]:
    """What ``actual`` lacks compared with ``expected`` (seed packages ignored)."""
    problems = []
    for key, item in user_packages(expected).items():
        got = actual.get(key)
        if got is None:
            problems.append(f"{item.name} is missing")
        elif got.version != item.version:
            problems.append(f"{item.name} is {got.version}, expected {item.version}")
        elif item.editable and (not got.editable or got.local_path != item.local_path):
            problems.append(f"{item.name} is not editable from {item.local_path}")
    return problems
