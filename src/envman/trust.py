"""The trust list: project directories whose own code the user allowed (``envman allow``).

The only module that reads or writes it. It lives beside ``config.toml`` in the user's
config directory (``trusted``), never in the store: trust is the user's, not the
store's. Format (written atomically, under a lock beside it)::

    # envman trust 1
    <sha256 hex><TAB>/real/path/of/the/directory

A directory's digest covers everything from it that auto-activation would run or put
first on PATH: the project-local ``.venv`` (what it is: a link's target, a directory,
a file; its ``pyvenv.cfg``; every entry of its ``bin/``, by name plus link target or
file content) and every file under ``.virtualenvwrapper/`` (links by target, never
followed). Any change to those needs a new ``allow``. Directories are recorded by their
real path (symlinks resolved), so a project reached through a linked path is the same
project.

``check`` answers ``envman allow --check DIR`` on the fast path (the shell calls it
when it enters a project), so this module imports nothing heavy: no typer, no
platformdirs on Linux, no filelock for reading.
"""

from __future__ import annotations

import os
import stat

# For mypy only: not typing.TYPE_CHECKING, as typing (~3 ms) stays off the fast path, and
# pathlib is imported only when the list is written.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

HEADER = "# envman trust 1"
FILENAME = "trusted"
VENV = ".venv"
HOOK_DIR = ".virtualenvwrapper"


def trust_path() -> str:
    """``trusted`` beside config.toml. Spelled out here for $ENVMAN_CONFIG and the XDG
    platforms, as config.config_dir does, so that the fast path imports neither
    config.py (tomllib, dataclasses) nor pathlib: together ~25 ms per project entered."""
    explicit = os.environ.get("ENVMAN_CONFIG")
    if explicit:
        return os.path.join(os.path.dirname(os.path.expanduser(explicit)), FILENAME)
    import sys

    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        xdg = os.environ.get("XDG_CONFIG_HOME", "").strip()
        base = os.path.expanduser(xdg) if xdg else os.path.expanduser("~/.config")
        return os.path.join(base, "envman", FILENAME)
    from .config import config_dir

    return str(config_dir() / FILENAME)


def _bad_dir(directory: str) -> str | None:
    if not directory:
        return "the directory is empty"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in directory):
        return "the directory contains a newline or another control character"
    return None


def resolve_dir(directory: str) -> str:
    """The real path of ``directory``; UsageError when it is not a directory."""
    from .errors import UsageError

    problem = _bad_dir(directory)
    if problem:
        raise UsageError(f"cannot trust {directory!r}: {problem}")
    real = os.path.realpath(os.path.expanduser(directory))
    if not os.path.isdir(real):
        raise UsageError(f"{directory!r} is not a directory")
    if _bad_dir(real):
        raise UsageError(f"cannot trust {real!r}: its path contains a control character")
    return real


# -- what a directory is made of --------------------------------------------------------
class _Digest:
    def __init__(self) -> None:
        import hashlib  # here: ~3-12 ms, and a directory never allowed needs no hash

        self.h = hashlib.sha256()

    def add(self, kind: str, rel: str, data: bytes = b"") -> None:
        # Length-prefixed, so that no two different trees produce the same stream.
        name = os.fsencode(rel)
        self.h.update(b"%s %d %d\0" % (kind.encode(), len(name), len(data)))
        self.h.update(name)
        self.h.update(data)


def _add_entry(d: _Digest, path: str, rel: str) -> str:
    """Add one path, never following a link; returns its kind."""
    try:
        st = os.lstat(path)
    except OSError:
        d.add("absent", rel)
        return "absent"
    if stat.S_ISLNK(st.st_mode):
        d.add("link", rel, os.fsencode(os.readlink(path)))
        return "link"
    if stat.S_ISDIR(st.st_mode):
        d.add("dir", rel)
        return "dir"
    if stat.S_ISREG(st.st_mode):
        try:
            with open(path, "rb") as fh:
                d.add("file", rel, fh.read())
        except OSError as exc:
            d.add("unreadable", rel, str(exc.errno).encode())
        return "file"
    d.add("other", rel, b"%d" % stat.S_IFMT(st.st_mode))
    return "other"


