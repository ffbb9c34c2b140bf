"""What ls, show and doctor report about envs: existence, state, health, metadata.

Read-only: nothing here writes to the store, takes a lock or starts Python (``ls`` at
1000 envs must stay cheap). The directories are the truth about which envs
exist, the registry about their metadata; drift is reported in each status.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from . import used
from .errors import EnvNotFound
from .listing import env_facts, status_json
from .locks import build_alive
from .plaindata import field, record
from .registry import EnvRecord, Registry
from .store import Store, is_env_dir

# fsutil is imported where it is used: `ls` without sizes does not need it.


@record
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
        return status_json(self)


def _dir_size(path: Path) -> int | None:
    from .fsutil import dir_size

    return dir_size(path)


class Listing:
    """What every env of one listing shares, looked up once instead of once per env:
    the last-used stamps and what check_health found out about each base interpreter."""

    def __init__(self, store: Store) -> None:
        self.stamps = used.UsedStamps(str(store.used_dir))
        self.bases: dict = {}


def env_status(store: Store, name: str, record: EnvRecord | None, with_size: bool = False,
               listing: Listing | None = None) -> EnvStatus:
    """One env as ls, show and doctor report it: its state (a "creating" entry is a
    build in progress while its creator holds the env's lock, else "interrupted"), its
    file-level health, and its metadata."""
    path = store.root / name
    where = str(path)  # os.path on a str: pathlib's joins cost ~10 us each
    exists, state, health, problems, version, created, project = env_facts(
        where, record, lambda: build_alive(store, name), listing.bases if listing else None)
    last_used = listing.stamps.last_used(name) if listing else used.last_used(store, name)
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
    listing = Listing(store)
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
