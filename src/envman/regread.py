"""Reading registry.toml: its file, its parsed copy and the rules every record must
follow. registry.py (the only writer) reads through this module, and so does ``envman
ls`` (listing.py), which must not import what writing needs (dataclasses, pathlib,
contextlib and the lock: more than Python's own start-up). What the rules are is
explained in registry.py.
"""

import os
import stat as _stat
import sys

from . import regcache
from .dates import date, datetime
from .dates import time as time_of_day
from .errors import EnvmanError
from .names import existing_name_problem, project_path_problem
from .storeroot import unsafe_state

SCHEMA_VERSION = 1
STATES = ("creating", "ready")


def _is_str_list(value: object) -> bool:
    if type(value) is not list:
        return False
    for item in value:  # a loop, not all(): ls validates every record's lists
        if type(item) is not str:
            return False
    return True


def _is_pid(value: object) -> bool:
    # Not a bool (an int subclass); never 0 or negative: os.kill(-1, 0) asks about
    # every process, and a huge number overflows.
    return type(value) is int and 0 < value < 2**31


def _is_project(value: object) -> bool:
    return type(value) is str and project_path_problem(value) is None


def _is_aware_datetime(value: object) -> bool:
    return type(value) is datetime and value.tzinfo is not None


# What each field of a record must be, as read from disk (registry or its cache):
# most fields are one exact type (checked inline, ``ls`` reads every record), the
# others have a check of their own.
_FIELD_TYPES = {"path": str, "python": str, "python_version": str, "backend": str,
                "system_site_packages": bool, "temporary": bool}
_FIELD_CHECKS = {
    "created": _is_aware_datetime,
    "project": _is_project,
    "packages": _is_str_list,
    "requirements": _is_str_list,
    "state": lambda v: type(v) is str and v in STATES,
    "pid": _is_pid,
}
_TOML_SCALARS = (str, int, float, bool, datetime, date, time_of_day)
# registry.EnvRecord.to_toml's keys for an env with no project, packages or options:
# most records. Their rules (_FIELD_TYPES: str; created, state) are checked inline.
_USUAL_KEYS = ("path", "python", "python_version", "created", "backend", "state")


def _is_toml_value(value: object) -> bool:
    """Something tomli_w can write back (the cache may hold any marshal type)."""
    if type(value) is dict:
        return all(type(k) is str and _is_toml_value(v) for k, v in value.items())
    if type(value) is list:
        return all(_is_toml_value(v) for v in value)
    return isinstance(value, _TOML_SCALARS)


def record_problem(name: object, entry: object) -> str | None:
    """Why the registry entry ``name = entry`` cannot be used, or None."""
    if type(name) is not str:
        return "its key is not a string"
    problem = existing_name_problem(name)
    if problem:
        return problem
    if type(entry) is not dict:
        return f"it is a {type(entry).__name__}, not a table"
    if tuple(entry) == _USUAL_KEYS:
        # The record envman writes for an env made or adopted with defaults, in its
        # order: each value checked as the loop below checks it, without a look-up per
        # key (`ls` checks every record: ~0.5 ms less at 1000 envs). A value that fails
        # is judged by the loop, which says why.
        path, python, python_version, created, backend, state = entry.values()
        if (type(path) is str and type(python) is str and type(python_version) is str
                and type(created) is datetime and created.tzinfo is not None
                and type(backend) is str and type(state) is str and state in STATES):
            return None
    for key, value in entry.items():
        kind = _FIELD_TYPES.get(key)
        if kind is not None:
            if type(value) is not kind:
                return f"{key!r} has a wrong value ({type(value).__name__})"
            continue
        # the two checked fields every record has, inline (_FIELD_CHECKS' rules): `ls`
        # checks every record, and a call each was a fifth of the checking
        if key == "created":
            if type(value) is datetime and value.tzinfo is not None:
                continue
        elif key == "state":
            if type(value) is str and value in STATES:
                continue
        check = _FIELD_CHECKS.get(key)
        if check is None:
            if type(key) is not str or not _is_toml_value(value):
                return f"{key!r} holds a value that cannot be kept"
        elif not check(value):
            return f"{key!r} has a wrong value ({type(value).__name__})"
    return None


class RegistryUnreadable(EnvmanError):
    """The registry exists but cannot be read: a directory, a symlink or another kind
    of file in its place, or no permission."""


def _toml_loads(text: str) -> dict:
    # Imported here: with the parsed copy (regcache.py) most runs never parse (~2 ms).
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib.loads(text)


class RegistryCorrupt(Exception):
    pass


def read_regular_file(path) -> bytes | None:
    """The bytes of ``path``, None if it does not exist; RegistryUnreadable if it is a
    symlink (never followed), not a regular file, or cannot be read."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)  # O_NONBLOCK: a FIFO planted there must not hang us
    except (FileNotFoundError, NotADirectoryError):
        return None  # no registry (the store itself may be missing or a file)
    except OSError as exc:
        problem = unsafe_state(path, "file") or f"{path}: {exc.strerror or exc}"
        raise RegistryUnreadable(f"cannot read the registry: {problem}",
                                 "move it out of the way; 'envman doctor' explains") from exc
    try:
        if not _stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise RegistryUnreadable(f"cannot read the registry: {path} is not a regular file",
                                     "move it out of the way; 'envman doctor' explains")
        with os.fdopen(fd, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise RegistryUnreadable(f"cannot read the registry {path}: {exc.strerror or exc}") from exc


def decode(raw: bytes, cache_path) -> tuple[int, dict]:
    """(schema, envs) of the registry whose bytes are ``raw``: from its parsed copy at
    ``cache_path`` when that matches, else parsed. RegistryCorrupt if it does not parse
    or has the wrong structure. The entries are not validated (record_problem)."""
    try:
        data = regcache.load(cache_path, raw)
        if data is not None and (type(data.get("schema", SCHEMA_VERSION)) is not int
                                 or type(data.get("envs", {})) is not dict):
            data = None  # a forged or damaged cache: the file itself decides
        if data is None:
            data = _toml_loads(raw.decode("utf-8"))
        schema = data.get("schema", SCHEMA_VERSION)
        envs = data.get("envs", {})
        if type(schema) is not int or type(envs) is not dict:
            raise ValueError("unexpected structure")
    # ValueError includes TOMLDecodeError and UnicodeDecodeError.
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:
        raise RegistryCorrupt(str(exc)[:500]) from exc
    return schema, envs
