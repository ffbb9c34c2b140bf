"""Locks: the store lock, the per-env locks, and what they say about liveness.

The only module that takes or probes a lock. Two kinds, always taken in this order:

- the per-env lock ``<store>/.envman/locks/<name>.lock``, held for the whole of any
  command that builds, rebuilds, moves or removes that env (and by ``new`` from before
  it reserves the name until the env is ready or cleaned up);
- the store lock ``<store>/.envman/registry.lock``, held for one registry transaction.

Both are ``flock`` locks: the kernel drops them when the holder dies, so a killed envman
never blocks the next one, and "is the lock held?" is the one trustworthy test of
whether a command is still working on an env. A build's liveness is decided that way
(``build_alive``), never by whether some process has the PID it recorded: PIDs are reused.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import EnvmanError, StoreBusy
from .store import Store

DEFAULT_LOCK_TIMEOUT = 30.0
# How often a waiting command tries the lock again (and `new` looks again at whether
# the name it wants was taken meanwhile).
_POLL = 0.05


def lock_timeout() -> float:
    try:
        return float(os.environ.get("ENVMAN_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT


def _busy(what: str, path: Path, timeout: float) -> StoreBusy:
    return StoreBusy(f"{what} is busy: another envman has held {path} for {timeout:g}s",
                     "try again when it has finished")


# Never through a symlink (the callers refuse one first; this closes the gap between
# their check and the open), never inherited by uv or pip.
_OPEN_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
# flock's answers for "another process holds it"
_HELD = (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES)


@contextmanager
def file_lock(path: Path, what: str, timeout: float | None = None,
              give_up: Callable[[], object] | None = None) -> Iterator[None]:
    """Hold an exclusive flock on ``path`` (created if absent, kept on release so that
    waiters share one inode), trying every 50 ms for up to ``timeout`` seconds (a
    negative timeout waits for as long as it takes). Closing the descriptor releases it,
    and so does the kernel when the holder dies.

    ``give_up`` is called between attempts while waiting; it raises to stop waiting
    (``new`` stops as soon as another command has reserved the name it wants).
    fcntl.flock directly: the filelock package cost ~25-60 ms to import on every
    command that writes (issue 21: `new` at uv's own cost + 5 ms)."""
    timeout = lock_timeout() if timeout is None else timeout
    try:
        fd = os.open(path, _OPEN_FLAGS, 0o644)
    except OSError as exc:
        raise EnvmanError(f"cannot lock {path}: {exc.strerror or exc}",
                          "check the store's permissions") from exc
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in _HELD:
                    raise EnvmanError(f"cannot lock {path}: {exc.strerror or exc}",
                                      "check the store's permissions") from exc
            if timeout >= 0 and time.monotonic() >= deadline:
                raise _busy(what, path, timeout)
            if give_up is not None:
                give_up()
            time.sleep(_POLL)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextmanager
def env_lock(store: Store, name: str, timeout: float | None = None,
             give_up: Callable[[], object] | None = None) -> Iterator[None]:
    """The per-env lock, held through long operations (build, remove, rename, upgrade)
    so that two commands never work on the same env at once."""
    # The store's state and locks directories are made here, and refused (never
    # followed) if they or the lock file are a symlink or the wrong kind of file.
    path = store.env_lock_path(name)
    with file_lock(path, f"environment {name!r}", timeout, give_up):
        yield


@contextmanager
def env_locks(store: Store, names: list[str], timeout: float | None = None) -> Iterator[None]:
    """Several env locks, taken in sorted order so that two commands locking the same
    pair (mv a b and mv b a) cannot each hold one and wait for the other."""
    if not names:
        yield
        return
    first, *rest = sorted(set(names))
    with env_lock(store, first, timeout), env_locks(store, rest, timeout):
        yield


def lock_held(path: Path) -> bool:
    """True if a process holds the flock on ``path`` (as file_lock takes it). Opens the
    file read-only and never creates, follows or changes it, so read-only commands
    (ls, show, doctor) can ask."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False  # absent, a symlink or unreadable: nobody holds it through envman
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        return exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def build_alive(store: Store, name: str) -> bool:
    """Is a command still working on env ``name`` (building it, for a "creating" entry)?
    The creator holds the env lock from before it reserves the name until it is done,
    and the kernel releases it when the creator dies. (Called by the holder itself, it
    answers True: a caller holding the lock knows better and does not ask.)"""
    # The path by hand, not Store.env_lock_path: asking must not create the locks dir
    # (ls and show never write); lock_held never follows a symlink.
    return lock_held(store.locks_dir / f"{name}.lock")


def held_locks(store: Store) -> list[Path]:
    from .store import unsafe_state

    paths = [store.lock_path]
    try:
        # a linked or misplaced state directory is never listed through
        if not unsafe_state(store.state_dir, "dir") and not unsafe_state(store.locks_dir, "dir"):
            paths += sorted(store.locks_dir.glob("*.lock"))
    except OSError:
        pass
    return [p for p in paths if lock_held(p)]


def pid_alive(pid: int | None) -> bool:
    """Is process ``pid`` running? Only for the shell that owns a temporary env (the
    shell holds no lock); never for builds, whose liveness is their lock."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
