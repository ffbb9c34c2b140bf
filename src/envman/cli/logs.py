"""Where envman's log records go: warnings as ``envman: warning: ...`` lines on stderr,
debug records too when ENVMAN_DEBUG is set. Used by the typer app and the fast path
(fast.py), so both report registry recovery and the like the same way. The handler
is installed when envman first logs (envman/log.py), so a run that logs nothing never
imports logging."""

from __future__ import annotations

import os

from .. import log


def setup_logging() -> None:
    log.on_first_use(_install)


def _install(logger) -> None:  # a logging.Logger, imported only when envman logs
    import logging

    from . import render

    class StderrWarnings(logging.Handler):
        envman_cli = True

        def emit(self, record: logging.LogRecord) -> None:
            render.warning(record.getMessage())

    if not any(getattr(h, "envman_cli", False) for h in logger.handlers):
        logger.addHandler(StderrWarnings())
    logger.setLevel(logging.DEBUG if os.environ.get("ENVMAN_DEBUG") else logging.WARNING)
    logger.propagate = False
