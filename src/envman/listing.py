"""What an env's status is, and ``envman ls``'s quick reading of the whole store.

status.py (ls -l, show, doctor and every other command) builds each env's status with
``env_facts`` below; ``quick_list`` builds the same statuses for plain ``ls`` and
``ls --json`` without importing what the rest of envman needs (dataclasses, pathlib,
contextlib, the lock and the registry's writer: together more than Python's own
start-up, and ``ls`` must cost about that). It reads the registry through regread.py,
as registry.py does, and judges each env with ``env_facts``, as status.py does, so the
two readings cannot disagree. Whatever it does not handle the usual way, it does not
handle at all: ``quick_list`` returns None and the caller takes the full reading, which
warns, recovers or raises as it always has (a registry that is unreadable, corrupt or
has invalid entries, a state directory that is a link, an env name envman cannot handle,
a build in progress, a store that is not a directory). It prints and writes nothing.
"""

import os

from . import used
from .dates import datetime, timezone
from .envinfo import cfg_version, check_health, health_problems, read_project_file, read_pyvenv_cfg
from .names import existing_name_problem
from .regread import RegistryCorrupt, RegistryUnreadable, decode, read_regular_file, record_problem
from .storeroot import STATE_DIRNAME, is_env_dir, store_root_text, unsafe_state


def env_facts(where: str, record, alive=None, bases: dict | None = None,
              at: tuple[int, str] | None = None) -> tuple:
    """One env as ls, show and doctor report it, from its directory ``where`` and its
    registry ``record`` (an EnvRecord, a ``Record``, or None): (exists, state, health,
    problems, python version, created, project). A "creating" entry is a build in
    progress while ``alive()`` says its creator holds the env's lock, else "interrupted".
    ``bases``: check_health's dict, kept across the envs of one listing. ``at``: the
    store's directory, open, and the env's name in it (quick_list): the usual env's
    files are looked up from there."""
    dir_fd, rel = at if at is not None else (None, where)
    cfg = read_pyvenv_cfg(rel, dir_fd)
    version = cfg_version(cfg) if cfg else ""
    if cfg is not None and record and record.state != "creating":
        # The usual env, a thousand times in a large store's `ls`: registered, its
        # pyvenv.cfg read. The same answers as the general steps below, in fewer.
        problems = health_problems(rel, record.python_version, cfg, version, bases, dir_fd)
        return (True, "ready", "broken" if problems else "ok", problems,
                version or record.python_version,
                record.created or used.file_mtime(f"{where}/pyvenv.cfg"),
                record.project or read_project_file(rel, dir_fd))
    exists = cfg is not None or os.path.isdir(where)
    if record and record.state == "creating":
        state = "creating" if alive() else "interrupted"
    elif record and not exists:
        state = "missing"
    elif record is None:
        state = "unregistered"
    else:
        state = "ready"

    problems = []
    if state in ("creating", "interrupted"):
        health = "incomplete"
        if state == "interrupted":
            problems.append("creation was interrupted; run 'envman doctor --fix'")
    elif not exists:
        health = "missing"
        problems.append("the directory is gone; run 'envman doctor --fix' to drop the entry")
    else:
        result = check_health(where, record.python_version if record else None, cfg=cfg,
                              bases=bases)
        health = result.label
        problems = result.problems

    version = version or (record.python_version if record else "")
    created = record.created if record and record.created else (
        used.file_mtime(os.path.join(where, "pyvenv.cfg")) if exists else None)
    project = (record.project if record and record.project else None) or (
        read_project_file(where) if exists else None)
    return exists, state, health, problems, version, created, project


# The keys of an env's JSON (``ls --json``, ``show --json``), in their order; ``size``
# follows when it was measured.
STATUS_KEYS = ("name", "path", "python", "python_version", "created", "last_used", "project",
               "state", "health", "problems", "backend", "packages", "system_site_packages",
               "temporary")


def iso_text(value: datetime) -> str:
    """``value.isoformat()``: written here for what envman stores and reads (UTC, whole
    seconds, a four-digit year) from a table of two-digit numbers, at half the cost of
    isoformat(), which formats with PyUnicode_FromFormat and asks the timezone for
    its offset (`ls --json` writes one or two per env); anything else by isoformat()."""
    if value.tzinfo is _UTC and not value.microsecond and type(value) is datetime:
        year = value.year
        if year >= 1000:
            two = _TWO
            return (f"{year}-{two[value.month]}-{two[value.day]}T{two[value.hour]}:"
                    f"{two[value.minute]}:{two[value.second]}+00:00")
    return value.isoformat()


_UTC = timezone.utc
_TWO = [f"{n:02d}" for n in range(60)]


def status_values(status) -> tuple:
    """The values of an env's JSON (status_json) for STATUS_KEYS, in their order: a
    tuple, which ``ls --json`` writes column by column (render.print_json_rows) without
    a dict per env."""
    rec = status.record
    created, last_used = status.created, status.last_used
    created = iso_text(created) if created else None
    last_used = iso_text(last_used) if last_used else None
    if rec:
        return (status.name, str(status.path), rec.python, status.python_version or None,
                created, last_used, status.project, status.state,
                status.health, status.problems, rec.backend, rec.packages,
                rec.system_site_packages, rec.temporary)
    return (status.name, str(status.path), None, status.python_version or None,
            created, last_used, status.project, status.state,
            status.health, status.problems, None, [], False, False)


