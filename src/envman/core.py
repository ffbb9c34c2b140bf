"""The operations on the store: create, list, inspect and remove environments.

Functions here decide and act; they return data and never print (cli/ renders).
Ordering rules that keep the store safe (DESIGN.md section 5):
- names are validated and inputs checked before anything is written;
- creation reserves the name in the registry (state "creating"), builds at the final
  path, marks "ready" last, and on any failure or Ctrl-C removes what it built;
- removal renames the env out of the store and drops its entry in one locked step.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .envinfo import check_health, cfg_version, read_project_file, read_pyvenv_cfg
from .errors import EnvExists, EnvmanError, EnvNotFound, UsageError
from .names import lookalike, validate_project_path
from .registry import EnvRecord, Registry, env_lock, now
from .store import Store, is_env_dir

# backends, config, fsutil and pythons are imported where they are used: `ls` and
# `show` (the fast path) need none of them and they cost ~15 ms to import (issue 8).


# -- status of one env, as ls/show report it ----------------------------------------------
@dataclass
class EnvStatus:
    name: str
    path: Path
    record: EnvRecord | None
    exists: bool
    state: str  # ready | creating | interrupted | missing | unregistered
    health: str  # ok | broken | missing | incomplete
    problems: list[str] = field(default_factory=list)
    python_version: str = ""
    created: datetime | None = None
    last_used: datetime | None = None
    project: str | None = None
    size: int | None = None

    @property
    def healthy(self) -> bool:
        return self.health == "ok"

    def to_json(self) -> dict:
        rec = self.record
        return {
            "name": self.name,
            "path": str(self.path),
            "python": rec.python if rec else None,
            "python_version": self.python_version or None,
            "created": self.created.isoformat() if self.created else None,
            "last_used": self.last_used.isoformat() if self.last_used else None,
            "project": self.project,
            "state": self.state,
            "health": self.health,
            "problems": self.problems,
            "backend": rec.backend if rec else None,
            "packages": rec.packages if rec else [],
            "system_site_packages": rec.system_site_packages if rec else False,
            "temporary": rec.temporary if rec else False,
            **({"size": self.size} if self.size is not None else {}),
        }


def pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _mtime(path: Path | str) -> datetime | None:
    try:
        return datetime.fromtimestamp(os.stat(path).st_mtime, timezone.utc).replace(microsecond=0)
    except OSError:
        return None


def _dir_size(path: Path) -> int | None:
    from .fsutil import dir_size

    return dir_size(path)


class _Listing:
    """What every env of one listing shares, looked up once instead of once per env
    (``ls`` at 1000 envs; issue 8): which envs have a last-used mark (one listdir
    instead of a failing stat per env) and what check_health found out about each
    base interpreter."""

    def __init__(self, store: Store) -> None:
        self.used_dir = str(store.used_dir)
        self.used: set[str] = set()
        try:
            self.used = set(os.listdir(self.used_dir))
        except OSError:
            pass
        self.bases: dict = {}

    def last_used(self, name: str) -> datetime | None:
        if name not in self.used:
            return None
        return _mtime(os.path.join(self.used_dir, name))


def env_status(store: Store, name: str, record: EnvRecord | None, with_size: bool = False,
               listing: _Listing | None = None) -> EnvStatus:
    """What ls, show and doctor report about one env: its state, file-level health
    and metadata (``record``: its registry entry, or None)."""
    path = store.root / name
    where = str(path)  # os.path on a str below: pathlib's joins cost ~10 us each (issue 8)
    cfg = read_pyvenv_cfg(where)
    exists = cfg is not None or os.path.isdir(where)
    if record and record.state == "creating":
        state = "creating" if pid_alive(record.pid) else "interrupted"
    elif record and not exists:
        state = "missing"
    elif record is None:
        state = "unregistered"
    else:
        state = "ready"

    problems: list[str] = []
    if state in ("creating", "interrupted"):
        health = "incomplete"
        if state == "interrupted":
            problems.append("creation was interrupted; run 'envman doctor --fix'")
    elif not exists:
        health = "missing"
        problems.append("the directory is gone; run 'envman doctor --fix' to drop the entry")
    else:
        result = check_health(where, record.python_version if record else None, cfg=cfg,
                              bases=listing.bases if listing else None)
        health = result.label
        problems = result.problems

    version = (cfg_version(cfg) if cfg else "") or (record.python_version if record else "")
    created = record.created if record and record.created else (
        _mtime(os.path.join(where, "pyvenv.cfg")) if exists else None)
    project = (record.project if record and record.project else None) or (
        read_project_file(where) if exists else None)
    last_used = (listing.last_used(name) if listing
                 else _mtime(os.path.join(store.used_dir, name)))
    return EnvStatus(
        name=name, path=path, record=record, exists=exists, state=state, health=health,
        problems=problems, python_version=version, created=created,
        last_used=last_used, project=project,
        size=_dir_size(path) if with_size and exists else None,
    )


def list_envs(store: Store, with_size: bool = False) -> list[EnvStatus]:
    """Every env: the directories (truth about existence) merged with the registry
    (truth about metadata). Drift is reported in each status, never raised."""
    records = Registry(store).load()
    env_names, unmanageable = store.scan_envs()
    for name, why in unmanageable:  # not listed: say why, once per listing
        from . import log

        log.get().warning("%r is not listed: %s", name, why)
    names = set(env_names) | set(records)
    listing = _Listing(store)
    return [env_status(store, n, records.get(n), with_size, listing)
            for n in sorted(names, key=str.lower)]


def get_env(store: Store, name: str, with_size: bool = False) -> EnvStatus:
    name = store.existing_name(name)
    records = Registry(store).load()
    path = store.root / name
    if name not in records and not is_env_dir(path):
        raise EnvNotFound(f"environment {name!r} does not exist", "see 'envman ls'")
    return env_status(store, name, records.get(name), with_size)


def env_dir(store: Store, name: str) -> Path:
    """The directory of an existing env (cheap: no registry read)."""
    path = store.env_path(store.existing_name(name))
    if not is_env_dir(path):
        raise EnvNotFound(f"environment {name!r} does not exist", "see 'envman ls'")
    return path


# -- creating -------------------------------------------------------------------------------
@contextmanager
def interrupts_as_keyboardinterrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal) clean up like Ctrl-C does."""
    def handler(signum, frame):  # noqa: ANN001
        raise KeyboardInterrupt(f"signal {signum}")

    previous = {}
    try:
        for sig in (signal.SIGTERM, signal.SIGHUP):
            previous[sig] = signal.signal(sig, handler)
    except ValueError:  # not the main thread: leave signals alone
        pass
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextmanager
def signals_blocked() -> Iterator[None]:
    """Let cleanup finish: a second Ctrl-C must not leave half of it undone."""
    sigs = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    except (AttributeError, ValueError, OSError):
        old = None
    try:
        yield
    finally:
        if old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


