"""Who else could run code in the user's shell through envman's hooks.

The shell integration sources or runs hook files from the hook directory (the store by
default: virtualenvwrapper's global hooks, and fish's ``NAME.fish``) and from each env's
``bin/``. Whoever can write one of those files, or a directory they live in, can put
code into the user's shell. As ssh does for keys, envman says so: the shells once per
shell, ``doctor`` with every path and the fix.

The rule (the same in the shells): a path is unsafe when others can write it, or its
group can and that group is not the user's own primary group (a user-private group
under umask 002 is not a stranger), or it belongs to another user (root aside).
Symlinks are judged by their target, the file that is actually read.
"""

from __future__ import annotations

import os
import shlex
import stat
from dataclasses import dataclass
from pathlib import Path

from .names import GLOBAL_HOOKS

# The hook names the shells run (shell/envman.sh's __envman_global_hooks, kept in
# names.py with the name rules, and __envman_local_hooks; a test keeps them equal).
# fish's are the same plus ".fish".
LOCAL_HOOKS = ("predeactivate", "postdeactivate", "preactivate", "postactivate",
               "get_env_details")


@dataclass(frozen=True)
class UnsafePath:
    path: Path
    problem: str  # what is wrong, in words
    fix: str  # the command that fixes it


def _judge(path: Path) -> UnsafePath | None:
    try:
        st = path.stat()  # the target of a symlink: what the shell reads
    except OSError:
        return None
    quoted = shlex.quote(str(path))
    if st.st_uid not in (os.geteuid(), 0):
        return UnsafePath(path, f"owned by another user (uid {st.st_uid}), who could put "
                          "code into your shell through envman's hooks",
                          f"chown \"$(id -un)\" {quoted}")
    if st.st_mode & stat.S_IWOTH or (st.st_mode & stat.S_IWGRP and st.st_gid != os.getgid()):
        return UnsafePath(path, "writable by group or others, who could put code into your "
                          "shell through envman's hooks", f"chmod go-w {quoted}")
    return None


def _candidates(store_root: Path, hook_dir: Path) -> list[Path]:
    paths = [store_root, store_root / ".envman"]
    if hook_dir != store_root:
        paths.append(hook_dir)
    for name in GLOBAL_HOOKS:
        paths += [hook_dir / name, hook_dir / f"{name}.fish"]
    try:
        entries = sorted(os.scandir(store_root), key=lambda e: e.name)
    except OSError:
        entries = []
    for entry in entries:
        if entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
            continue
        bin_dir = Path(entry.path) / "bin"
        if not bin_dir.is_dir():
            continue
        paths.append(bin_dir)
        for name in LOCAL_HOOKS:
            paths += [bin_dir / name, bin_dir / f"{name}.fish"]
    return paths


def unsafe_paths(store_root: Path, hook_dir: Path | None = None) -> list[UnsafePath]:
    """Every path through which another user could run code in the user's shell, in a
    stable order. ``hook_dir``: $VIRTUALENVWRAPPER_HOOK_DIR, else the store."""
    if hook_dir is None:
        configured = os.environ.get("VIRTUALENVWRAPPER_HOOK_DIR")
        hook_dir = Path(configured) if configured else store_root
    found = (_judge(path) for path in _candidates(store_root, hook_dir) if os.path.lexists(path))
    return [finding for finding in found if finding is not None]
