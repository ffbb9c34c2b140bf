"""``envman`` and ``python -m envman``.

A few read-only commands are answered here without importing typer and rich
(~130 ms), because scripts and prompts call them often (see fastpath.py); every
other command line goes to the typer app.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from .fastpath import try_fast_path

    code = try_fast_path(args)
    if code is None:
        from .cli.app import run

        code = run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
