"""The trash: envs that ``envman prune`` took out of the store, kept whole so that
``envman restore`` can put them back exactly (same path, registry record, hook scripts,
project, last use).

This module is the only owner of ``<store>/.envman/trash/``: nothing else creates,
reads or deletes anything there. (doctor's own leftovers live in ``.envman/aside`` and
doctor never looks in here: a trashed env is kept on purpose, not debris.)

Each entry is a directory ``<name>.<id>/`` (``id``: 8 random hex digits, so one name
can be trashed many times) holding:

    meta.json   the env's registry record, when and why it was trashed, where it was,
                its size and last use; written atomically BEFORE the env moves in, so
                an env in the trash always has its record beside it
    env/        the env directory itself, moved in by one rename (absent when the env
                had no directory: a build killed before it made one)

Moving in and out happens under the env's lock, then inside a registry transaction, so
the directory and its registry entry change together; neither is done through a
symlink found in the store. A process deletes only what it created in this run (an
entry whose move failed) or, for ``trash --empty``, the entries the user asked to
delete, and those only after their metadata is gone (a half-deleted entry can never be
restored as if it were whole). Everything read back is validated as if a stranger
wrote it: the entry's name by the name rule, the id's shape, the metadata's types, and
the original path, which must be this store's path for that name.

The renames go through ``_move``: the one place to hand over to the store's owner of
"moving an env aside and back" once there is one.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from . import used
from .errors import EnvExists, EnvmanError, EnvNotFound, UsageError
from .locks import env_lock
from .names import existing_name_problem, validate_existing_name
from .registry import STATES, EnvRecord, Registry, _record_keys, now
from .store import Store

TRASH_DIRNAME = "trash"
META = "meta.json"
ENV = "env"
SCHEMA = 1
_ID = re.compile(r"^[0-9a-f]{8}$")


def trash_dir(store: Store) -> Path:
    return store.state_dir / TRASH_DIRNAME


@dataclass
class TrashEntry:
    name: str
    id: str
    path: Path  # the entry directory
    trashed_at: datetime | None = None
    reasons: list[str] = field(default_factory=list)
    size: int | None = None
    last_used: datetime | None = None
    original_path: str = ""
    record: EnvRecord | None = None
    has_env: bool = False
    problem: str | None = None  # why it cannot be restored (damaged metadata, no env)

    @property
    def restorable(self) -> bool:
        return self.problem is None

    def age(self, at: datetime | None = None) -> timedelta | None:
        if self.trashed_at is None:
            return None
        return (at or now()) - self.trashed_at

    def to_json(self) -> dict:
        return {
            "name": self.name, "id": self.id, "path": str(self.path),
            "trashed_at": self.trashed_at.isoformat() if self.trashed_at else None,
            "reasons": self.reasons, "size": self.size,
            "last_used": self.last_used.isoformat() if self.last_used else None,
            "original_path": self.original_path, "restorable": self.restorable,
            "problem": self.problem,
        }


# -- the area itself ---------------------------------------------------------------------------
def _real_dir(path: Path) -> bool:
    """A directory that is not a symlink (lstat: a link is never followed)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _area(store: Store, create: bool) -> Path | None:
    """The trash directory, checked to be a real directory inside a real state dir;
    None when it does not exist (and ``create`` is False)."""
    root = trash_dir(store)
    if create:
        store.ensure()
    for part in (store.state_dir, root):
        if os.path.islink(part):
            raise EnvmanError(f"{part} is a symlink; envman does not work through it",
                              "replace it with a directory")
    if create:
        try:
            os.mkdir(root, 0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise EnvmanError(f"cannot create the trash {root}: {exc.strerror or exc}") from exc
    if not _real_dir(root):
        if os.path.lexists(root):
            raise EnvmanError(f"{root} is not a directory", "move it out of the way")
        return None
    return root


def _move(src: Path, dst: Path) -> None:
    """Move an env directory (or the entry holding it) in one atomic step. Both sides
    are in the store's filesystem; ``dst`` must not exist."""
    os.rename(src, dst)


# -- reading entries ---------------------------------------------------------------------------
def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


_SCALARS = (str, int, float, bool)
_FIELD_TYPES = {
    "path": str, "python": str, "python_version": str, "backend": str, "state": str,
    "system_site_packages": bool, "temporary": bool,
}


def _plain(value: object, depth: int = 0) -> bool:
    """A value the registry (TOML) can hold: scalars, lists and tables of them."""
    if isinstance(value, _SCALARS):
        return True
    if depth > 4:
        return False
    if isinstance(value, list):
        return all(_plain(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v, depth + 1) for k, v in value.items())
    return False


def _record(name: str, data: object) -> EnvRecord:
    """The registry record kept in an entry's metadata, type by type."""
    if not isinstance(data, dict):
        raise TypeError("record is not a table")
    values: dict = {}
    for key, value in data.items():
        if not isinstance(key, str):
            raise TypeError("record has a non-string key")
        if key == "created":
            value = _parse_time(value)
            if value is None:
                continue
        elif key in _FIELD_TYPES:
            if not isinstance(value, _FIELD_TYPES[key]):
                raise ValueError(f"record field {key!r} has the wrong type")
        elif key == "project":
            if value is not None and not isinstance(value, str):
                raise ValueError("record field 'project' has the wrong type")
        elif key in ("packages", "requirements"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"record field {key!r} is not a list of strings")
        elif key == "pid":
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise ValueError("record field 'pid' has the wrong type")
        elif key not in _record_keys() and not _plain(value):
            raise ValueError(f"record field {key!r} cannot be stored")
        values[key] = value
    record = EnvRecord.from_toml(name, values)
    if record.state not in STATES:
        record.state = "ready"
    return record


def _read_meta(entry: Path) -> dict:
    """meta.json of an entry, opened without following a symlink."""
    fd = os.open(entry / META, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as fh:
        raw = fh.read(1 << 20)
    data = json.loads(raw.decode("utf-8"))
    if not isinstance(data, dict):
        raise TypeError("not a JSON object")
    return data


def _load(store: Store, path: Path, name: str, entry_id: str) -> TrashEntry:
    entry = TrashEntry(name=name, id=entry_id, path=path)
    try:
        meta = _read_meta(path)
        if meta.get("schema") != SCHEMA:
            raise ValueError(f"unknown schema {meta.get('schema')!r}")
        if meta.get("name") != name or meta.get("id") != entry_id:
            raise ValueError("name or id does not match the entry's")
        reasons = meta.get("reasons", [])
        if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
            raise ValueError("reasons is not a list of strings")
        size = meta.get("size")
        if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size < 0):
            raise ValueError("size is not a byte count")
        original = meta.get("original_path")
        if not isinstance(original, str):
            raise TypeError("original_path is not a string")
        had_dir = meta.get("had_dir", True)
        if not isinstance(had_dir, bool):
            raise TypeError("had_dir is not a boolean")
        entry.trashed_at = _parse_time(meta.get("trashed_at"))
        if entry.trashed_at is None:
            raise ValueError("trashed_at is not a time")
        entry.reasons, entry.size, entry.original_path = reasons, size, original
        entry.last_used = _parse_time(meta.get("last_used"))
        entry.record = _record(name, meta.get("record"))
    except FileNotFoundError:
        entry.problem = "it has no metadata (an interrupted prune or emptying)"
        had_dir = True
    except (OSError, ValueError, UnicodeDecodeError, TypeError) as exc:
        entry.problem = f"its metadata is damaged ({exc})"
        had_dir = True
    entry.has_env = _real_dir(path / ENV)
    if entry.problem is None:
        expected = os.path.abspath(store.root / name)
        if os.path.abspath(entry.original_path) != expected:
            entry.problem = f"it was taken from {entry.original_path}, not from this store"
        elif had_dir and not entry.has_env:
            entry.problem = "its env directory is missing"
    if entry.trashed_at is None:
        try:
            entry.trashed_at = datetime.fromtimestamp(os.lstat(path).st_mtime, timezone.utc)
        except OSError:
            pass
    return entry


def parse_entry_name(dirname: str) -> tuple[str, str] | None:
    """(env name, id) of an entry directory's name, or None when it is not one of ours."""
    name, sep, entry_id = dirname.rpartition(".")
    if not sep or not _ID.match(entry_id) or existing_name_problem(name) is not None:
        return None
    return name, entry_id


def entries(store: Store) -> list[TrashEntry]:
    """Every entry in the trash, oldest first. Files that are not entries (a stranger's,
    a symlink) are skipped, never touched."""
    root = _area(store, create=False)
    if root is None:
        return []
    found = []
    for dirname in sorted(os.listdir(root)):
        parsed = parse_entry_name(dirname)
        path = root / dirname
        if parsed is None or not _real_dir(path):
            continue
        found.append(_load(store, path, *parsed))
    epoch = datetime.min.replace(tzinfo=timezone.utc)
    return sorted(found, key=lambda e: (e.trashed_at or epoch, e.name, e.id))


# -- moving in -------------------------------------------------------------------------------
def _write_meta(entry: Path, data: dict) -> None:
    from .fsutil import atomic_write

    atomic_write(entry / META, (json.dumps(data, indent=2, default=str) + "\n").encode("utf-8"),
                 mode=0o600)


def _remove_entry_shell(entry: Path) -> None:
    """Undo an entry this process created whose env did not move in (or moved back out):
    its metadata file, then the (now empty) directory. rmdir never deletes contents."""
    try:
        os.unlink(entry / META)
    except OSError:
        pass
    try:
        os.rmdir(entry)
    except OSError:
        pass


def _record_data(record: EnvRecord) -> dict:
    data = record.to_toml()
    if record.created is not None:
        data["created"] = record.created.isoformat()
    return data


def move_in(store: Store, name: str, reasons: list[str],
            still_wanted: Callable[[EnvRecord | None], str | None] = lambda _: None,
            lock_timeout: float | None = None) -> TrashEntry:
    """Take env ``name`` out of the store into a new trash entry and drop its registry
    entry, in one locked step. ``still_wanted`` is asked again under the locks (the env
    may have been used or rebuilt since it was listed): a returned reason refuses.

    On any failure, including a registry that cannot be saved (a full disk), the env is
    put back and the entry this call made is removed: nothing changed."""
    from .core import signals_blocked
    from .fsutil import dir_size
    from .registry import record_from_dir

    validate_existing_name(name)
    path = store.env_path(name)
    registry = Registry(store)
    root = _area(store, create=True)
    assert root is not None
    entry: Path | None = None
    moved = False
    with env_lock(store, name, timeout=lock_timeout):
        try:
            with registry.transaction() as records:
                record = records.get(name)
                refusal = still_wanted(record)
                if refusal:
                    raise EnvmanError(f"{name}: {refusal}; left in place")
                if os.path.islink(path):
                    raise EnvmanError(f"{path} is a symlink; "
                                      f"remove the link with 'envman rm {name}'")
                had_dir = _real_dir(path)
                if not had_dir and os.path.lexists(path):
                    raise EnvmanError(f"{path} is not a directory; not moving it")
                if not had_dir and record is None:
                    raise EnvNotFound(f"environment {name!r} does not exist", "see 'envman ls'")
                if record is None:
                    record = record_from_dir(store, name)
                last_used = used.last_used(store, name)
                entry_id = os.urandom(4).hex()
                meta = {
                    "schema": SCHEMA, "name": name, "id": entry_id,
                    # to the microsecond: two prunes in one second must still say
                    # which entry is the newest
                    "original_path": str(path),
                    "trashed_at": datetime.now(timezone.utc).isoformat(),
                    "reasons": list(reasons),
                    "size": dir_size(path) if had_dir else 0,
                    "last_used": last_used.isoformat() if last_used else None,
                    "had_dir": had_dir, "pid": os.getpid(),
                    "record": _record_data(record),
                }
                new = root / f"{name}.{entry_id}"
                os.mkdir(new, 0o700)  # fails if it exists: an entry is never reused
                entry = new
                with signals_blocked():
                    _write_meta(entry, meta)
                    if had_dir:
                        _move(path, entry / ENV)
                        moved = True
                    records.pop(name, None)
                # the transaction saves the registry as this block ends
        except BaseException:
            with signals_blocked():
                if moved and entry is not None and not os.path.lexists(path):
                    _move(entry / ENV, path)
                if entry is not None and not os.path.lexists(entry / ENV):
                    _remove_entry_shell(entry)
            raise
    used.move_stamp(store, name, None)  # never through a linked used directory
    return _load(store, entry, name, entry_id)


# -- moving out ------------------------------------------------------------------------------
def find(store: Store, name: str, entry_id: str | None = None) -> TrashEntry:
    """The entry to restore: ``entry_id``'s, else the newest entry of ``name``."""
    validate_existing_name(name)
    if entry_id is not None and not _ID.match(entry_id):
        raise UsageError(f"{entry_id!r} is not a trash id (8 hex digits)", "see 'envman trash'")
    mine = [e for e in entries(store) if e.name == name]
    if entry_id is not None:
        chosen = [e for e in mine if e.id == entry_id]
        if not chosen:
            raise UsageError(f"the trash has no entry {entry_id} for {name!r}",
                             "see 'envman trash'")
        return chosen[0]
    if not mine:
        raise EnvNotFound(f"the trash has no environment {name!r}", "see 'envman trash'")
    return mine[-1]


def _name_taken(store: Store, name: str, records: dict[str, EnvRecord]) -> bool:
    """Taken: something at the path, or a registry entry other than a stale one (a
    ready entry whose directory is gone, as a prune killed before its save leaves)."""
    path = store.env_path(name)
    if os.path.lexists(path):
        return True
    record = records.get(name)
    return record is not None and record.state != "ready"


def _stamp(store: Store, name: str, when: datetime) -> None:
    """Put back the last-used mark (never through a symlink)."""
    try:
        stamps = store.state_subdir(store.used_dir)  # refuses a linked state or used directory
        fd = os.open(stamps / name, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except (EnvmanError, OSError):
        return
    try:
        ts = when.timestamp()
        os.utime(fd, (ts, ts))
    except OSError:
        pass
    finally:
        os.close(fd)


def restore(store: Store, name: str, entry_id: str | None = None) -> TrashEntry:
    """Put a trashed env back exactly where and as it was. Refuses (exit 2) when the
    name is taken now."""
    from .core import signals_blocked

    entry = find(store, name, entry_id)
    if not entry.restorable:
        raise EnvmanError(f"cannot restore {name!r} ({entry.id}): {entry.problem}",
                          "'envman trash --empty' deletes it")
    path = store.env_path(name)
    registry = Registry(store)
    with env_lock(store, name):
        entry = _load(store, entry.path, name, entry.id)  # again, under the lock
        if not _real_dir(entry.path) or not entry.restorable or entry.record is None:
            raise EnvmanError(f"trash entry {entry.id} of {name!r} changed or went away; "
                              "nothing restored", "see 'envman trash'")
        moved = False
        try:
            with registry.transaction() as records:
                if _name_taken(store, name, records):
                    raise EnvExists(
                        f"cannot restore {name!r}: an environment of that name exists now",
                        f"rename or remove it first ('envman mv {name} NEW')")
                record = entry.record
                record.path = str(path)
                with signals_blocked():
                    if entry.has_env:
                        _move(entry.path / ENV, path)
                        moved = True
                    records[name] = record
                # the transaction saves the registry as this block ends
        except BaseException:
            # Not saved (or refused): the env goes back into its entry.
            with signals_blocked():
                if moved and not os.path.lexists(entry.path / ENV):
                    _move(path, entry.path / ENV)
            raise
        # Restored: the entry is only its metadata now; drop it (and its directory, if
        # empty: rmdir never deletes anything else).
        _remove_entry_shell(entry.path)
    if entry.last_used is not None:
        _stamp(store, name, entry.last_used)
    return entry


# -- deleting for good -------------------------------------------------------------------------
def empty(store: Store, older_days: float | None = None) -> tuple[list[TrashEntry], list[str]]:
    """Delete entries for good (all, or those trashed more than ``older_days`` ago).
    Returns (deleted entries, errors). Each is deleted under its env's lock (a restore
    of it may be running), metadata first."""
    from .fsutil import rmtree

    if older_days is not None and older_days < 0:
        raise UsageError(f"--older must be 0 or more days, not {older_days:g}")
    cutoff = now() - timedelta(days=older_days) if older_days is not None else None
    deleted, errors = [], []
    for entry in entries(store):
        if cutoff is not None and entry.trashed_at is not None and entry.trashed_at > cutoff:
            continue
        try:
            with env_lock(store, entry.name, timeout=10):
                if not _real_dir(entry.path):
                    continue  # restored or deleted meanwhile
                try:
                    os.unlink(entry.path / META)
                except FileNotFoundError:
                    pass
                rmtree(entry.path)
        except (EnvmanError, OSError) as exc:
            errors.append(f"{entry.name} ({entry.id}): {exc}")
            continue
        deleted.append(entry)
    return deleted, errors