@dataclass
class CreateOptions:
    python: str | None = None
    packages: Sequence[str] = ()
    requirements: Sequence[str] = ()
    project: str | None = None
    system_site_packages: bool = False
    with_pip: bool = True
    backend: str | None = None
    prompt: str | None = None
    temporary: bool = False
    owner_pid: int | None = None  # temporary envs: the shell that owns it
    # Called with the env's path after the packages are installed and before the env
    # is marked ready, so that its failure removes the env like any other (cp/mv/upgrade
    # reinstall the source's packages here).
    after_build: Callable[[Path], None] | None = None
    # The caller already holds env_lock(store, name) (upgrade rebuilds in place).
    env_locked: bool = False


def _check_inputs(opts: CreateOptions) -> tuple[list[str], str | None]:
    reqs = []
    for req in opts.requirements:
        path = Path(os.path.expanduser(req))
        if not path.is_file():
            raise UsageError(f"requirements file {req!r} does not exist")
        reqs.append(str(path.resolve()))
    project = None
    if opts.project is not None:
        proj = Path(os.path.expanduser(opts.project))
        if not proj.is_dir():
            raise UsageError(f"project directory {opts.project!r} is not a directory")
        project = validate_project_path(str(proj.resolve()))
    return reqs, project


def check_name_free(store: Store, name: str, records: dict[str, EnvRecord] | None = None) -> Path:
    """The path for a new env ``name``, or EnvExists if a directory, a link or a registry
    entry already has it. ``records``: the registry as read inside the caller's
    transaction (create_env reserves the name under the lock); without it the registry
    is read, as cp/mv/import/project new do before any work starts."""
    path = store.env_path(name)
    if records is None:
        records = Registry(store).load()
    if name in records or path.exists() or path.is_symlink():
        raise EnvExists(f"environment {name!r} already exists",
                        f"pick another name or remove it with 'envman rm {name}'")
    return path


def write_project_file(env: Path, project: str | None) -> None:
    from .fsutil import atomic_write

    target = env / ".project"
    if project is None:
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        return
    atomic_write(target, (project + "\n").encode("utf-8"))


