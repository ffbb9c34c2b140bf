"""The only code that replaces or deletes files.

``atomic_write`` never leaves a half-written file under the final name.
``remove_tree`` deletes an env directory in a way a crash cannot leave half-listed:
it is first renamed out of the store's namespace (one atomic step), then deleted.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

from .errors import EnvmanError


def atomic_write(path: Path, data: bytes, mode: int = 0o644, durable: bool = True) -> None:
    """Write ``data`` to ``path``: temp file in the same directory, fsync, os.replace.

    On any failure (full disk, permissions, Ctrl-C) the previous file is untouched and
    the temp file is removed. ``durable=False`` skips the fsyncs, for files that are
    only a cache (a torn one is detected and ignored): ~10 ms less per write here.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if durable:
        _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    # Make the rename itself durable; some filesystems refuse O_RDONLY on dirs.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _retry_writable(func, path, exc: BaseException) -> None:  # noqa: ANN001
    # A read-only file or directory inside an env (some wheels ship them): make it
    # writable and try once more; anything else propagates.
    try:
        parent = os.path.dirname(path)
        os.chmod(parent, os.stat(parent).st_mode | stat.S_IWUSR | stat.S_IXUSR)
        if not os.path.islink(path):
            os.chmod(path, os.stat(path).st_mode | stat.S_IWUSR)
        func(path)
    except OSError:
        raise exc from None


def rmtree(path: Path) -> None:
    """Delete a real directory tree (never follows a symlink at the top)."""
    if path.is_symlink():
        path.unlink()
        return
    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=_retry_writable)
    else:  # pragma: no cover - 3.10/3.11
        shutil.rmtree(path, onerror=lambda f, p, info: _retry_writable(f, p, info[1]))


def move_to_trash(path: Path, target: Path) -> Path | None:
    """Take ``path`` out of the store's namespace in one atomic step.

    A symlink is unlinked (never followed) and None is returned; a directory is renamed
    to ``target`` (``Store.aside_path(name, "trash")``) and that returned, for ``rmtree`` to delete later
    (outside any lock). An interruption after this leaves only trash, which
    ``doctor --fix`` deletes, never a half-deleted env under its own name.
    """
    if path.is_symlink():
        path.unlink()
        return None
    if not path.exists():
        return None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(path, target)
    except OSError as exc:
        raise EnvmanError(f"cannot remove {path}: {exc.strerror or exc}") from exc
    return target


def remove_tree(path: Path, target: Path) -> None:
    """``move_to_trash`` then delete the trash now."""
    target = move_to_trash(path, target)
    if target is not None:
        delete_trash(target)


def delete_trash(target: Path) -> None:
    try:
        rmtree(target)
    except OSError as exc:
        raise EnvmanError(
            f"could not delete the removed environment's files at {target}: {exc}",
            "run 'envman doctor --fix'",
        ) from exc


def dir_size(path: Path) -> int:
    """Bytes used by the files under ``path`` (symlinks not followed)."""
    total = 0
    for root, dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total
