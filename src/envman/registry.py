"""The registry: envman's metadata about each env, in ``<store>/.envman/registry.toml``.

The only module that reads or writes it. Every change runs as a transaction:
take the store lock (locks.py), read, adopt env directories that have no entry, let the caller
modify the records, write a temp file beside the registry, fsync, ``os.replace``.
A registry that does not parse is never overwritten: it is moved aside with a
timestamp and rebuilt from the directories (which are the truth about which envs
exist), with a warning; read-only commands keep working meanwhile.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from . import log, regcache
from .envinfo import cfg_version, read_project_file, read_pyvenv_cfg
from .errors import EnvmanError
from .locks import env_lock, file_lock, lock_timeout  # noqa: F401 - env_lock, lock_timeout: re-exported for modules written before locks.py
from .store import Store

SCHEMA_VERSION = 1
STATES = ("creating", "ready")


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


@dataclass
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
    def from_toml(cls, name: str, data: dict) -> "EnvRecord":
        known = _record_keys()
        values = {k: v for k, v in data.items() if k in known}
        extra = {k: v for k, v in data.items() if k not in known}
        record = cls(name=name, **values)
        record.extra = extra
        if record.created is not None and not isinstance(record.created, datetime):
            record.created = None
        if record.state not in STATES:
            record.state = "ready"
        return record


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


def _toml_loads(text: str) -> dict:
    # Imported here: with the parsed copy (regcache.py) most runs never parse (~2 ms).
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib.loads(text)


class RegistryCorrupt(Exception):
    pass


class Registry:
    def __init__(self, store: Store) -> None:
        self.store = store
        # Set by _parse when the file was written by a newer envman: readable, not writable.
        self.newer_schema: int | None = None

    # -- reading ------------------------------------------------------------------------
    def _parse(self) -> dict[str, EnvRecord]:
        try:
            raw = self.store.registry_path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise EnvmanError(f"cannot read {self.store.registry_path}: {exc}") from exc
        try:
            data = regcache.load(self.store.registry_cache_path, raw)
            if data is None:
                data = _toml_loads(raw.decode("utf-8"))
            schema = data.get("schema", SCHEMA_VERSION)
            envs = data.get("envs", {})
            if not isinstance(schema, int) or not isinstance(envs, dict):
                raise ValueError("unexpected structure")
            if schema > SCHEMA_VERSION:
                self.newer_schema = schema
            return {
                name: EnvRecord.from_toml(name, entry)
                for name, entry in envs.items()
                if isinstance(entry, dict)
            }
        except (UnicodeDecodeError, ValueError, TypeError) as exc:  # TOMLDecodeError is a ValueError
            raise RegistryCorrupt(str(exc)) from exc

    def load(self) -> dict[str, EnvRecord]:
        """The records, for read-only use. Never fails on a corrupt registry."""
        try:
            return self._parse()
        except RegistryCorrupt:
            pass
        try:
            with self.transaction(timeout=2.0) as records:
                return dict(records)
        except EnvmanError as exc:
            # A read-only store, or a busy lock: list from the directories alone.
            log.get().warning("registry unreadable and not rebuilt (%s); listing directories", exc)
            return self._rebuild()

    def _rebuild(self) -> dict[str, EnvRecord]:
        return {name: record_from_dir(self.store, name) for name in self.store.env_names()}

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
        with file_lock(self.store.lock_path, "the store", timeout):
            try:
                records = self._parse()
            except RegistryCorrupt as exc:
                self._move_aside(str(exc))
                records = self._rebuild()
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
            if after != before or not self.store.registry_path.exists():
                self._save(records)

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
