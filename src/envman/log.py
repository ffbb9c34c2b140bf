"""envman's logger, made on first use.

Importing logging costs ~5 ms of start-up, and most runs never log anything (``envman
ls`` must stay fast). So modules call ``log.get()`` where they log, and the
CLI's ``on_first_use`` setup (its stderr handler) runs then, not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # logging itself is imported on first use, below
    import logging

_setup = None


def on_first_use(setup: Callable[[logging.Logger], None]) -> None:
    """Run ``setup(logger)`` once, when something is first logged."""
    global _setup
    _setup = setup


def get() -> logging.Logger:
    global _setup
    import logging

    logger = logging.getLogger("envman")
    if _setup is not None:
        setup, _setup = _setup, None
        setup(logger)
    return logger
