"""diff and sync: an env against another env, an envman spec or a pylock.toml.

Each side of a comparison becomes the same thing: a Python version and a set of
``name -> version`` (canonical names, versions compared as PEP 440 versions). The seed
tools (pip, setuptools, wheel, packaging) are compared only when both sides have them:
every env carries its backend's own, and neither a lock nor a rebuilt env pins them, so
a seed on one side only is not a difference (and sync never removes one).

sync holds the env's lock for the whole operation. It installs what is missing or at
another version first (``--no-deps``: the file is the complete set), then uninstalls
what the file does not list, then checks the result. A kill at any point leaves a
working env holding a mix of the old and new sets; running sync again finishes it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import backends, packages
from .errors import EnvmanError, UsageError
from .pylock import Lock, Wanted, install_lock, looks_like_lock, read_lock, same_version
from .store import Store, is_env_dir


@dataclass
class Side:
    label: str
    kind: str  # env | spec | lock
    python: str | None
    packages: dict[str, Wanted]
    path: Path | None = None  # the env's directory, for an env
    lock: Lock | None = None
    lines: dict[str, str] = field(default_factory=dict)  # spec: requirement line by key


def _env_side(store: Store, name: str) -> Side:
    from .envinfo import cfg_version, read_pyvenv_cfg

    path = store.env_path(name)
    snap = packages.snapshot(path)
    cfg = read_pyvenv_cfg(path) or {}
    return Side(name, "env", cfg_version(cfg) or None,
                {k: Wanted(v.name, v.version) for k, v in snap.items()}, path=path)


def _spec_side(file: str, python: str | None = None) -> Side:
    """A spec's packages; with ``python`` (the env's X.Y.Z), only the lines whose
    marker holds for it, as import would install."""
    from .specs import applies_to, parse_package_line, read_spec

    spec = read_spec(file)
    wanted: dict[str, Wanted] = {}
    lines: dict[str, str] = {}
    for line in spec.get("packages", []):
        req = parse_package_line(line, file)
        if python and not applies_to(req, python):
            continue
        pins = [s.version for s in req.specifier]
        item = Wanted(req.name, pins[0] if pins and not req.url else "")
        wanted[item.key] = item
        lines[item.key] = line
    python = spec.get("python") if isinstance(spec.get("python"), str) else None
    return Side(file, "spec", python, wanted, lines=lines)


def _lock_side(file: str) -> Side:
    lock = read_lock(file)
    return Side(file, "lock", lock.python, lock.wanted(), lock=lock)


def read_file_side(file: str, python: str | None = None) -> Side:
    return _lock_side(file) if looks_like_lock(file) else _spec_side(file, python)


def read_side(store: Store, given: str) -> Side:
    """An env name, or a spec / lock file (anything with a '/' or ending in .toml is a
    file; otherwise an existing env wins over a file of the same name)."""
    if not given:
        raise UsageError("an empty name is neither an environment nor a file")
    if os.sep in given or given.endswith(".toml"):
        return read_file_side(given)
    try:
        name = store.existing_name(given)
        is_env = is_env_dir(store.root / name)
    except UsageError:
        is_env = False
    if is_env:
        return _env_side(store, name)
    if os.path.isfile(given):
        return read_file_side(given)
    raise UsageError(f"{given!r} is neither an environment nor a file", "see 'envman ls'")


# -- diff ------------------------------------------------------------------------------------
@dataclass
class Change:
    name: str
    a: str | None  # version on side A (None: absent)
    b: str | None

    @property
    def kind(self) -> str:
        return "added" if self.a is None else "removed" if self.b is None else "changed"


@dataclass
class Diff:
    a: str
    b: str
    python_a: str | None
    python_b: str | None
    changes: list[Change]

    @property
    def python_differs(self) -> bool:
        if not self.python_a or not self.python_b:
            return False
        a, b = self.python_a.split("."), self.python_b.split(".")
        depth = min(len(a), len(b))  # a spec gives X.Y, an env X.Y.Z
        return a[:depth] != b[:depth]

    @property
    def equal(self) -> bool:
        return not self.changes and not self.python_differs

    def to_json(self) -> dict:
        def of(kind: str) -> list:
            return [c for c in self.changes if c.kind == kind]
        return {
            "a": self.a, "b": self.b, "equal": self.equal,
            "python": {"a": self.python_a, "b": self.python_b, "differs": self.python_differs},
            "added": [{"name": c.name, "version": c.b} for c in of("added")],
            "removed": [{"name": c.name, "version": c.a} for c in of("removed")],
            "changed": [{"name": c.name, "a": c.a, "b": c.b} for c in of("changed")],
        }


def _versions_equal(a: str, b: str) -> bool:
    return a == "" or b == "" or same_version(a, b)  # "" : a direct reference, any version


def compare(a: Side, b: Side) -> Diff:
    changes = []
    for key in sorted(set(a.packages) | set(b.packages)):
        left, right = a.packages.get(key), b.packages.get(key)
        if key in packages.SEEDS and (left is None or right is None):
            continue
        if left is not None and right is not None:
            if not _versions_equal(left.version, right.version):
                changes.append(Change(left.name, left.version, right.version))
        elif right is not None:
            changes.append(Change(right.name, None, right.version))
        elif left is not None:
            changes.append(Change(left.name, left.version, None))
    return Diff(a.label, b.label, a.python, b.python, changes)


def diff(store: Store, a: str, b: str) -> Diff:
    return compare(read_side(store, a), read_side(store, b))


# -- sync -------------------------------------------------------------------------------------
@dataclass
class SyncPlan:
    name: str
    install: list[Change]  # added (a is None) or changed
    remove: list[Change]
    python_env: str | None
    python_file: str | None
    done: bool = False

    @property
    def changes(self) -> list[Change]:
        return [*self.install, *self.remove]

    @property
    def python_differs(self) -> bool:
        return Diff("", "", self.python_env, self.python_file, []).python_differs


def _plan(env: Side, target: Side, name: str) -> SyncPlan:
    found = compare(env, target)
    install = [c for c in found.changes if c.kind in ("added", "changed")]
    remove = [c for c in found.changes if c.kind == "removed"]
    return SyncPlan(name, install, remove, env.python, target.python)


def _install(path: Path, target: Side, keys: list[str], backend: str,
             find_links: Sequence[str], progress: Callable[[str], None]) -> None:
    if not keys:
        return
    if target.lock is not None:
        install_lock(path, target.lock, backend, only=keys, progress=progress)
        return
    lines = []
    for key in keys:
        item = target.packages[key]
        lines.append(target.lines.get(key) or f"{item.name}=={item.version}")
    extra = ["--no-deps"] + [arg for link in find_links for arg in ("--find-links", link)]
    backends.install(path, lines, backend=backend, extra_args=extra, progress=progress)


def sync_env(store: Store, name: str, file: str, *, dry_run: bool = False,
             find_links: Sequence[str] = (),
             progress: Callable[[str], None] = lambda _: None) -> SyncPlan:
    """Make env ``name`` hold exactly the packages of ``file`` (a spec or a lock)."""
    from .core import env_dir, interrupts_as_keyboardinterrupt
    from .locks import env_lock

    name = store.existing_name(name)
    path = env_dir(store, name)
    env_python = _env_side(store, name).python
    target = read_file_side(file, env_python)
    links = []
    for link in find_links:
        if not Path(link).expanduser().is_dir():
            raise UsageError(f"--find-links {link!r} is not a directory")
        links.append(str(Path(link).expanduser().resolve()))
    if dry_run:
        return _plan(_env_side(store, name), target, name)
    backend = backends.choose("auto")
    with interrupts_as_keyboardinterrupt(), env_lock(store, name):
        plan = _plan(_env_side(store, name), target, name)
        keys = [packages.canonical(c.name) for c in plan.install]
        _install(path, target, keys, backend, links, progress)
        if plan.remove:
            progress(f"uninstalling {len(plan.remove)} packages")
            backends.uninstall(path, [c.name for c in plan.remove], backend=backend)
        after = compare(_env_side(store, name), target)
        if after.changes:
            left = ", ".join(f"{c.name} ({c.a or 'absent'}, wanted {c.b or 'absent'})"
                             for c in after.changes)
            raise EnvmanError(f"{name} does not match {file} after sync: {left}")
    plan.done = True
    return plan
