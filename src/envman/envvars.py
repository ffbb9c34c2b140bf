"""Per-env variables (``envman vars``): the one owner of an env's variables and of the
shell snippets that apply them.

The truth is ``ENV/.envman-vars.json`` (``{"version": 1, "vars": {KEY: VALUE}}``, in the
order the keys were first set). From it this module writes, after every change, one
snippet per shell family that the shell integration sources on activation (``workon``
and auto-activation) without starting a process:

- ``ENV/.envman-vars.sh`` for bash and zsh: one ``__envman_vars_set`` line per variable,
  passing the variable's state at activation (set or not, and its value) and the new
  value, every value single-quoted;
- ``ENV/.envman-vars.fish`` for fish: one ``__envman_vars_set`` line per variable, values
  in fish's single quotes (only ``\\`` and ``'`` escaped).

The shell keeps what each variable held before in memory and gives it back on
deactivate, byte for byte, or unsets it again (envman.sh / envman.fish,
``__envman_vars_apply`` and ``__envman_vars_restore``); a change made while the env is
active takes effect at the next activation. With no variables left, the three files
are removed. Living inside the env, the variables go with ``rm``; ``cp``, ``mv`` and
``upgrade`` carry them over (``copy``). An env that is a symlink in the store is not
written through (as upgrade, envman does not change an env it does not own).

Keys are shell identifiers (``[A-Za-z_][A-Za-z0-9_]*``) that neither the activation
itself, the shells nor envman use for their own purposes (``RESERVED``); ``PATH`` is
refused with a pointer to ``add-path``. Values are text (UTF-8) without NUL.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from .errors import EnvmanError, UsageError
from .fsutil import atomic_write
from .locks import env_lock
from .status import env_dir
from .store import Store

JSON_NAME = ".envman-vars.json"
SH_NAME = ".envman-vars.sh"
FISH_NAME = ".envman-vars.fish"
FILES = (JSON_NAME, SH_NAME, FISH_NAME)

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
MAX_KEY = 255
MAX_VALUE = 128 * 1024  # an environment block is small; a value this long is a mistake

# Set by activation itself, special to bash, zsh or fish, or the integration's own.
RESERVED = frozenset({
    "VIRTUAL_ENV", "VIRTUAL_ENV_PROMPT", "PYTHONHOME", "PS1", "PS2", "PS3", "PS4",
    "PROMPT", "PROMPT2", "RPROMPT", "RPS1", "PROMPT_COMMAND", "IFS", "PWD", "OLDPWD",
    "SHLVL", "HOME", "SHELL", "BASH_ENV", "ENV", "ZDOTDIR", "SHELLOPTS", "BASHOPTS",
    "WORKON_HOME", "VIRTUAL_ENV_DISABLE_PROMPT", "ENVMAN_PROGRAM",
    "VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV",
    # zsh's lower-case names tied to arrays, and its prompt arrays
    "path", "fpath", "cdpath", "manpath", "mailpath", "module_path", "psvar", "prompt",
    # fish's read-only and special variables
    "argv", "status", "pipestatus", "fish_pid", "hostname", "history", "version",
    "last_pid", "status_generation", "umask", "fish_kill_signal", "_",
})
_RESERVED_PREFIXES = ("__envman", "_em_", "_OLD_VIRTUAL_", "BASH_", "ZSH_", "fish_")

_SH_HEADER = ("# Written by 'envman vars' from .envman-vars.json; edits here are lost.\n"
              "# Sourced by envman.sh on activation: __envman_vars_set NAME WAS_SET OLD NEW\n")
_FISH_HEADER = ("# Written by 'envman vars' from .envman-vars.json; edits here are lost.\n"
                "# Sourced by envman.fish on activation: __envman_vars_set NAME VALUE\n")


def validate_key(key: str) -> str:
    if key == "PATH":
        raise UsageError("PATH cannot be set with 'envman vars': activation puts the env's "
                         "bin/ first and gives PATH back on deactivate",
                         "to put directories on the env's Python path use "
                         "'envman add-path NAME DIR'")
    if not key:
        raise UsageError("a variable name is empty", "write KEY=VALUE")
    if not _KEY.match(key) or len(key) > MAX_KEY:
        raise UsageError(f"{key!r} is not a valid variable name",
                         "use letters, digits and _, not starting with a digit")
    if key in RESERVED or key.startswith(_RESERVED_PREFIXES):
        raise UsageError(f"{key} cannot be set with 'envman vars': the shell or envman "
                         "sets it itself")
    return key


def validate_value(key: str, value: str) -> str:
    if "\0" in value:
        raise UsageError(f"the value of {key} holds a NUL character, which no environment "
                         "variable can hold")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(f"the value of {key} is not valid UTF-8 text",
                         "envman vars keeps text values only") from None
    if len(value.encode("utf-8")) > MAX_VALUE:
        raise UsageError(f"the value of {key} is longer than {MAX_VALUE} bytes")
    return value


def parse_assignments(items: Sequence[str], environ: Mapping[str, str] | None = None
                      ) -> dict[str, str]:
    """``KEY=VALUE`` words (the value may hold anything, ``=`` too). A bare ``KEY`` takes
    its value from ``environ`` (the caller's environment): moving a variable that a
    postactivate hook exported is then ``envman vars NAME set KEY`` in the active env."""
    if not items:
        raise UsageError("nothing to set", "write KEY=VALUE...")
    source: Mapping[str, str] = os.environ if environ is None else environ
    result: dict[str, str] = {}
    for item in items:
        key, eq, value = item.partition("=")
        validate_key(key)
        if not eq:
            if key not in source:
                raise UsageError(f"{key} is not set in this shell",
                                 f"write {key}=VALUE, or export {key} first")
            value = source[key]
        result[key] = validate_value(key, value)
    return result


def read_vars(env: Path) -> dict[str, str]:
    """An env's variables (empty when it has none). A damaged file is an error that says
    how to start again, never silently an empty set."""
    path = env / JSON_NAME
    if path.is_symlink():
        raise EnvmanError(f"{path} is a symlink; envman does not read variables through one",
                          "remove it")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise EnvmanError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        data = json.loads(raw.decode("utf-8"))
        values = data["vars"]
        if data.get("version") != 1 or not isinstance(values, dict):
            raise ValueError("unknown format")
        for key, value in values.items():
            if not isinstance(value, str):
                raise ValueError(f"{key} is not a string")
            validate_key(key)
            validate_value(key, value)
    except (ValueError, KeyError, TypeError, AttributeError, UsageError) as exc:
        raise EnvmanError(f"{path} is damaged ({exc})",
                          "remove the .envman-vars.* files in the env and set the "
                          "variables again") from None
    return dict(values)


def sh_quote(value: str) -> str:
    """A bash/zsh word that is exactly ``value``: single quotes hold everything but
    ``'`` itself, which is written as ``'\\''``."""
    return "'" + value.replace("'", "'\\''") + "'"


def fish_quote(value: str) -> str:
    """A fish word that is exactly ``value``: in fish's single quotes only ``\\`` and
    ``'`` are special (POSIX quoting is wrong for fish when a backslash is involved)."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def sh_snippet(values: dict[str, str]) -> str:
    # The key is a plain identifier (validated), safe bare in ${KEY+x} and ${KEY-}.
    lines = [f'__envman_vars_set {key} "${{{key}+x}}" "${{{key}-}}" {sh_quote(value)}\n'
             for key, value in values.items()]
    return _SH_HEADER + "".join(lines)


def fish_snippet(values: dict[str, str]) -> str:
    lines = [f"__envman_vars_set {key} {fish_quote(value)}\n" for key, value in values.items()]
    return _FISH_HEADER + "".join(lines)


def _write_all(env: Path, values: dict[str, str]) -> None:
    """The truth first, then the snippets made from it: a failure part way leaves a
    truth that the next change writes out again. No variables: no files."""
    try:
        if not values:
            for name in FILES:
                try:
                    (env / name).unlink()  # a symlink in the way goes itself, never its target
                except FileNotFoundError:
                    pass
            return
        data = json.dumps({"version": 1, "vars": values}, ensure_ascii=False, indent=1)
        atomic_write(env / JSON_NAME, (data + "\n").encode("utf-8"))
        atomic_write(env / SH_NAME, sh_snippet(values).encode("utf-8"))
        atomic_write(env / FISH_NAME, fish_snippet(values).encode("utf-8"))
    except OSError as exc:
        raise EnvmanError(f"cannot write the variables of {env.name!r}: "
                          f"{exc.strerror or exc}") from exc


def list_vars(store: Store, name: str) -> dict[str, str]:
    return read_vars(env_dir(store, name))


def _writable_env(store: Store, name: str) -> Path:
    """The env's directory, when envman may write in it: never through a symlink in the
    store (an env linked in from elsewhere is not envman's to change)."""
    env = env_dir(store, name)
    if env.is_symlink():
        raise EnvmanError(f"cannot change the variables of {env.name!r}: it is a symlink to "
                          f"{os.readlink(env)}, an env envman does not own",
                          f"'envman cp {env.name} NEWNAME' makes a store copy you can change")
    return env


def set_vars(store: Store, name: str, assignments: dict[str, str]) -> dict[str, str]:
    env = _writable_env(store, name)
    with env_lock(store, env.name):
        values = read_vars(env)
        values.update(assignments)
        _write_all(env, values)
    return values


def unset_vars(store: Store, name: str, keys: Sequence[str]) -> list[str]:
    """Remove KEYs; returns those that were not set (nothing to do for them)."""
    if not keys:
        raise UsageError("nothing to unset", "name the variables: unset KEY...")
    for key in keys:
        if "=" in key:
            raise UsageError(f"{key!r}: unset takes names only", "write unset KEY...")
        validate_key(key)
    env = _writable_env(store, name)
    with env_lock(store, env.name):
        values = read_vars(env)
        missing = [key for key in keys if key not in values]
        for key in keys:
            values.pop(key, None)
        _write_all(env, values)
    return missing


def copy(src: Path, dst: Path) -> None:
    """Give the env ``dst`` (being built by cp, mv or upgrade) the variables of ``src``."""
    values = read_vars(src)
    if values:
        _write_all(dst, values)
