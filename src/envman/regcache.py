"""A parsed copy of registry.toml, so that ``envman ls`` does not re-parse it every time.

tomllib is pure Python: a registry of 1000 envs (~200 KB) takes ~35 ms to parse, a
third of what ``ls`` may cost at that size. The parsed document is kept in
``<store>/.envman/registry.cache`` as a marshal dump (loads in ~2 ms), keyed by the
length and CRC-32 of the registry's exact bytes: a cache that does not match the
current file is simply not used, so it can never be stale, and losing, corrupting or
failing to write it only costs one parse. A cache that is a symlink or not a regular
file is neither read nor replaced. What it holds is validated by registry.py exactly as
the registry's own values are (a forged cache is as untrusted as a forged registry).
registry.py is its only user.
"""

from __future__ import annotations

import marshal
import os
import stat
import zlib

from .dates import date, datetime, time

# typing.TYPE_CHECKING without importing typing; pathlib is not imported either (`ls`).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

FORMAT = 1
# TOML's date/time values have no marshal type: stored as (tag, isoformat), lossless.
_TYPES: dict[str, type[date] | type[time]] = {"\0datetime": datetime, "\0date": date,
                                              "\0time": time}
_CONTAINERS = (dict, list, tuple)  # what _decode must look into


def _key(raw: bytes) -> tuple:
    return (FORMAT, len(raw), zlib.crc32(raw))


def _encode(value):
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, datetime):  # before date: a datetime is a date
        return ("\0datetime", value.isoformat())
    if isinstance(value, date):
        return ("\0date", value.isoformat())
    if isinstance(value, time):
        return ("\0time", value.isoformat())
    return value


def _decode(value):
    # Called only for containers: most values are scalars, and a call for each of them
    # was a third of the decoding time at 1000 envs.
    if type(value) is dict:
        return {k: _decode(v) if type(v) in _CONTAINERS else v for k, v in value.items()}
    if type(value) is list:
        return [_decode(v) if type(v) in _CONTAINERS else v for v in value]
    tag, text = value
    return _TYPES[tag].fromisoformat(text)


def load(cache: Path, raw: bytes) -> dict | None:
    """The parsed document of ``raw`` if the cache holds it, else None."""
    try:
        # Never through a symlink, never a FIFO or device: only a regular file is ours.
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(cache, flags)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return None
        with os.fdopen(fd, "rb") as fh:
            key, payload = marshal.loads(fh.read())
        if key != _key(raw):
            return None
        data = _decode(payload)
    except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    # Anything else in it is checked by registry.py as it checks the file's own values.
    return data if type(data) is dict else None


def save(cache: Path, raw: bytes, data: dict) -> None:
    """Best effort: a read-only store or a full disk just means no cache."""
    from .fsutil import atomic_write

    if os.path.islink(cache) or os.path.lexists(cache) and not os.path.isfile(cache):
        return  # not ours to replace; doctor reports it
    try:
        atomic_write(cache, marshal.dumps((_key(raw), _encode(data))), durable=False)
    except (OSError, ValueError):
        pass
