"""Removing environments (rm), and the rule that the active env is never removed or
rebuilt under the shell using it.

Functions here decide and act; they return data and never print (cli/ renders).

The other operations live in their own modules: status.py (ls, show), create.py (new),
lifecycle.py (cp, mv, upgrade, tmp). Their public names are importable from here too,
as they were before core.py was split.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import aside, used
from .create import CreateOptions, check_name_free, create_env, write_project_file  # noqa: F401 - re-exported
from .errors import EnvmanError, EnvNotFound, UsageError
from .interrupts import interrupts_as_keyboardinterrupt, signals_blocked  # noqa: F401 - re-exported
from .locks import env_lock
from .registry import Registry
from .status import EnvStatus, env_dir, get_env, list_envs  # noqa: F401 - re-exported
from .store import Store, is_env_dir


@dataclass
class RemoveResult:
    name: str
    removed: bool
    error: EnvmanError | None = None
    note: str | None = None


def _is_active(path: Path) -> bool:
    active = os.environ.get("VIRTUAL_ENV")
    if not active:
        return False
    try:
        return os.path.samefile(active, path)
    except OSError:
        return os.path.abspath(active) == os.path.abspath(path)


def refuse_active(name: str, path: Path) -> None:
    """The env active in this shell is never removed or rebuilt under it (rm, mv, upgrade)."""
    if _is_active(path):
        raise EnvmanError(f"environment {name!r} is active in this shell",
                          "run 'deactivate' first")


def check_names(store: Store, names: Sequence[str], need_dir: bool = False) -> list[str]:
    """Before a command that takes several names changes anything: every name must be
    valid, name an env that exists (``need_dir``: its directory; else a registry entry
    is enough) and not be the active one. Raises BadNames, one line per bad name, so a
    typo'd command line changes nothing instead of half of what was asked. Returns the
    names as the store spells them (Store.existing_name)."""
    from .errors import BadNames

    records = None
    bad: list[EnvmanError] = []
    found: list[str] = []
    for name in dict.fromkeys(names):
        try:
            name = store.existing_name(name)
            found.append(name)
            path = store.env_path(name)
            if not (is_env_dir(path) or (not need_dir and path.is_symlink())):
                if records is None:
                    records = Registry(store).load()
                if need_dir or name not in records:
                    if not need_dir and path.is_dir():  # the same words as _remove_one
                        raise EnvmanError(f"{path} is not an environment (it has no "
                                          "pyvenv.cfg); not removing it")
                    if not need_dir and os.path.lexists(path):
                        raise EnvmanError(f"{path} is not a directory; not removing it")
                    raise UsageError(f"environment {name!r} does not exist", "see 'envman ls'")
            refuse_active(name, path)
        except EnvmanError as exc:
            bad.append(exc)
    if bad:
        raise BadNames(bad)
    return found


def remove_envs(store: Store, names: Sequence[str]) -> list[RemoveResult]:
    """Remove each env; one failing name does not stop the others. Every name is
    checked first (check_names), so that nothing is removed on a typo'd command line."""
    names = check_names(store, names)
    results = []
    for name in dict.fromkeys(names):  # a name given twice is removed once
        try:
            results.append(_remove_one(store, name))
        except EnvmanError as exc:
            results.append(RemoveResult(name, False, exc))
    return results


def _remove_one(store: Store, name: str) -> RemoveResult:
    path = store.env_path(name)
    if not store.contains(path):  # cannot happen for a valid name; belt and braces
        raise EnvmanError(f"refusing to remove {path}: it is not inside the store")
    refuse_active(name, path)
    registry = Registry(store)
    trash = None
    link = None
    # The env's lock for the whole command, and one registry transaction for both the
    # entry and the directory: the name is never free while the env is still in place.
    with env_lock(store, name):
        try:
            with registry.transaction() as records:
                record = records.get(name)
                if path.is_symlink():
                    link = os.readlink(path)  # a linked env: only the link goes
                elif path.is_dir():
                    # Registered (even with pyvenv.cfg gone) or a venv: ours to remove. A
                    # directory envman knows nothing about is left alone.
                    if record is None and not is_env_dir(path):
                        raise EnvmanError(
                            f"{path} is not an environment (it has no pyvenv.cfg); "
                            "not removing it")
                elif path.exists():
                    raise EnvmanError(f"{path} is not a directory; not removing it")
                elif record is None:
                    raise EnvNotFound(f"environment {name!r} does not exist", "see 'envman ls'")
                trash = aside.take_out(store, name, "trash")
                if record is not None:
                    del records[name]
        except BaseException:
            # The registry could not be saved (full disk, permissions): put the env back
            # so that the store still matches the unchanged registry.
            with signals_blocked():
                if trash is not None:
                    aside.put_back(store, trash, name)
                elif link is not None:
                    aside.put_back_link(store, name, link)
            raise
    used.move_stamp(store, name, None)
    if trash is not None:
        with signals_blocked():
            aside.delete(store, trash)
    # Nothing on disk (no directory, no link) means only a stale entry was dropped.
    stale = trash is None and link is None
    return RemoveResult(name, True, note="only the registry entry was left" if stale else None)


def adopt_envs(store: Store, names: Sequence[str]) -> list[str]:
    """Register envs another tool made in the store (virtualenv run by mkvirtualenv's
    VIRTUALENVWRAPPER_VIRTUALENV, a venv made by hand); their records are read from
    their directories, and an env already registered keeps its record. Every name is
    checked first, so a typo registers nothing. Returns the names as the store has them."""
    from .registry import record_from_dir

    checked = []
    for name in dict.fromkeys(names):
        name = store.existing_name(name)
        if not is_env_dir(store.root / name):
            raise UsageError(f"{store.root / name} is not an environment (it has no pyvenv.cfg)")
        checked.append(name)
    with Registry(store).transaction() as records:
        for name in checked:
            if name not in records:
                records[name] = record_from_dir(store, name)
    return checked
