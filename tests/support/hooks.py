"""Hook files for the shell tests: written where a test wants them, logging what they
are given to ``$T_LOG``, or existing only for the time of a ``with``."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path


def write_hook(path: Path, body: str, executable: bool = True) -> None:
    """``body`` into ``path`` (its directory made); mode 755 when ``executable`` (a hook
    run as a program needs it; a sourced one, and every .fish hook, does not)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    if executable:
        path.chmod(0o755)


# A hook that logs "<hook> <args> | <cwd>" (and VIRTUAL_ENV's last part) to $T_LOG.
def logging_hook(label: str) -> str:
    return (f'#!/bin/sh\nprintf "%s\\n" "{label} $* | $(pwd) | ${{VIRTUAL_ENV##*/}}" >> "$T_LOG"\n')


def sourced_hook(label: str) -> str:
    # Sourced into a `set -u` shell: every expansion needs a default.
    return ('_t_v="${VIRTUAL_ENV-}"; _t_l="${VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV-}"\n'
            f'printf "%s\\n" "{label} | ${{_t_v##*/}} | ${{_t_l##*/}} | $PWD" >> "$T_LOG"\n')


def pre_post_hooks(directory: Path, pre: str, post: str) -> None:
    """A run hook ``pre`` and a sourced hook ``post`` in ``directory``, both logging."""
    write_hook(directory / pre, logging_hook(pre))
    write_hook(directory / post, sourced_hook(post), executable=False)


@contextlib.contextmanager
def hooks(*written: tuple[Path, str]) -> Iterator[None]:
    """Hook files (path, body; not executable) that exist for the time of a ``with``:
    for hooks inside a module-wide store that other tests must not see."""
    try:
        for path, body in written:
            write_hook(path, body, executable=False)
        yield
    finally:
        for path, _ in written:
            path.unlink(missing_ok=True)
