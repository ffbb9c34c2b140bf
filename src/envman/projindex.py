"""The project index: ``<store>/.envman/projects``, which directory belongs to which env.

The only module that writes or reads it. The shell's auto-activation reads it without
starting a process, to find the env of a directory that is some env's registered
project (``mkproject``, ``project set``, ``new -a``, ``link``) but holds no ``.venv``.

Format (written atomically, by Python only)::

    # envman project index 1
    /abs/project/dir<TAB>envname
    ...

one line per env that has a project, sorted by directory then name. The envs'
``.project`` files are the truth; the index is derived from them and rebuilt after
every registry transaction (which every change of a project goes through: project
set/unset, new -a, mkproject, link/unlink, rm, mv, cp, adoption) and by
``doctor --fix``. It is only a hint: the shell uses an entry DIR -> NAME only when
``<store>/NAME`` is an env whose ``.project`` first line is DIR, so a stale index can
make auto-activation miss a project, never pick a wrong env. A project path the shells
cannot carry (a control character), a relative one or one with a trailing slash is
left out (``.project`` files written by envman never are).
"""

from __future__ import annotations

import os
from pathlib import Path

from .envinfo import read_project_file
from .store import Store, refuse_unsafe, unsafe_state

HEADER = "# envman project index 1"


def index_path(store: Store) -> Path:
    return store.state_dir / "projects"


def _usable(project: str) -> bool:
    return os.path.isabs(project) and (project == "/" or not project.endswith("/"))


def entries(store: Store) -> list[tuple[str, str]]:
    """(directory, env name) for every env of the store with a usable project, as the
    index holds them: read from the ``.project`` files.

    Runs after every registry transaction, so it looks for ``.project`` first (one
    open per store entry; most envs have none) and applies the env and name rules only
    to the entries that have one: ~4x cheaper than ``env_names()`` then a read each."""
    from .names import existing_name_problem
    from .store import is_env_dir

    root = str(store.root)
    try:
        listing = os.listdir(root)
    except OSError:
        return []
    found = []
    for name in listing:
        if name.startswith("."):
            continue
        try:
            fd = os.open(os.path.join(root, name, ".project"), os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            continue  # no project (or not a directory at all)
        os.close(fd)
        env = os.path.join(root, name)
        if existing_name_problem(name) is not None or not is_env_dir(env):
            continue
        project = read_project_file(env)
        if project and _usable(project):
            found.append((project, name))
    return sorted(found)


def render(pairs: list[tuple[str, str]]) -> bytes:
    lines = [HEADER] + [f"{directory}\t{name}" for directory, name in pairs]
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogateescape")


def read(store: Store) -> bytes | None:
    """The index file's bytes; None when it is absent, a link (never followed) or not
    a regular file."""
    path = index_path(store)
    if unsafe_state(store.state_dir, "dir") or unsafe_state(path, "file"):
        return None
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def parse(data: bytes) -> list[tuple[str, str]] | None:
    """The entries of an index file's bytes; None when the header is not ours."""
    lines = data.decode("utf-8", "surrogateescape").split("\n")
    if not lines or lines[0] != HEADER:
        return None
    pairs = []
    for line in lines[1:]:
        if not line:
            continue
        directory, sep, name = line.partition("\t")
        if sep:
            pairs.append((directory, name))
    return pairs


def state(store: Store) -> tuple[str, bytes]:
    """("ok" | "missing" | "stale" | "unsafe", the bytes the index should hold). An
    absent index is "ok" when no env has a project (the shell then finds nothing
    either way)."""
    wanted = render(entries(store))
    path = index_path(store)
    if unsafe_state(store.state_dir, "dir") or unsafe_state(path, "file"):
        return "unsafe", wanted
    current = read(store)
    if current == wanted:
        return "ok", wanted
    if current is None:
        return ("ok" if wanted == render([]) else "missing"), wanted
    return "stale", wanted


def rebuild(store: Store) -> bool:
    """Write the index from the ``.project`` files if it differs; True if written.
    A link or a non-file in its place is refused (StateUnsafe), never written through."""
    from .fsutil import atomic_write

    wanted = render(entries(store))
    if read(store) == wanted:
        return False
    if not store.state_dir.is_dir():
        if not store.root.is_dir():
            return False  # no store yet: nothing to index
        store.ensure()
    refuse_unsafe(store.state_dir, "dir")
    path = index_path(store)
    refuse_unsafe(path, "file")
    # Derived data, rebuilt whenever it is found wrong: atomic, but not worth an fsync.
    atomic_write(path, wanted, durable=False)
    return True


def refresh(store: Store) -> None:
    """``rebuild`` as a step after another change has been saved: that change stands
    whatever happens here, so a failure is a warning (doctor reports the stale index)."""
    from . import log
    from .errors import EnvmanError

    try:
        rebuild(store)
    except (OSError, EnvmanError) as exc:
        log.get().warning("the project index %s was not updated (%s); 'envman doctor' "
                          "reports it", index_path(store), getattr(exc, "strerror", None) or exc)
