"""envman's logger, made on first use.

Importing logging costs ~5 ms of start-up, and most runs never log anything (``envman
ls`` must stay fast). So modules call ``log.get()`` where they log, and the
CLI's ``on_first_use`` setup (its stderr handler) runs then, not at start-up.
"""

_setup = None


def on_first_use(setup) -> None:  # setup: a callable taking the logger
    """Run ``setup(logger)`` once, when something is first logged."""
    global _setup
    _setup = setup


def get():  # a logging.Logger; logging is not imported at module level, on purpose
    global _setup
    import logging

    logger = logging.getLogger("envman")
    if _setup is not None:
        setup, _setup = _setup, None
        setup(logger)
    return logger