def digest(directory: str) -> str:
    """The sha256 of what ``directory`` would run (see the module docstring)."""
    d = _Digest()
    venv = os.path.join(directory, VENV)
    kind = _add_entry(d, venv, VENV)
    if kind == "link" and os.path.isdir(venv):
        kind = "dir"  # a link to a venv: its target's contents count too
    if kind == "dir":
        _add_entry(d, os.path.join(venv, "pyvenv.cfg"), f"{VENV}/pyvenv.cfg")
        bin_dir = os.path.join(venv, "bin")
        try:
            names = sorted(os.listdir(bin_dir))
        except OSError:
            names = []
            d.add("no-bin", f"{VENV}/bin")
        for name in names:
            _add_entry(d, os.path.join(bin_dir, name), f"{VENV}/bin/{name}")
    hooks = os.path.join(directory, HOOK_DIR)
    if _add_entry(d, hooks, HOOK_DIR) == "dir":
        for root, dirs, files in os.walk(hooks):  # does not descend into linked dirs
            dirs.sort()
            for name in sorted(files) + [n for n in dirs if os.path.islink(os.path.join(root, n))]:
                path = os.path.join(root, name)
                _add_entry(d, path, os.path.relpath(path, directory))
            for name in dirs:
                path = os.path.join(root, name)
                if not os.path.islink(path):
                    d.add("dir", os.path.relpath(path, directory))
    return d.h.hexdigest()


# -- the list ---------------------------------------------------------------------------
def read_list(path: str | os.PathLike | None = None) -> dict[str, str]:
    """{real directory: digest}. A missing, linked, foreign or damaged file trusts nothing
    it cannot read (lines that do not parse are ignored)."""
    path = path or trust_path()
    try:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
    except OSError:
        return {}
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return {}
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            data = fh.read()
    except OSError:
        return {}
    finally:
        if fd >= 0:
            os.close(fd)
    lines = data.decode("utf-8", "surrogateescape").split("\n")
    if not lines or lines[0] != HEADER:
        return {}
    found = {}
    for line in lines[1:]:
        sha, sep, directory = line.partition("\t")
        if sep and len(sha) == 64 and directory.startswith("/"):
            found[directory] = sha
    return found


def _write_list(path: Path, entries: dict[str, str]) -> None:
    from .fsutil import atomic_write  # imports pathlib: fine, allow and deny only

    lines = [HEADER] + [f"{entries[d]}\t{d}" for d in sorted(entries)]
    atomic_write(path, ("\n".join(lines) + "\n").encode("utf-8", "surrogateescape"), mode=0o600)


def _edit(change) -> None:
    from pathlib import Path

    from .errors import EnvmanError
    from .locks import file_lock

    path = Path(trust_path())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvmanError(f"cannot create {path.parent}: {exc.strerror or exc}") from exc
    if os.path.islink(path):
        raise EnvmanError(f"refusing to use {path}: it is a symbolic link",
                          "move it out of the way; envman recreates it")
    with file_lock(path.with_name(FILENAME + ".lock"), "the trust list"):
        entries = read_list(path)
        before = dict(entries)
        change(entries)
        if entries == before and path.exists():
            return  # nothing to change (deny of a directory never allowed)
        try:
            _write_list(path, entries)
        except OSError as exc:
            raise EnvmanError(f"cannot write {path}: {exc.strerror or exc}",
                              "nothing was changed") from exc


def allow(directory: str) -> tuple[str, str]:
    """Trust ``directory`` as it is now: (its real path, the digest recorded)."""
    real = resolve_dir(directory)
    sha = digest(real)
    _edit(lambda entries: entries.__setitem__(real, sha))
    return real, sha


def deny(directory: str) -> tuple[str, bool]:
    """Forget ``directory``: (its real path, whether it was trusted). A directory that
    no longer exists can still be forgotten by the path it was allowed under."""
    from .errors import UsageError

    problem = _bad_dir(directory)
    if problem:
        raise UsageError(f"cannot deny {directory!r}: {problem}")
    expanded = os.path.abspath(os.path.expanduser(directory))
    real = os.path.realpath(expanded)
    was = {}

    def change(entries: dict[str, str]) -> None:
        for key in (real, expanded):
            if key in entries:
                was[key] = entries.pop(key)

    _edit(change)
    return (real if real in was or expanded not in was else expanded), bool(was)


def check(directory: str) -> bool:
    """True when ``directory`` was allowed and nothing it covers changed since;
    UsageError when it is not a directory."""
    real = resolve_dir(directory)
    sha = read_list().get(real)
    return sha is not None and sha == digest(real)


def listing() -> dict[str, str]:
    return read_list()
