"""add-path, site-packages and global-site-packages: where an env's Python looks.

add-path writes virtualenvwrapper's ``_virtualenv_path_extensions.pth`` in exactly the
format ``add2virtualenv`` writes (a first and a last ``import`` line moving the added
entries to the front of sys.path, one absolute directory per line between them, the
newest first), so either tool can edit a file the other wrote.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from . import log
from .envinfo import read_pyvenv_cfg, site_packages
from .errors import EnvmanError, UsageError
from .fsutil import atomic_write
from .locks import env_lock
from .registry import Registry
from .status import env_dir
from .store import Store

PTH_NAME = "_virtualenv_path_extensions.pth"
PTH_HEAD = "import sys; sys.__plen = len(sys.path)"
PTH_TAIL = ("import sys; new=sys.path[sys.__plen:]; del sys.path[sys.__plen:]; "
            "p=getattr(sys,'__egginsert',0); sys.path[p:p]=new; sys.__egginsert = p+len(new)")


def site_packages_dir(store: Store, name: str) -> Path:
    site = site_packages(env_dir(store, name))
    if site is None:
        raise EnvmanError(f"environment {name!r} has no site-packages directory",
                          "check it with 'envman show'")
    return site


def read_paths(store: Store, name: str) -> list[str]:
    pth = site_packages_dir(store, name) / PTH_NAME
    try:
        lines = pth.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    return [ln for ln in lines if ln.strip() and not ln.startswith("import")]


def add_paths(store: Store, name: str, dirs: Sequence[str], remove: bool = False) -> list[str]:
    """Add (or remove) directories; returns the absolute paths acted on. Relative
    paths are made absolute against the current directory, as add2virtualenv does."""
    name = store.existing_name(name)
    if not dirs:
        raise UsageError("no directory given")
    absolute = [os.path.abspath(os.path.expanduser(d)) for d in dirs]
    if "\n" in "".join(absolute):
        raise UsageError("a directory name with a newline cannot go in a .pth file")
    pth = site_packages_dir(store, name) / PTH_NAME
    if not remove:
        for path in absolute:
            if not os.path.isdir(path):
                # add2virtualenv adds it anyway (it may be created later): so do we, but say so.
                log.get().warning("%s is not a directory (added anyway)", path)
    with env_lock(store, name):
        current = read_paths(store, name)
        if remove:
            for path in absolute:  # add2virtualenv -d ignores these silently; we say so
                if path not in current:
                    log.get().warning("%s is not among %r's added paths", path, name)
            kept = [p for p in current if p not in absolute]
        else:
            kept = list(current)
            for path in absolute:  # add2virtualenv inserts each after the first line
                if path not in kept:
                    kept.insert(0, path)
        _write(pth, "\n".join([PTH_HEAD, *kept, PTH_TAIL, ""]).encode("utf-8"))
    return absolute


def _write(path: Path, data: bytes) -> None:
    """atomic_write with a full disk (or any other OS error) as one line: the file is
    left as it was."""
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise EnvmanError(f"cannot write {path}: {exc.strerror or exc}",
                          "the file is unchanged") from exc


def global_site_packages(store: Store, name: str, mode: str) -> bool:
    """Turn the env's access to the base interpreter's site-packages on, off or
    over (``include-system-site-packages`` in pyvenv.cfg). Returns the new state."""
    name = store.existing_name(name)
    if mode not in ("on", "off", "toggle"):
        raise UsageError(f"unknown mode {mode!r}", "use on, off or toggle")
    env = env_dir(store, name)
    cfg_path = env / "pyvenv.cfg"
    with env_lock(store, name):
        current = (read_pyvenv_cfg(env) or {}).get("include-system-site-packages", "false")
        enabled = {"on": True, "off": False}.get(mode, current.lower() != "true")
        value = "true" if enabled else "false"
        lines = cfg_path.read_text(encoding="utf-8").splitlines()
        out, done = [], False
        for line in lines:
            if line.partition("=")[0].strip().lower() == "include-system-site-packages":
                out.append(f"include-system-site-packages = {value}")
                done = True
            else:
                out.append(line)
        if not done:
            out.append(f"include-system-site-packages = {value}")
        _write(cfg_path, ("\n".join(out) + "\n").encode("utf-8"))
        with Registry(store).transaction() as records:
            if name in records:
                records[name].system_site_packages = enabled
    return enabled
