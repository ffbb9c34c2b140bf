"""Where the store is and which of its entries are envs, as plain text: the rules
store.py's ``store_root`` and ``is_env_dir`` follow, written without pathlib, so that
``envman path NAME`` (cli/fast.py) costs little more than Python's start-up (importing
pathlib and dataclasses, as store.py does, costs more than that start-up itself).
store.py owns the store's layout and re-exports these; nothing here writes anything.
"""

import os
import stat

# The store's own directory (registry, locks, used stamps); store.py owns the layout.
STATE_DIRNAME = ".envman"


def pathlib_text(value: str) -> str:
    """``str(PurePosixPath(value))`` without pathlib: repeated slashes and ``.`` parts
    dropped (``..`` kept), no trailing slash, exactly two leading slashes kept (POSIX
    leaves their meaning to the system, and pathlib keeps them)."""
    root = ""
    if value[:1] == "/":
        root = "//" if value[:2] == "//" and value[2:3] != "/" else "/"
    parts = [p for p in value.split("/") if p and p != "."]
    if not parts:
        return root or "."
    return root + "/".join(parts)


def join_text(base: str, child: str) -> str:
    """``str(Path(base) / child)``, both spelled as pathlib spells them."""
    base, child = pathlib_text(base), pathlib_text(child)
    if child[:1] == "/":
        return child
    if child == ".":
        return base
    if base == ".":
        return child
    return base + child if base.endswith("/") else f"{base}/{child}"


def store_root_text() -> str:
    """``$WORKON_HOME`` (relative values are relative to $HOME), else ``~/.virtualenvs``,
    spelled as pathlib spells it. Symlinks are not resolved; the shells' store functions
    spell the root the same way, so an env's path (and $VIRTUAL_ENV) is one string
    everywhere. A value holding a control character is refused (UsageError)."""
    home = os.path.expanduser("~")
    value = os.environ.get("WORKON_HOME", "")
    if not value:
        return join_text(home, ".virtualenvs")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        # The shells refuse it with the same line: fish would split the path at a
        # newline, and no shell can print or read it back a line at a time.
        from .errors import UsageError

        raise UsageError("WORKON_HOME contains a newline or another control character; "
                         "set it to a directory path without one")
    return join_text(home, os.path.expanduser(value))


def is_env_dir(path) -> bool:
    """The env rule: an entry of the store is an environment when it is a directory (a
    symlink to one counts) holding a ``pyvenv.cfg`` file (PEP 405), under a name that
    does not start with a dot (``Store.dir_names`` skips those). Every venv creator
    writes that file (venv, virtualenv >= 20, uv), so a hand-made or virtualenvwrapper
    env qualifies; a virtualenv < 20 env (``bin/activate`` only) does not. The shells
    (``__envman_is_env`` in shell/envman.sh and envman.fish) and the completion files
    apply the same rule. ``path``: a str or a Path."""
    # os.path on a str, not pathlib, and no join: once per env in ls
    return os.path.isfile(f"{os.fspath(path)}/pyvenv.cfg")


def unsafe_state(path, kind: str) -> str | None:
    """Why ``path`` (a str or a Path) cannot be used as envman state of ``kind`` ("dir"
    or "file"), or None when it is fine or absent. Judged by lstat: a symlink is never
    followed. (Here, not in store.py, so that `ls` can check its state without pathlib.)"""
    try:
        st = os.lstat(path)
    except OSError:
        return None  # absent, or not reachable: whatever uses it next says why
    if stat.S_ISLNK(st.st_mode):
        return f"{path} is a symbolic link; envman does not follow links in its state"
    if kind == "dir" and not stat.S_ISDIR(st.st_mode):
        return f"{path} is not a directory"
    if kind == "file" and not stat.S_ISREG(st.st_mode):
        return f"{path} is not a regular file"
    return None
