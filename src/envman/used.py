""""Last used" stamps: ``<store>/.envman/used/<name>``, whose mtime is when the env was
last activated.

The shell's ``workon`` touches them (one shell function per shell); on the Python side
``move_stamp`` is the only code that changes them (rm and doctor drop an env's stamp,
mv carries it to the new name), and this module the only code that reads them. Neither
goes through a symlink: the directory is opened with O_NOFOLLOW and entries are renamed
or unlinked relative to it, so a planted link can neither redirect the directory nor
have its target changed.
"""

import os
import stat

from .dates import datetime, timezone

# store.py (dataclasses, pathlib) is not imported: `ls` reads the stamps without it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from .store import Store


def file_mtime(path: str) -> datetime | None:
    """A file's mtime in UTC to the second, or None when it cannot be read."""
    try:
        return datetime.fromtimestamp(os.stat(path).st_mtime, timezone.utc).replace(microsecond=0)
    except OSError:
        return None


class UsedStamps:
    """The stamps as one listing reads them: one listdir instead of a failing stat per
    env (``ls`` at 1000 envs)."""

    def __init__(self, used_dir: str) -> None:  # the store's used_dir, as text
        self.used_dir = used_dir
        self.names: set[str] = set()
        try:
            self.names = set(os.listdir(self.used_dir))
        except OSError:
            pass

    def last_used(self, name: str) -> datetime | None:
        if name not in self.names:
            return None
        return file_mtime(os.path.join(self.used_dir, name))


def last_used(store: "Store", name: str) -> datetime | None:
    return file_mtime(os.path.join(store.used_dir, name))


def move_stamp(store: "Store", name: str, new_name: str | None) -> None:
    """Carry env ``name``'s stamp to ``new_name``, or drop it (``new_name`` None).
    Best effort: a missing stamp only means the env was never activated."""
    try:
        fd = os.open(store.used_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return  # absent, or a symlink / file someone put there: not ours to change
    try:
        try:
            st = os.stat(name, dir_fd=fd, follow_symlinks=False)
        except OSError:
            return
        if new_name is None or not stat.S_ISREG(st.st_mode):
            os.unlink(name, dir_fd=fd)  # a link is removed itself, never its target
        else:
            os.replace(name, new_name, src_dir_fd=fd, dst_dir_fd=fd)
    except OSError:
        pass
    finally:
        os.close(fd)