def status_json(status) -> dict:
    """An env's status (status.EnvStatus or ``Entry``) as ``ls --json`` and ``show
    --json`` print it."""
    data = dict(zip(STATUS_KEYS, status_values(status), strict=True))
    if status.size is not None:  # last, as ever
        data["size"] = status.size
    return data


class Record:
    """A valid registry entry's fields as ``ls`` reads them, with registry.EnvRecord's
    defaults (record_problem has checked every value's type). The entry itself is the
    object's attributes and the defaults are the class's, so making one copies nothing:
    a get and an attribute per field cost ~5k instructions per env. Read, never
    changed (the entry is the registry's parsed copy, read for this listing only)."""

    backend = ""
    created = None
    packages: list = []  # shared by the records without packages: never changed
    project = None
    python = ""
    python_version = ""
    state = "ready"
    system_site_packages = False
    temporary = False

    def __init__(self, entry: dict) -> None:
        self.__dict__ = entry


class Entry:
    """One env of ``quick_list``: status.EnvStatus's fields (``path`` as text, no size)."""

    __slots__ = ("created", "health", "last_used", "name", "path", "problems", "project",
                 "python_version", "record", "state")
    size = None

    def __init__(self, name: str, path: str, record: Record | None, facts: tuple,
                 last_used: datetime | None) -> None:
        self.name, self.path, self.record, self.last_used = name, path, record, last_used
        (_, self.state, self.health, self.problems, self.python_version, self.created,
         self.project) = facts

    def to_json(self) -> dict:
        return status_json(self)


class _Unusual(Exception):
    """Something quick_list leaves to the full reading."""


def _join(root: str, name: str) -> str:
    return root + name if root.endswith("/") else f"{root}/{name}"


def _records(state_dir: str) -> dict[str, Record]:
    """registry.Registry.read's records, or _Unusual where Registry.load would do more
    than read them (warn, rebuild, describe an invalid entry's env from its directory)."""
    if unsafe_state(state_dir, "dir"):
        raise _Unusual
    try:
        raw = read_regular_file(f"{state_dir}/registry.toml")
        if raw is None:
            return {}
        _, envs = decode(raw, f"{state_dir}/registry.cache")
    except (RegistryUnreadable, RegistryCorrupt):
        raise _Unusual from None
    records = {}
    for name, entry in envs.items():
        try:
            if record_problem(name, entry) is not None:
                raise _Unusual
        except RecursionError:
            raise _Unusual from None
        record = Record(entry)
        if record.state == "creating":  # is its builder alive? the lock knows (locks.py)
            raise _Unusual
        records[name] = record
    return records


def _env_names(root: str, registered: dict) -> list[str]:
    """store.Store.scan_envs's env names, less the ``registered`` ones (listed in any
    case, their names already checked: no look into their directories here); _Unusual
    where it would find a name envman cannot handle (the full reading warns about it)
    or a store that is not a directory."""
    # listdir, not scandir: most entries are registered envs, skipped by name, and a
    # DirEntry per entry (its name and its path) cost ~0.7M instructions at 1000 envs.
    # The rest is judged by is_env_dir, which follows links as the rule says; a file
    # there (virtualenvwrapper's hooks) costs it one failing stat.
    try:
        entries = os.listdir(root)
    except FileNotFoundError:
        return []
    except OSError:
        raise _Unusual from None
    names = []
    for name in entries:
        if name.startswith(".") or name in registered:
            continue
        if is_env_dir(_join(root, name)):
            if existing_name_problem(name):
                raise _Unusual
            names.append(name)
    return names


def quick_list() -> list[Entry] | None:
    """status.list_envs(store) for ``ls`` and ``ls --json``, as Entry objects, or None
    when the store needs the full reading (see the module's docstring)."""
    root = store_root_text()
    state_dir = _join(root, STATE_DIRNAME)
    try:
        records = _records(state_dir)
        names = set(_env_names(root, records)) | set(records)
    except _Unusual:
        return None
    stamps = used.UsedStamps(f"{state_dir}/used")
    stamped, last_used = stamps.names, stamps.last_used
    prefix = root if root.endswith("/") else f"{root}/"  # _join, once
    get = records.get
    bases: dict = {}
    out = []
    # Each env's files are looked up from the store's directory, held open, rather than
    # from / along the whole path: three lookups per env (pyvenv.cfg, bin/python,
    # .project), ~1 ms less at 1000 envs. Where that cannot be done, by path as ever.
    root_fd = _open_dir(root)
    try:
        for name in sorted(names, key=str.lower):
            where = prefix + name
            record = get(name)
            facts = env_facts(where, record, bases=bases,
                              at=None if root_fd is None else (root_fd, name))
            out.append(Entry(name, where, record, facts,
                             last_used(name) if name in stamped else None))
    finally:
        if root_fd is not None:
            os.close(root_fd)
    return out


_DIR_FDS = os.open in os.supports_dir_fd and os.access in os.supports_dir_fd


def _open_dir(path: str) -> int | None:
    if not _DIR_FDS:
        return None
    try:
        return os.open(path, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
