"""The registry: envman's metadata about each env, in ``<store>/.envman/registry.toml``.

The only module that reads or writes it. Every change runs as a transaction:
take the store lock (locks.py), read, adopt env directories that have no entry, let the caller
modify the records, write a temp file beside the registry, fsync, ``os.replace``.
A registry that does not parse is never overwritten: it is moved aside with a
timestamp and rebuilt from the directories (which are the truth about which envs
exist), with a warning; read-only commands keep working meanwhile.

Everything read is validated as if a stranger typed it: every key must be a name
envman can handle (names.validate_existing_name, so a key never becomes a path outside
the store), every value must have its field's type. A record that fails is quarantined:
left out of the records, reported by ``doctor``, and at the next write kept verbatim in
``registry.toml.quarantined-<time>-<pid>`` beside the registry before it is dropped; an
env directory it described is adopted again from the directory. A record's ``path`` is
never trusted: it is always ``<store>/<name>``. The registry file is opened without
following a symlink; a link, a directory or anything but a regular file in its place
makes the registry unreadable (read commands list the directories), never followed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from . import log, projindex, regcache
from .envinfo import cfg_version, read_project_file, read_pyvenv_cfg
from .errors import EnvmanError
from .locks import file_lock
from .names import existing_name_problem
from .plaindata import asdict, field, fields, record
from .regread import (
    SCHEMA_VERSION,
    STATES,
    RegistryCorrupt,
    RegistryUnreadable,
    _is_toml_value,
    decode,
    read_regular_file,
    record_problem,
)
from .store import Store, is_env_dir, refuse_unsafe, unsafe_state


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


@record
class EnvRecord:
    name: str
    path: str
    python: str = ""
    python_version: str = ""
    created: datetime | None = None
    backend: str = ""
    project: str | None = None
    packages: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    system_site_packages: bool = False
    state: str = "ready"
    # The process that holds a "creating" reservation or owns a temporary env:
    # lets ls/doctor tell a build in progress from one that was killed.
    pid: int | None = None
    temporary: bool = False
    # Keys written by a newer envman, kept as they are.
    extra: dict = field(default_factory=dict)

    def to_toml(self) -> dict:
        data = {k: v for k, v in asdict(self).items() if k not in ("name", "extra")}
        data = {k: v for k, v in data.items() if v is not None and v != [] and v is not False}
        data.update(self.extra)
        return data

    @classmethod
    def from_toml(cls, name: str, data: dict) -> EnvRecord:
        known = _record_keys()
        values = {k: v for k, v in data.items() if k in known}
        values.setdefault("path", "")  # the reader sets it from the name in any case
        extra = {k: v for k, v in data.items() if k not in known}
        record = cls(name=name, **values)
        record.extra = extra
        if record.created is not None and not isinstance(record.created, datetime):
            record.created = None
        if record.state not in STATES:
            record.state = "ready"
        return record


@record
class Quarantined:
    """A registry entry that failed validation, kept as it was read."""
    key: object
    data: object
    reason: str

    @property
    def label(self) -> str:
        """The key, safe to print on one line."""
        if type(self.key) is str and existing_name_problem(self.key) is None:
            return self.key
        return repr(self.key)[:80]


@lru_cache(maxsize=1)
def _record_keys() -> frozenset[str]:
    """The registry keys an EnvRecord has a field for (looked up once, not per record)."""
    return frozenset(f.name for f in fields(EnvRecord)) - {"name", "extra"}


def record_from_dir(store: Store, name: str) -> EnvRecord:
    """Build a record for an env directory envman did not create (virtualenvwrapper's,
    a hand-made venv, or one whose registry entry was lost)."""
    path = store.root / name
    cfg = read_pyvenv_cfg(path) or {}
    home = cfg.get("home", "")
    version = cfg_version(cfg)
    major_minor = ".".join(version.split(".")[:2])
    python = str(Path(home) / f"python{major_minor}") if home and major_minor else ""
    try:
        created = datetime.fromtimestamp(os.stat(path / "pyvenv.cfg").st_mtime, timezone.utc)
        created = created.replace(microsecond=0)
    except OSError:
        created = None
    return EnvRecord(
        name=name,
        path=str(path),
        python=python,
        python_version=version,
        created=created,
        backend="adopted",
        project=read_project_file(path),
        system_site_packages=cfg.get("include-system-site-packages", "").lower() == "true",
    )


class Registry:
    def __init__(self, store: Store) -> None:
        self.store = store
        # Set by read when the file was written by a newer envman: readable, not writable.
        self.newer_schema: int | None = None
        # Set by read: entries that failed validation, left out of the records.
        self.quarantined: list[Quarantined] = []

    # -- reading ------------------------------------------------------------------------
    def read(self) -> dict[str, EnvRecord]:
        """The valid records as the registry file holds them (``quarantined`` lists the
        invalid ones). RegistryCorrupt if the file does not parse; RegistryUnreadable if
        it cannot be read (a directory, a symlink...)."""
        self.quarantined = []
        problem = unsafe_state(self.store.state_dir, "dir")
        if problem:
            raise RegistryUnreadable(f"cannot read the registry: {problem}",
                                     "move it out of the way; envman recreates it")
        raw = read_regular_file(self.store.registry_path)
        if raw is None:
            return {}
        schema, envs = decode(raw, self.store.registry_cache_path)
        if schema > SCHEMA_VERSION:
            self.newer_schema = schema
        records = {}
        prefix = os.path.join(str(self.store.root), "")  # a join per record costs (ls)
        for name, entry in envs.items():
            try:
                problem = record_problem(name, entry)
            except RecursionError:
                problem = "it is nested too deeply"
            if problem is None:
                record = EnvRecord.from_toml(name, entry)
                record.path = prefix + name  # never the recorded one
                records[name] = record
            else:
                self.quarantined.append(Quarantined(name, entry, problem))
        return records

    def load(self) -> dict[str, EnvRecord]:
        """The records, for read-only use. Never fails on a corrupt or unreadable
        registry (then the directories are listed), nor on invalid records (an env
        directory whose record is invalid is described from the directory)."""
        try:
            records = self.read()
        except RegistryUnreadable as exc:
            log.get().warning("%s; listing the environment directories", exc)
            return self.from_directories()
        except RegistryCorrupt:
            try:
                with self.transaction(timeout=2.0) as records:
                    return dict(records)
            except EnvmanError as exc:
                # A read-only store, or a busy lock: list from the directories alone.
                log.get().warning("registry unreadable and not rebuilt (%s); listing directories",
                                  exc)
                return self.from_directories()
        if self.quarantined:
            log.get().warning("%d registry entr%s invalid and ignored ('envman doctor' lists "
                              "them)", len(self.quarantined),
                              "y is" if len(self.quarantined) == 1 else "ies are")
            for bad in self.quarantined:
                name = bad.key
                if (type(name) is str and name not in records
                        and existing_name_problem(name) is None
                        and is_env_dir(self.store.root / name)):
                    records[name] = record_from_dir(self.store, name)
        return records

    def from_directories(self) -> dict[str, EnvRecord]:
        """Records made from the env directories alone (when the registry cannot be
        used): the directories are the truth about which envs exist."""
        return {name: record_from_dir(self.store, name) for name in self.store.env_names()}

    def quarantine_files(self) -> list[Path]:
        """Files of quarantined registry entries kept beside the registry."""
        if unsafe_state(self.store.state_dir, "dir"):
            return []
        try:
            return sorted(self.store.state_dir.glob("registry.toml.quarantined-*"))
        except OSError:
            return []

    def _keep_quarantined(self) -> Path:
        """Write the quarantined entries, verbatim where TOML can hold them, to a new
        file beside the registry, before the registry is rewritten without them."""
        import tomli_w

        from .fsutil import atomic_write

        stamp = time.strftime("%Y%m%dT%H%M%S")
        path = self.store.state_dir / (
            f"registry.toml.quarantined-{stamp}-{os.getpid()}-{os.urandom(2).hex()}")
        doc: dict[str, dict[str, object]] = {"reasons": {}, "envs": {}}
        for i, bad in enumerate(self.quarantined):
            key = bad.key if type(bad.key) is str else f"<key {i}: {bad.key!r}>"
            doc["reasons"][key] = bad.reason
            doc["envs"][key] = bad.data if _is_toml_value(bad.data) else repr(bad.data)
        try:
            text = tomli_w.dumps(doc)
        except (TypeError, ValueError):
            text = repr(doc)
        try:
            atomic_write(path, text.encode("utf-8", "surrogateescape"))
        except OSError as exc:
            raise EnvmanError(f"cannot keep the invalid registry entries in {path}: "
                              f"{exc.strerror or exc}; the registry is unchanged") from exc
        log.get().warning("kept %d invalid registry entr%s in %s", len(self.quarantined),
                          "y" if len(self.quarantined) == 1 else "ies", path)
        return path

    def _move_aside(self, reason: str) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%S")
        aside = self.store.registry_path.with_name(f"registry.toml.corrupt-{stamp}-{os.getpid()}")
        try:
            os.replace(self.store.registry_path, aside)
        except OSError as exc:
            raise EnvmanError(f"cannot move the unreadable registry aside: {exc}") from exc
        log.get().warning(
            "registry %s did not parse (%s); moved it aside to %s and rebuilt it from the store",
            self.store.registry_path, reason, aside,
        )
        return aside

    # -- writing ------------------------------------------------------------------------
    @contextmanager
    def transaction(self, timeout: float | None = None) -> Iterator[dict[str, EnvRecord]]:
        """Lock the store, yield the records for modification, save them atomically.

        Nothing is written if the body raises.
        """
        self.store.ensure()
        refuse_unsafe(self.store.lock_path, "file")  # a lock file is opened for writing
        with file_lock(self.store.lock_path, "the store", timeout):
            try:
                records = self.read()
            except RegistryCorrupt as exc:
                self._move_aside(str(exc))
                records = self.from_directories()
            if self.newer_schema:
                raise EnvmanError(
                    f"the registry uses schema {self.newer_schema}, newer than this envman "
                    f"understands ({SCHEMA_VERSION})",
                    "upgrade envman",
                )
            # Taken before adopting: an adoption is a change to save like any other
            # (doctor --fix reports adopted envs, and a second doctor must find them).
            before = {n: r.to_toml() for n, r in records.items()}
            self._adopt(records)
            yield records
            after = {n: r.to_toml() for n, r in records.items()}
            if self.quarantined:
                self._keep_quarantined()  # kept before the registry is written without them
            if after != before or self.quarantined or not self.store.registry_path.exists():
                self._save(records)
                self.quarantined = []
            # Every change of a project (and of which envs exist) ends in a transaction:
            # the project index follows it here, under the same lock.
            projindex.refresh(self.store)

    def _adopt(self, records: dict[str, EnvRecord]) -> None:
        for name in self.store.env_names():
            if name not in records:
                records[name] = record_from_dir(self.store, name)
                log.get().debug("adopted %s into the registry", name)

    def _save(self, records: dict[str, EnvRecord]) -> None:
        import tomli_w

        from .fsutil import atomic_write

        doc = {
            "schema": SCHEMA_VERSION,
            "envs": {name: records[name].to_toml() for name in sorted(records)},
        }
        raw = tomli_w.dumps(doc).encode("utf-8")
        try:
            atomic_write(self.store.registry_path, raw)
        except OSError as exc:
            raise EnvmanError(
                f"could not write the registry {self.store.registry_path}: "
                f"{exc.strerror or exc}; the previous registry is unchanged"
            ) from exc
        # Written with the registry, never by a reader: read-only commands leave the
        # store untouched (regcache.py).
        regcache.save(self.store.registry_cache_path, raw, doc)
