"""Where envman's log records go: warnings as ``envman: warning: ...`` lines on stderr,
info records too with --verbose (as ``envman: ...``), debug records when ENVMAN_DEBUG
is set. Used by the typer app and the fast path
(fast.py), so both report registry recovery and the like the same way. The handler
is installed when envman first logs (envman/log.py), so a run that logs nothing never
imports logging."""

import os

from .. import log

_verbose = False


def setup_logging() -> None:
    log.on_first_use(install_handler)


def set_verbose(on: bool) -> None:
    """``--verbose``: say what is being done (info records) and, when a tool fails,
    print its whole output (render.failed)."""
    global _verbose
    _verbose = on
    if on:
        log.get()  # install the handler now, at the info level


def verbose() -> bool:
    return _verbose


def install_handler(logger) -> None:  # a logging.Logger, imported only when envman logs
    import logging

    from . import render

    class StderrWarnings(logging.Handler):
        envman_cli = True

        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                render.warning(record.getMessage())
            else:
                render.note(record.getMessage())

    if not any(getattr(h, "envman_cli", False) for h in logger.handlers):
        logger.addHandler(StderrWarnings())
    level = logging.INFO if _verbose else logging.WARNING
    logger.setLevel(logging.DEBUG if os.environ.get("ENVMAN_DEBUG") else level)
    logger.propagate = False
