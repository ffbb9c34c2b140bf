"""datetime's classes, without running datetime.py.

``datetime.py`` defines the whole pure-Python implementation (and imports math and
operator) before replacing it with the C module ``_datetime``'s classes: ~1 ms of
``envman ls``, whose budget is about Python's own start-up. The modules on its path
take the same classes straight from ``_datetime`` here; ``datetime.datetime is
dates.datetime``, so values mix freely with those of modules that import datetime.
"""

# typing.TYPE_CHECKING without importing typing: type checkers read datetime's stubs.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date, datetime, time, timedelta, timezone
else:
    try:
        from _datetime import date, datetime, time, timedelta, timezone
    except ImportError:  # pragma: no cover - an interpreter without the C module
        from datetime import date, datetime, time, timedelta, timezone

__all__ = ["date", "datetime", "time", "timedelta", "timezone"]
