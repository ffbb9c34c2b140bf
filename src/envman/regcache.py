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

import marshal
import os
import stat
import zlib

from .dates import date, datetime, time

# typing.TYPE_CHECKING without importing typing; pathlib is not imported either (`ls`).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

# Format 2 says where its date/time values are, so that loading patches those in place
# instead of rebuilding every table to find them (~1.5 ms of `ls` at 1000 envs). A
# format 1 copy, written by an earlier envman, is still read (readers never rewrite it).
FORMAT = 2
# TOML's date/time values have no marshal type: stored as (tag, isoformat), lossless.
_TYPES: dict[str, type[date] | type[time]] = {"\0datetime": datetime, "\0date": date,
                                              "\0time": time}
_CONTAINERS = (dict, list, tuple)  # what _decode must look into
_PLAIN = (str, int, float, bool)  # what _encode keeps as it is, without a call


def _key(raw: bytes, version: int = FORMAT) -> tuple:
    return (version, len(raw), zlib.crc32(raw))


def _encode(value, found: list, texts: dict):
    """``value`` with its dates and times as (tag, isoformat) pairs. For each pair,
    the table or list holding it and its key there are appended to ``found``: marshal
    writes an object met twice once, so those are references into the document, and
    loading gets them back as the very tables and lists to patch. Equal strings are
    made one object (``texts``), for the same reason: the copy then holds each text
    once (an interpreter path, a date shared by many envs), and loading makes one
    string where it made one per env (1000 envs: ~60 fewer pages of memory touched
    and ~0.7M fewer instructions in `ls`). Strings cannot change, so sharing them
    changes nothing else."""
    if isinstance(value, (dict, list)):
        out: dict | list = {} if isinstance(value, dict) else [None] * len(value)
        for k, v in value.items() if isinstance(value, dict) else enumerate(value):
            if type(v) is str:
                v = texts.setdefault(v, v)
            elif type(v) not in _PLAIN:
                v = _encode(v, found, texts)
                if type(v) is tuple:
                    found += (out, k)
            out[k] = v
        return out
    for kind, tag in ((datetime, "\0datetime"), (date, "\0date"), (time, "\0time")):
        if isinstance(value, kind):  # datetime before date: a datetime is a date
            text = value.isoformat()
            return (tag, texts.setdefault(text, text))
    return value


def _decode(value):
    """A format 1 document: every table and list looked into, rebuilt."""
    # Called only for containers: most values are scalars, and a call for each of them
    # was a third of the decoding time at 1000 envs.
    if type(value) is dict:
        return {k: _decode(v) if type(v) in _CONTAINERS else v for k, v in value.items()}
    if type(value) is list:
        return [_decode(v) if type(v) in _CONTAINERS else v for v in value]
    tag, text = value
    return _TYPES[tag].fromisoformat(text)


def _patch(doc: dict, found: list) -> dict:
    """A format 2 document: each pair ``found`` points at replaced by its value, in
    place. A forged pointer that leads nowhere raises (the file is parsed instead); a
    pair no pointer leads to stays a tuple, which no registry field may hold, so the
    registry's checks refuse its entry as they would refuse it in the file."""
    types = _TYPES
    it = iter(found)
    for holder, k in zip(it, it, strict=False):  # an odd last item is ignored
        tag, text = holder[k]
        holder[k] = types[tag].fromisoformat(text)
    return doc


def load(cache: "Path", raw: bytes) -> dict | None:
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
        mine = _key(raw)
        if key == mine:
            doc, found = payload
            data = _patch(doc, found)
        elif key == (1, *mine[1:]):
            data = _decode(payload)
        else:
            return None
    except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError, AttributeError,
            RecursionError):
        return None
    # Anything else in it is checked by registry.py as it checks the file's own values.
    return data if type(data) is dict else None


def save(cache: "Path", raw: bytes, data: dict) -> None:
    """Best effort: a read-only store or a full disk just means no cache."""
    from .fsutil import atomic_write

    if os.path.islink(cache) or os.path.lexists(cache) and not os.path.isfile(cache):
        return  # not ours to replace; doctor reports it
    try:
        found: list = []
        doc = _encode(data, found, {})
        atomic_write(cache, marshal.dumps((_key(raw), (doc, found))), durable=False)
    except (OSError, ValueError):
        pass