def create_env(store: Store, name: str, opts: CreateOptions,
               progress: Callable[[str], None] = lambda _: None) -> EnvStatus:
    from . import backends
    from .config import load_config
    from .pythons import resolve

    # A rebuild in place (upgrade) keeps the env's name, whatever made it; a new env's
    # name passes the strict rule, in NFC.
    name = store.existing_name(name) if opts.env_locked else store.new_name(name)
    reqs, project = _check_inputs(opts)
    config = load_config()
    backend = backends.choose(opts.backend or config.default_backend)
    if not opts.with_pip and backend == "venv" and (opts.packages or reqs):
        raise UsageError("installing packages with --no-pip needs the uv backend",
                         "drop --no-pip or use --backend uv")
    interp = resolve(opts.python or config.default_python)
    path = store.env_path(name)
    if not opts.env_locked and lookalike(name):
        from . import log

        log.get().warning("%s", lookalike(name))
    registry = Registry(store)

    with registry.transaction() as records:
        check_name_free(store, name, records)
        records[name] = EnvRecord(
            name=name, path=str(path), python=interp.executable,
            python_version=interp.version, created=now(), backend=backend,
            project=project, packages=list(opts.packages), requirements=reqs,
            system_site_packages=opts.system_site_packages, state="creating",
            pid=os.getpid(), temporary=opts.temporary,
        )
    try:
        lock = nullcontext() if opts.env_locked else env_lock(store, name)
        with interrupts_as_keyboardinterrupt(), lock:
            used = backends.create_venv(
                path, interp, backend, with_pip=opts.with_pip,
                system_site_packages=opts.system_site_packages, prompt=opts.prompt,
                progress=progress,
            )
            if project:
                write_project_file(path, project)
            backends.install(path, opts.packages, reqs, backend=used, progress=progress)
            if opts.after_build is not None:
                opts.after_build(path)
            cfg = read_pyvenv_cfg(path)
            if cfg is None or not backends.env_python(path).exists():
                raise EnvmanError(f"the new environment at {path} has no interpreter")
            with registry.transaction() as records:
                record = records[name]
                record.state = "ready"
                record.backend = used
                record.python_version = cfg_version(cfg) or interp.version
                record.pid = opts.owner_pid if opts.temporary else None
    except BaseException:
        with signals_blocked():
            _undo_create(store, registry, name, path)
        raise
    return env_status(store, name, record)


def _undo_create(store: Store, registry: Registry, name: str, path: Path) -> None:
    """Remove what a failed create built, and its reservation. Best effort: a failure
    here must not hide the error that brought us here."""
    from .fsutil import rmtree

    try:
        if path.is_symlink():
            path.unlink()
        elif path.exists():
            rmtree(path)
    except OSError:
        pass
    try:
        with registry.transaction(timeout=10) as records:
            record = records.get(name)
            if record is not None and record.pid == os.getpid() and record.state == "creating":
                del records[name]
    except (EnvmanError, OSError):
        pass


# -- removing -------------------------------------------------------------------------------
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
                    if not need_dir and os.path.lexists(path):
                        raise EnvmanError(f"{path} is not an environment (it has no "
                                          "pyvenv.cfg); not removing it")
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
    from .fsutil import delete_trash, move_to_trash

    path = store.env_path(name)
    if not store.contains(path):  # cannot happen for a valid name; belt and braces
        raise EnvmanError(f"refusing to remove {path}: it is not inside the store")
    refuse_active(name, path)
    registry = Registry(store)
    trash = None
    link = None
    with env_lock(store, name):
        try:
            with registry.transaction() as records:
                record = records.get(name)
                if path.is_symlink():
                    link = os.readlink(path)
                    path.unlink()  # a linked env: remove the link, never what it points to
                elif path.is_dir():
                    if not is_env_dir(path):
                        if not (record and record.state == "creating" and not pid_alive(record.pid)):
                            raise EnvmanError(
                                f"{path} is not an environment (it has no pyvenv.cfg); not removing it")
                    trash = move_to_trash(path, store.aside_path(name, "trash"))
                elif path.exists():
                    raise EnvmanError(f"{path} is not a directory; not removing it")
                elif record is None:
                    raise EnvNotFound(f"environment {name!r} does not exist", "see 'envman ls'")
                if record is not None:
                    del records[name]
        except BaseException:
            # The registry could not be saved (full disk, permissions): put the env back
            # so that the store still matches the unchanged registry (issue 6).
            with signals_blocked():
                if trash is not None and not path.exists():
                    os.rename(trash, path)
                elif link is not None and not path.is_symlink():
                    os.symlink(link, path)
            raise
    stamp = store.used_stamp(name)  # None when used/ is a link: never delete through it
    try:
        if stamp is not None:
            stamp.unlink()
    except OSError:
        pass
    if trash is not None:
        with signals_blocked():
            delete_trash(trash)
    # Nothing on disk (no directory, no link) means only a stale entry was dropped.
    stale = trash is None and link is None
    return RemoveResult(name, True, note="only the registry entry was left" if stale else None)
