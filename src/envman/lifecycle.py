"""cp, mv, upgrade and tmp: making an env from another one, or from nothing.

Venvs are not relocatable (absolute paths in every script's shebang, in pyvenv.cfg,
in activate), so copying or renaming bytes leaves a broken env (pew's rename does).
Every operation here RECREATES: a fresh env on the same interpreter X.Y (or the one
asked for), the same packages at the same versions (packages.py), the same project
link, options and per-env hook scripts. Ordering keeps the source safe:

1. the source is read, never written;
2. the new env is built through create.build_env (reserved, built, verified, marked
   ready last; on any failure or Ctrl-C what it made is removed);
3. only after verification (its python runs, its packages match the source's) is
   the source removed (mv) or its aside copy deleted (upgrade).

Every name involved stays reserved from the first change to the last: the command holds
the locks of the source and the destination throughout, and the registry never shows
a name as free while its env is out of place (upgrade keeps its entry, as "creating",
while the old env is aside). Moving envs aside and back is aside.py's.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import aside, backends, envvars, links, packages, used
from .core import check_names, refuse_active
from .create import (
    CreateOptions,
    build_env,
    check_name_free,
    create_env,
    write_project_file,
)
from .envinfo import BIN, cfg_version, read_project_file, read_pyvenv_cfg
from .errors import EnvmanError, EnvNotFound, UsageError
from .interrupts import signals_blocked
from .locks import env_lock, env_locks
from .plaindata import replace
from .pythons import Interpreter, probe, resolve
from .registry import EnvRecord, Registry, record_from_dir
from .status import EnvStatus, env_dir, get_env
from .store import Store, is_env_dir

# virtualenvwrapper's per-env hook scripts (in the env's bin/).
HOOKS = ("preactivate", "postactivate", "predeactivate", "postdeactivate", "get_env_details")


@dataclass
class Source:
    """Everything needed to rebuild an env, read from its files and registry entry."""
    name: str
    path: Path
    record: EnvRecord
    version: str  # X.Y.Z from pyvenv.cfg
    packages: dict[str, packages.Installed]
    project: str | None
    system_site_packages: bool
    prompt: str | None
    record_path: Path  # where the env was built (upgrade reads it from the aside dir)

    @property
    def major_minor(self) -> str:
        return ".".join(self.version.split(".")[:2])

    @property
    def with_pip(self) -> bool:
        return "pip" in self.packages


def read_source(store: Store, name: str, outside: Path | None = None) -> Source:
    """An env of the store, or (``outside``) a venv anywhere else, as cp accepts."""
    path = outside or env_dir(store, name)
    cfg = read_pyvenv_cfg(path) or {}
    if outside is not None:
        record = record_from_dir(Store(path.parent), path.name)
    else:
        record = Registry(store).load().get(name) or record_from_dir(store, name)
    prompt = cfg.get("prompt")
    # uv and venv write the env's own name as the prompt by default: not a setting.
    if prompt in (name, f"({name})", ""):
        prompt = None
    return Source(
        name=name, path=path, record=record, version=cfg_version(cfg) or record.python_version,
        packages=packages.snapshot(path),
        project=record.project or read_project_file(path),
        system_site_packages=cfg.get("include-system-site-packages", "").lower() == "true",
        prompt=prompt, record_path=path,
    )


def same_interpreter(src: Source) -> Interpreter:
    """The source's interpreter if it still runs as the same X.Y, else another
    interpreter of that X.Y (pyenv's, PATH's)."""
    if src.record.python:
        found = probe(src.record.python)
        if found is not None and found.major_minor == src.major_minor:
            return found
    if not src.major_minor:
        raise EnvmanError(f"cannot tell which Python {src.name!r} was built on",
                          "give one with -p")
    return resolve(src.major_minor)


def _copy_hooks(src: Path, dst: Path, origin: Path) -> None:
    """Per-env hook scripts and other hand-made files in bin/: copied when the new env
    lacks them. Console scripts are not: the reinstall generated fresh ones with
    correct shebangs, and a stale one would point into the source env."""
    old_bin, new_bin = src / BIN, dst / BIN
    try:
        entries = list(os.scandir(old_bin))
    except OSError:
        return
    for entry in entries:
        target = new_bin / entry.name
        if target.exists() or target.is_symlink() or not entry.is_file(follow_symlinks=False):
            continue
        if entry.name not in HOOKS:
            try:
                with open(entry.path, "rb") as fh:
                    first = fh.readline()
            except OSError:
                continue
            if first.startswith(b"#!") and str(origin).encode() in first:
                continue
        shutil.copy2(entry.path, target)


def _verify(path: Path, expected: dict[str, packages.Installed]) -> None:
    python = backends.env_python(path)
    try:
        ran = subprocess.run([str(python), "-c", "import sys"], capture_output=True,
                             stdin=subprocess.DEVNULL, timeout=60, check=False).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ran = False
    if not ran:
        raise EnvmanError(f"the new environment's python ({python}) does not run")
    problems = packages.differences(expected, packages.snapshot(path))
    if problems:
        raise EnvmanError("the new environment does not match: " + "; ".join(problems))


def rebuild(store: Store, src: Source, name: str, interp: Interpreter, *,
            keep_created: bool = False, keep_temporary: bool = False,
            reserved: bool = False,
            progress=lambda _: None) -> tuple[EnvStatus, aside.Made]:
    """Build env ``name`` on ``interp`` with ``src``'s packages, project, options, hook
    scripts and registry metadata (packages asked for, requirements, extra). mv and
    upgrade keep the created time (``keep_created``); only upgrade keeps a temporary
    env temporary and owned by the same shell (``keep_temporary``): renaming one is how
    a user keeps it. All of it happens inside create_env, so any failure removes the
    new env and its entry. The caller holds ``name``'s lock (and, with ``reserved``,
    has already reserved the name for this process)."""

    def populate(path: Path) -> None:
        fresh = packages.snapshot(path)
        # Seeds (pip, setuptools, ...) the new env already has are the backend's own
        # versions; everything else is installed exactly as in the source.
        wanted = [p for k, p in src.packages.items() if k not in fresh or k not in packages.SEEDS]
        progress(f"installing {len(wanted)} packages")
        packages.reinstall(path, wanted, backend="uv")
        if src.project:
            write_project_file(path, src.project)
        _copy_hooks(src.path, path, origin=src.record_path)
        envvars.copy(src.path, path)
        progress("verifying")
        _verify(path, src.packages)
        with Registry(store).transaction() as records:
            new, old = records[name], src.record
            new.project = src.project
            new.packages = list(old.packages)
            new.requirements = list(old.requirements)
            new.extra = dict(old.extra)
            if keep_created:
                new.created = old.created or new.created

    backend = src.record.backend if src.record.backend in ("uv", "venv") else None
    temporary = keep_temporary and src.record.temporary
    opts = CreateOptions(
        python=interp.executable, system_site_packages=src.system_site_packages,
        with_pip=src.with_pip, backend=backend, prompt=src.prompt,
        temporary=temporary, owner_pid=src.record.pid if temporary else None,
        after_build=populate, env_locked=True, reserved=reserved,
    )
    return build_env(store, name, opts, progress)


def _discard(store: Store, name: str, made: aside.Made) -> None:
    """Take back an env this command built (the directory it made, while the path still
    holds it) and its entry; the caller still holds the name's lock, so the entry is the
    one this command wrote. Best effort: the error that brought us here is the one to
    report."""
    try:
        if aside.remove_made(store, made):
            with Registry(store).transaction(timeout=10) as records:
                records.pop(name, None)
    except (EnvmanError, OSError):
        pass


# -- the commands ---------------------------------------------------------------------------
def _outside_source(given: str) -> Path | None:
    """virtualenvwrapper's cpvirtualenv also copies a venv from outside the store,
    given as a path (anything with a '/')."""
    if os.sep not in given:
        return None
    path = Path(os.path.abspath(os.path.expanduser(given)))
    if not is_env_dir(path):
        raise UsageError(f"{given!r} is not a virtual environment (it has no pyvenv.cfg)")
    return path


def copy_env(store: Store, src_name: str, dst_name: str | None,
             progress=lambda _: None) -> EnvStatus:
    """Clone env ``src_name`` (or the venv at that path) as ``dst_name`` (default: the
    source's name, as cpvirtualenv does: useful for a venv from outside the store)."""
    outside = _outside_source(src_name)
    if outside is None:
        src_name = store.existing_name(src_name)
    else:
        src_name = outside.name
    dst_name = store.new_name(dst_name if dst_name is not None else src_name)
    if outside is None:
        env_dir(store, src_name)
    check_name_free(store, dst_name)
    with env_locks(store, [dst_name] if outside is not None else [src_name, dst_name]):
        src = read_source(store, src_name, outside)
        rebuild(store, src, dst_name, same_interpreter(src), progress=progress)
    return get_env(store, dst_name)


def move_env(store: Store, old: str, new: str, progress=lambda _: None) -> EnvStatus:
    old = store.existing_name(old)
    new = store.new_name(new)
    if old == new:
        raise UsageError(f"{old!r} is already called {new!r}")
    old_path = env_dir(store, old)
    refuse_active(old, old_path)
    check_name_free(store, new)
    trash = None
    with env_locks(store, [old, new]):
        src = read_source(store, old)
        _, made = rebuild(store, src, new, same_interpreter(src), keep_created=True,
                          progress=progress)
        try:
            with signals_blocked(), Registry(store).transaction() as records:
                records.pop(old, None)
                trash = aside.take_out(store, old, "trash")
        except BaseException:
            with signals_blocked():
                if trash is not None:
                    aside.put_back(store, trash, old)  # the transaction failed after the move
                _discard(store, new, made)
            raise
    used.move_stamp(store, old, new)
    links.follow_rename(store, old, new)  # project .venv links follow the env
    if trash is not None:
        with signals_blocked():
            aside.delete(store, trash)
    return get_env(store, new)


def new_tmp_name(store: Store) -> str:
    while True:
        name = f"tmp-{secrets.token_hex(4)}"
        if not store.env_path(name).exists():
            return name


def make_tmp(store: Store, opts: CreateOptions, owner_pid: int | None,
             progress=lambda _: None) -> EnvStatus:
    """A temporary env owned by the shell ``owner_pid`` (default: envman's parent).
    The shell removes it on deactivate; doctor removes it when the owner is dead."""
    opts = replace(opts, temporary=True, owner_pid=owner_pid or os.getppid())
    return create_env(store, new_tmp_name(store), opts, progress)


@dataclass
class UpgradeResult:
    name: str
    status: EnvStatus | None = None
    error: EnvmanError | None = None


def _upgradable(store: Store, name: str) -> Path:
    """The env's directory, or a one-line error saying what upgrade needs."""
    path = store.env_path(name)
    if path.is_symlink():
        raise EnvmanError(
            f"cannot upgrade {name!r}: it is a symlink to {os.readlink(path)}, an env envman "
            "does not own",
            f"rebuild that venv yourself, or 'envman cp {name} NEWNAME' for a store copy")
    if path.is_dir() and not is_env_dir(path) and name in Registry(store).load():
        raise EnvmanError(
            f"cannot upgrade {name!r}: its pyvenv.cfg is gone, and upgrade reads the "
            "Python version and options from it",
            f"restore {path / 'pyvenv.cfg'}, or 'envman rm {name}' and create it again")
    return env_dir(store, name)


def upgrade_envs(store: Store, names: Sequence[str], python: str | None,
                 progress=lambda _: None) -> list[UpgradeResult]:
    # All of them before anything changes (one line per bad name), then what upgrade
    # itself needs of each.
    names = check_names(store, names)
    for name in names:
        refuse_active(name, _upgradable(store, name))
    interp = resolve(python) if python else None
    results = []
    for name in dict.fromkeys(names):
        try:
            results.append(UpgradeResult(name, _upgrade_one(store, name, interp, progress)))
        except EnvmanError as exc:
            results.append(UpgradeResult(name, error=exc))
    return results


def _upgrade_one(store: Store, name: str, interp: Interpreter | None, progress) -> EnvStatus:
    """Rebuild in place. The env must be rebuilt at its own path, so the old one is
    moved into the aside area (kind "upgrading": doctor must not delete it) and moved
    back if anything fails. Its entry stays, as "creating" by this process, from the
    move aside to the end: the name is never free, so no other command can build or
    delete anything under it meanwhile."""
    registry = Registry(store)
    with env_lock(store, name):
        _upgradable(store, name)  # re-checked under the lock
        src = read_source(store, name)
        target = interp or same_interpreter(src)
        kept = None
        try:
            with signals_blocked(), registry.transaction() as records:
                old = records.get(name) or src.record
                records[name] = replace(old, state="creating", pid=os.getpid())
                kept = aside.take_out(store, name, "upgrading")
        except BaseException:
            if kept is not None:  # the registry could not be saved: undo the move
                with signals_blocked():
                    aside.put_back(store, kept, name)
            raise
        if kept is None:
            raise EnvNotFound(f"environment {name!r} does not exist", "see 'envman ls'")
        src = replace(src, path=kept, record=old)  # hooks are copied from the aside dir
        try:
            rebuild(store, src, name, target, keep_created=True, keep_temporary=True,
                    reserved=True, progress=progress)
        except BaseException:
            with signals_blocked(), registry.transaction(timeout=60) as records:
                # build_env removed what it made; the place is free unless something
                # outside envman's locks put a directory there (then doctor reports
                # the old env kept aside, and nothing is deleted).
                if aside.put_back(store, kept, name):
                    records[name] = old
            raise
    with signals_blocked():
        aside.delete(store, kept)
    return get_env(store, name)
