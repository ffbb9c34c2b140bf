"""Taking envs out of their place and putting them back: the only code that does.

An env leaves ``<store>/<name>`` in one atomic rename, into the aside area
``<store>/.envman/aside/<name>.<id>.<kind>`` under a name this process chose:

- ``trash``: being deleted (rm, mv's source, a failed build, doctor's clean-ups);
  deleted from there, so a crash never leaves a half-deleted env under its own name;
- ``upgrading``: the old env kept while ``upgrade`` builds its replacement, put back
  if the rebuild fails (or by ``doctor --fix`` if upgrade was killed).

The rule that keeps a race from deleting a healthy env: a process deletes only what it
created in this run, identified by something it made, never by a path it computed.
``make_env_dir`` creates an env's directory exclusively and records its inode;
``remove_made`` removes the path only while it still holds that directory. Trash is
deleted only under the fresh name this process gave it.

Callers hold the env's lock (locks.py) and, for a change the registry must agree
with, the store lock too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import EnvmanError
from .plaindata import record
from .store import Store


@record(frozen=True)
class Made:
    """A directory this process created: where, and which inode it is."""
    path: Path
    dev: int
    ino: int

    def still_there(self, path: Path | None = None) -> bool:
        try:
            st = os.lstat(path or self.path)
        except OSError:
            return False
        return stat.S_ISDIR(st.st_mode) and (st.st_dev, st.st_ino) == (self.dev, self.ino)


def make_dir(path: Path) -> Made:
    """Create ``path`` exclusively and record its inode; fails (FileExistsError) if
    anything has the name."""
    os.mkdir(path, 0o777)
    st = os.lstat(path)
    return Made(path, st.st_dev, st.st_ino)


def make_env_dir(store: Store, name: str) -> Made:
    """Create env ``name``'s directory; fails (FileExistsError) if anything has the name."""
    return make_dir(store.env_path(name))


def _aside_dir(store: Store) -> Path:
    """The aside area, created on first use; refused (never followed) if it or the state
    directory is a symlink or a file."""
    return store.state_subdir(store.aside_dir)


def take_out(store: Store, name: str, kind: str) -> Path | None:
    """Move env ``name`` out of its place into the aside area; return where it went.

    A symlink in the store (a linked env) is unlinked, never followed, and None is
    returned; so is None when nothing is there."""
    path = store.env_path(name)
    if not store.contains(path):  # cannot happen for a valid name; belt and braces
        raise EnvmanError(f"refusing to move {path}: it is not inside the store")
    if path.is_symlink():
        path.unlink()
        return None
    if not path.exists():
        return None
    _aside_dir(store)
    target = store.aside_path(name, kind)
    try:
        os.rename(path, target)
    except OSError as exc:
        raise EnvmanError(f"cannot move {path} aside: {exc.strerror or exc}") from exc
    return target


def put_back(store: Store, kept: Path, name: str) -> bool:
    """Return an env kept aside to its place, if the place is free (else leave both)."""
    path = store.env_path(name)
    if os.path.lexists(path):
        return False
    os.rename(kept, path)
    return True


def put_back_link(store: Store, name: str, target: str) -> bool:
    """Return a linked env's symlink (``take_out`` unlinked it) to its place, if free."""
    path = store.env_path(name)
    if os.path.lexists(path):
        return False
    os.symlink(target, path)
    return True


def delete(store: Store, kept: Path) -> None:
    """Delete an entry of the aside area (trash this process named, or an old copy
    upgrade kept, or what doctor found there)."""
    from .fsutil import rmtree

    if os.path.abspath(kept.parent) != os.path.abspath(store.aside_dir):
        raise EnvmanError(f"refusing to delete {kept}: it is not in the aside area")
    try:
        rmtree(kept)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise EnvmanError(f"could not delete the removed environment's files at {kept}: {exc}",
                          "run 'envman doctor --fix'") from exc

def remove(store: Store, name: str) -> None:
    """``take_out`` to the trash, then delete the trash now (doctor's clean-ups)."""
    kept = take_out(store, name, "trash")
    if kept is not None:
        delete(store, kept)


def remove_made(store: Store, made: Made) -> bool:
    """Remove the directory this process made, if its path still holds it. The path is
    first renamed to a trash name this process chose, and that is checked again: a
    directory some other command swapped in meanwhile is put back, never deleted."""
    if not made.still_there():
        return False
    name = made.path.name
    try:
        kept = take_out(store, name, "trash")
    except EnvmanError:
        return False
    if kept is None:
        return False
    if not made.still_there(kept):
        put_back(store, kept, name)
        return False
    delete(store, kept)
    return True
