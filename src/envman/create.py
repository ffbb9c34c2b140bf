"""Creating an env: reserve the name, build at the final path, mark it ready last.

Ordering that keeps the store safe:
- names are validated and inputs checked before anything is written;
- the env's lock is taken before the name is reserved and held until the env is ready
  or cleaned up, so a "creating" entry whose lock nobody holds is a build that died;
- the name is reserved (state "creating") and the env's directory made, exclusively,
  in one registry transaction; the build fills that directory;
- on any failure or Ctrl-C, cleanup removes the directory only while the path still
  holds the one this run made (aside.remove_made), and drops only its own reservation.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from . import aside
from .envinfo import cfg_version, read_pyvenv_cfg
from .errors import EnvExists, EnvmanError, UsageError
from .interrupts import interrupts_as_keyboardinterrupt, signals_blocked
from .locks import build_alive, env_lock
from .names import lookalike, validate_project_path
from .plaindata import record
from .registry import EnvRecord, Registry, now
from .status import EnvStatus, env_status
from .store import Store, is_env_dir

# backends, config, fsutil and pythons are imported where they are used: `ls` and
# `show` (the fast path) need none of them and they cost ~15 ms to import.


@record
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
    # The caller already holds env_lock(store, name) (cp, mv, upgrade).
    env_locked: bool = False
    # The caller has already reserved the name for this process (upgrade keeps its env's
    # name reserved while the old env is aside); on failure the reservation is left to
    # the caller, which puts the old env back.
    reserved: bool = False
    # The name comes from mkvirtualenv: virtualenvwrapper's looser name rule.
    virtualenvwrapper_name: bool = False


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
    """The path for a new env ``name``, or EnvExists saying what already has the name (an
    env, a build in progress, or something that is not an env: a file, a symlink, a
    foreign directory). ``records``: the registry as read inside the caller's
    transaction, under the name's lock (build_env reserves the name so); without it the
    registry is read, as cp/mv/import/project new do before any work starts."""
    path = store.env_path(name)
    locked = records is not None
    # Unlocked, what is at the path is seen before the registry is read: a build saves
    # its reservation before it makes the directory, so a directory seen first has its
    # entry in the registry read next and is never taken for a stranger's.
    kind = None if locked else _path_kind(path)
    if records is None:
        records = Registry(store).load()
    record = records.get(name)
    if record is not None and record.state == "creating":
        # Holding the name's lock ourselves, no other build of it can be alive.
        if not locked and build_alive(store, name):
            raise EnvExists(f"environment {name!r} already exists: another envman is "
                            "building or rebuilding it now", "pick another name or wait")
        raise EnvExists(f"environment {name!r} already exists, half-made: its creation "
                        "was interrupted", "'envman doctor --fix' removes it")
    if record is not None or is_env_dir(path):
        raise EnvExists(f"environment {name!r} already exists",
                        f"pick another name or remove it with 'envman rm {name}'")
    if locked:
        kind = _path_kind(path)
    if kind == "symlink":
        raise EnvExists(f"{path} is a symlink to {os.readlink(path)}, not an environment",
                        "pick another name or remove the link yourself")
    if kind == "dir":
        raise EnvExists(f"{path} is a directory that is not an environment (it has no "
                        "pyvenv.cfg)", "pick another name or move it out of the store")
    if kind == "file":
        raise EnvExists(f"{path} is a file (a hook script?), not an environment",
                        "pick another name")
    return path


def _path_kind(path: Path) -> str | None:
    if path.is_symlink():
        return "symlink"
    if path.is_dir():
        return "dir"
    return "file" if path.exists() else None


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
    return build_env(store, name, opts, progress)[0]


def build_env(store: Store, name: str, opts: CreateOptions,
              progress: Callable[[str], None] = lambda _: None) -> tuple[EnvStatus, aside.Made]:
    """create_env, also returning the directory it made (for a caller that may have to
    take the new env back out, as mv does when it cannot retire the source)."""
    from . import backends
    from .config import load_config
    from .pythons import resolve

    # A rebuild (cp, mv, upgrade: the caller holds the lock and checked the name) keeps
    # the name as given; a new env's name passes the strict rule, in NFC (or mkvirtualenv's).
    name = (store.existing_name(name) if opts.env_locked
            else store.new_name(name, opts.virtualenvwrapper_name))
    reqs, project = _check_inputs(opts)
    config = load_config()
    backend = backends.choose(opts.backend or config.default_backend)
    if not opts.with_pip and backend == "venv" and (opts.packages or reqs):
        raise UsageError("installing packages with --no-pip needs the uv backend",
                         "drop --no-pip or use --backend uv")
    interp = resolve(opts.python or config.default_python)
    if opts.packages or reqs:
        # A bad ENVMAN_PIP_CONFIG or pip.conf is bad input: said before the name is
        # reserved, so the store is left exactly as it was.
        from . import pipconfig

        pipconfig.for_uv(None)
    if not opts.env_locked and lookalike(name):
        from . import log

        log.get().warning("%s", lookalike(name))
    registry = Registry(store)
    lock: AbstractContextManager[None]
    if opts.env_locked:
        lock = nullcontext()
    else:
        if not store.root.is_dir():
            store.ensure()  # says clearly when the store cannot be created
        # Fail fast; checked again under the locks. An unsafe state path (a planted
        # symlink) is left for the transaction below to refuse, in one line.
        if not store.state_problems():
            check_name_free(store, name)
        # While another command holds the name's lock, stop waiting as soon as it has
        # reserved the name: "already exists" now beats "busy" in 30 s.
        lock = env_lock(store, name, give_up=lambda: check_name_free(store, name))
    made: aside.Made | None = None
    record: EnvRecord | None = None
    reserved_here = False  # this call saved a reservation of its own, to drop on failure
    with lock:
        try:
            with interrupts_as_keyboardinterrupt():
                with registry.transaction() as records:
                    if opts.reserved:
                        _check_own_reservation(store, name, records)
                    else:
                        check_name_free(store, name, records)
                    records[name] = EnvRecord(
                        name=name, path=str(store.env_path(name)), python=interp.executable,
                        python_version=interp.version, created=now(), backend=backend,
                        project=project, packages=list(opts.packages), requirements=reqs,
                        system_site_packages=opts.system_site_packages, state="creating",
                        pid=os.getpid(), temporary=opts.temporary,
                    )
                reserved_here = not opts.reserved
                # The directory is made once the reservation is saved: a directory in
                # the store with no entry is then never a build of envman's.
                try:
                    # Signals wait until `made` is set: a Ctrl-C between the mkdir and
                    # the assignment would leave a directory cleanup does not know of.
                    with signals_blocked():
                        made = aside.make_env_dir(store, name)
                except OSError as exc:
                    raise EnvmanError(f"cannot create {store.env_path(name)}: "
                                      f"{exc.strerror or exc}") from exc

                def clear_partial() -> None:
                    # uv failed part-way: start again in a fresh directory of our own.
                    nonlocal made
                    if made is None or not aside.remove_made(store, made):
                        raise EnvmanError(f"{store.env_path(name)} changed while it was built")
                    with signals_blocked():
                        made = aside.make_env_dir(store, name)

                path = made.path
                used = backends.create_venv(
                    path, interp, backend, with_pip=opts.with_pip,
                    system_site_packages=opts.system_site_packages, prompt=opts.prompt,
                    progress=progress, clear=clear_partial,
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
                    record = records.get(name)
                    if record is None or record.state != "creating" or record.pid != os.getpid():
                        raise EnvmanError(f"the reservation of {name!r} was removed while it "
                                          "was built (by 'envman doctor --fix'?)")
                    if not made.still_there():
                        raise EnvmanError(f"{path} changed while it was built")
                    record.state = "ready"
                    record.backend = used
                    record.python_version = cfg_version(cfg) or interp.version
                    record.pid = opts.owner_pid if opts.temporary else None
        except BaseException:
            with signals_blocked():
                _undo_create(store, registry, name, made, drop_reservation=reserved_here)
            raise
    assert made is not None and record is not None
    return env_status(store, name, record), made


def _check_own_reservation(store: Store, name: str, records: dict[str, EnvRecord]) -> None:
    record = records.get(name)
    if record is None or record.state != "creating" or record.pid != os.getpid():
        raise EnvmanError(f"environment {name!r} is no longer reserved for this command")
    path = store.env_path(name)
    if os.path.lexists(path):
        raise EnvExists(f"{path} appeared while {name!r} was being rebuilt; left it as it is")


def _undo_create(store: Store, registry: Registry, name: str, made: aside.Made | None,
                 drop_reservation: bool) -> None:
    """Remove what a failed create built (only the directory this run made, and only
    while its path still holds it), and its own reservation. Best effort: a failure
    here must not hide the error that brought us here."""
    if made is not None:
        try:
            aside.remove_made(store, made)
        except (EnvmanError, OSError):
            pass
    if not drop_reservation:
        return  # none was saved, or it is the caller's (upgrade puts its env back)
    try:
        with registry.transaction(timeout=10) as records:
            record = records.get(name)
            if record is not None and record.pid == os.getpid() and record.state == "creating":
                del records[name]
    except (EnvmanError, OSError):
        pass
