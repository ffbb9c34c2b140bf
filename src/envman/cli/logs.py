"""Where envman's log records go: warnings as ``envman: warning: ...`` lines on stderr,
debug records too when ENVMAN_DEBUG is set. Used by the typer app and the fast path
(fastpath.py), so both report registry recovery and the like the same way."""

from __future__ import annotations

import logging
import os

from . import render


class _StderrWarnings(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        render.warning(record.getMessage())


def setup_logging() -> None:
    logger = logging.getLogger("envman")
    if not any(isinstance(h, _StderrWarnings) for h in logger.handlers):
        logger.addHandler(_StderrWarnings())
    logger.setLevel(logging.DEBUG if os.environ.get("ENVMAN_DEBUG") else logging.WARNING)
    logger.propagate = False
