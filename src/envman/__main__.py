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
    try:
        from .cli.fast import try_fast_path

        code = try_fast_path(args)
        if code is not None and program:
            from .cli.fast import end_process

            end_process(code)
        if code is None:
            from .cli.app import run

            code = run(args)
        sys.stdout.flush()  # what is still buffered fails here, not at exit
    except OSError as exc:
        if not _output_failed(exc):
            raise
        from .cli.render import output_failed

        return output_failed(exc)
    return code


def _stdout_refuses() -> bool:
    """Whether standard output still fails: what it refused stays in its buffer, so a
    flush raises again; an error of another file (a temporary file on a full /tmp)
    leaves it flushing fine."""
    try:
        sys.stdout.flush()
    except OSError:
        return True
    return False


def _output_failed(exc: OSError) -> bool:
    """``exc`` is standard output refusing what it was given (``envman ls > /dev/full``,
    a full disk, a device gone): an OSError without a file name, with one of these
    causes, while standard output still refuses to flush (a write through another file
    object, say a temporary file, raises the same error without a name). (A closed pipe
    is not an error: see render.reader_left.)"""
    import errno

    return (exc.filename is None and not isinstance(exc, BrokenPipeError)
            and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO)
            and _stdout_refuses())


if __name__ == "__main__":
    sys.exit(main(program=True))
