"""Output: the only place that decides how things look.

Human output goes through rich on a terminal; it is plain (no colour, no box) when
stdout is not a terminal or NO_COLOR is set. JSON is printed with no decoration.
Errors are one line on stderr: ``envman: error: <what> (<what to do>)``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import lru_cache

# json and typing are not imported here: `envman ls` passes through this module on
# its fast path, where every import counts (~2 ms for json, ~3 ms for typing; issue 8).


def plain(stream=None) -> bool:  # noqa: ANN001
    stream = stream or sys.stdout
    return bool(os.environ.get("NO_COLOR")) or not (hasattr(stream, "isatty") and stream.isatty())


@lru_cache(maxsize=2)
def console(stderr: bool = False):  # noqa: ANN201 - rich is imported lazily
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    is_plain = plain(stream)
    return Console(
        file=stream, highlight=False, soft_wrap=False,
        no_color=is_plain, force_terminal=False if is_plain else None,
        color_system=None if is_plain else "auto",
    )


def error(message: str) -> None:
    sys.stderr.write(f"envman: error: {message}\n")
    sys.stderr.flush()


def note(message: str) -> None:
    """What envman is doing, for --verbose (stderr, so stdout stays the result)."""
    sys.stderr.write(f"envman: {message}\n")
    sys.stderr.flush()


def warning(message: str) -> None:
    sys.stderr.write(f"envman: warning: {message}\n")
    sys.stderr.flush()


def failed(exc: Exception) -> int:
    """An EnvmanError ends the command: its line on stderr (a failing tool's cause and
    hints indented below it), its exit code (the traceback instead when ENVMAN_DEBUG is
    set). With --verbose the tool's whole output comes first."""
    if os.environ.get("ENVMAN_DEBUG"):
        raise exc
    from .logs import verbose

    output = getattr(exc, "output", None)
    if output and verbose():  # the failing tool's whole output, then the summary
        sys.stderr.write(output.rstrip("\n") + "\n")
    error(str(exc))
    return exc.code  # type: ignore[attr-defined]


def interrupted() -> int:
    """Ctrl-C (or SIGTERM/SIGHUP, which envman turns into it): the operation has
    already cleaned up after itself; say so on stderr. Returns the exit status."""
    sys.stderr.write("\n")
    error("interrupted; nothing was left half done")
    return 130


def reader_left() -> int:
    """``envman ls | head``: the reader closed the pipe; that is not an error. Point
    stdout at /dev/null so the interpreter's final flush does not complain."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0


def info(message: str) -> None:
    """A line for the user about what was done (stdout). Plain text even on a terminal:
    it has no styling, and rich would cost ~50 ms to import for it (issue 8)."""
    sys.stdout.write(message + "\n")


def print_json(data: object) -> None:
    import json

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def when(value: datetime | None) -> str:
    if value is None:
        return "-"
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def human_size(n: int | None) -> str:
    if n is None:
        return "-"
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], styles: dict[int, str] | None = None) -> None:
    """A table: rich on a terminal, aligned plain columns otherwise."""
    rows = [list(r) for r in rows]
    if plain():
        widths = [len(h) for h in headers]
        for row in rows:
            widths = [max(w, len(c)) for w, c in zip(widths, row)]
        out = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip()]
        for row in rows:
            out.append("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        sys.stdout.write("\n".join(out) + "\n")
        return
    from rich.table import Table
    from rich.text import Text

    t = Table(box=None, header_style="bold", pad_edge=False)
    for h in headers:
        t.add_column(h)
    for row in rows:
        cells = []
        for i, c in enumerate(row):
            style = (styles or {}).get(i)
            if style == "health":
                style = "green" if c == "ok" else "red"
            cells.append(Text(c, style=style or ""))
        t.add_row(*cells)
    console().print(t)


def report_env_name(name: str) -> None:
    """Tell the shell integration which env a command created: when
    ``ENVMAN_RESULT_FILE`` names a file, the env's name is written there (the shell
    wrapper activates it). Used by new, tmp, cp, mv, import and project new."""
    target = os.environ.get("ENVMAN_RESULT_FILE")
    if target:
        try:
            with open(target, "w", encoding="utf-8") as fh:
                fh.write(name)
        except OSError as exc:
            warning(f"cannot write ENVMAN_RESULT_FILE {target}: {exc}")


SPINNER_DELAY = 0.4  # seconds


@contextmanager
def progress_reporter() -> Iterator:
    """A spinner on stderr while long steps run, when stderr is a terminal. It appears
    once the work has taken SPINNER_DELAY: a plain `envman new` (~0.15 s) is done by
    then and never imports rich for it (~50 ms; issue 8)."""
    if plain(sys.stderr):
        yield lambda _step: None
        return
    import threading

    lock = threading.Lock()
    state: dict = {"step": "working", "status": None, "done": False}

    def start() -> None:
        with lock:
            if not state["done"]:
                state["status"] = console(stderr=True).status(state["step"])
                state["status"].start()

    def update(step: str) -> None:
        with lock:
            state["step"] = step
            if state["status"] is not None:
                state["status"].update(step)

    timer = threading.Timer(SPINNER_DELAY, start)
    timer.daemon = True
    timer.start()
    try:
        yield update
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["status"] is not None:
                state["status"].stop()
