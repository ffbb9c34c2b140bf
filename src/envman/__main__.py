"""``envman`` and ``python -m envman``.

The program's one entry point, and the one module outside ``cli/`` that imports it.
A few common commands are answered by cli/fast.py without importing typer and rich
(~130 ms), because scripts and prompts call them often; every other command line goes
to the typer app.
"""

import sys


def main(argv: list[str] | None = None, *, program: bool = False) -> int:
    """Run one command line (``sys.argv`` when ``argv`` is None) and return its exit
    code. ``program``: the caller is the process's own launcher (scripts/envman,
    ``python -m envman``), which exits with the code at once, so the process may end
    here after a fast-path ``ls`` (cli/fast.py end_process); any other caller gets
    the code back."""
    args = sys.argv[1:] if argv is None else argv
    from .cli.fast import try_fast_path

    code = try_fast_path(args)
    if code is not None and program:
        from .cli.fast import end_process

        end_process(code)
    if code is None:
        from .cli.app import run

        code = run(args)
    return code


if __name__ == "__main__":
    sys.exit(main(program=True))
