"""Answers for the hot read-only commands without loading typer or rich.

Only exact, simple command lines are handled here (``--version``, ``path NAME``);
anything else, including every error and ``--help``, returns None and goes to the
full CLI, so behaviour and messages stay defined in one place (cli/).
"""

from __future__ import annotations

import sys


def try_fast_path(args: list[str]) -> int | None:
    if args == ["--version"]:
        from . import __version__

        sys.stdout.write(f"envman {__version__}\n")
        return 0
    if len(args) == 2 and args[0] == "path" and not args[1].startswith("-"):
        from .names import is_valid_name
        from .store import Store, is_env_dir

        if not is_valid_name(args[1]):
            return None
        path = Store.default().root / args[1]
        if not is_env_dir(path):
            return None  # the full CLI reports the error
        sys.stdout.write(f"{path}\n")
        return 0
    return None
