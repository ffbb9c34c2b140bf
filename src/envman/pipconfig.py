"""The user's pip configuration, read the way pip reads it, and its equivalent for uv.

envman runs uv with ``--no-config`` (a project's uv.toml in the current directory must
not change how an env in the store is built), and uv never reads pip's files or
``PIP_*`` variables. A user whose pip.conf points at a company index, a wheel directory
or a CA bundle would then get "not found" or TLS errors where pip succeeds. So the
settings that decide where packages come from are read here and handed to uv as
flags (``uv_args``) and environment variables (``uv_environ``).

pip's rules, followed here: files in the order global (each ``$XDG_CONFIG_DIRS/pip/
pip.conf``, then ``/etc/pip.conf``), user (``~/.pip/pip.conf``, then
``$XDG_CONFIG_HOME/pip/pip.conf``), site (``<env>/pip.conf``), then ``PIP_CONFIG_FILE``;
a later file wins key by key. The user files are skipped when ``PIP_CONFIG_FILE`` names
an existing file, and no file is read when it is ``os.devnull``. ``[install]`` beats
``[global]`` whichever file each came from; ``PIP_<OPTION>`` variables beat every file.
An explicit uv setting (``UV_INDEX_URL``, ``UV_FIND_LINKS``, ``UV_CONSTRAINT``, ...)
beats pip's equivalent: the user told uv directly. pip's ``cert`` is passed as
``SSL_CERT_FILE``, which uv reads.

``ENVMAN_PIP_CONFIG=0`` (or ``pip_config = false`` in config.toml) turns the
translation off; pip itself (the venv backend) always reads its own configuration.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from .errors import UsageError
from .plaindata import record

# pip option -> (kind, the uv variables that, when set, mean the user configured uv
# directly for the same thing and pip's value must not be passed).
OPTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "index-url": ("str", ("UV_INDEX_URL", "UV_DEFAULT_INDEX")),
    "extra-index-url": ("list", ("UV_EXTRA_INDEX_URL", "UV_INDEX")),
    "find-links": ("list", ("UV_FIND_LINKS",)),
    "no-index": ("bool", ("UV_NO_INDEX",)),
    # pip's cert replaces SSL_CERT_FILE: pip itself ignores that variable, and many
    # machines set it for every tool, so it says nothing about this user's index.
    "cert": ("str", ()),
    "trusted-host": ("list", ("UV_INSECURE_HOST",)),
    "constraint": ("list", ("UV_CONSTRAINT",)),
}
# Options whose values are paths: pip expands a leading ~ in them.
_PATHS = {"find-links", "cert", "constraint"}
_TRUE = {"1", "true", "yes", "on", "y", "t"}
_FALSE = {"0", "false", "no", "off", "n", "f"}
PYPI = "https://pypi.org/simple"


@record(frozen=True)
class Setting:
    """One pip setting: its value (str, list of str, or bool, by its OPTIONS kind) and
    where it came from (a file path or a variable name)."""

    value: str | list[str] | bool
    source: str


def enabled(environ: Mapping[str, str] | None = None) -> bool:
    """Whether pip's configuration is passed on to uv: ``ENVMAN_PIP_CONFIG`` (0/1) if set,
    else config.toml's ``pip_config`` (default true)."""
    environ = os.environ if environ is None else environ
    explicit = environ.get("ENVMAN_PIP_CONFIG", "").strip().lower()
    if explicit:
        if explicit in _TRUE | _FALSE:
            return explicit in _TRUE
        raise UsageError(f"ENVMAN_PIP_CONFIG must be 0 or 1, not {explicit!r}")
    from .config import load_config

    return load_config().pip_config


def config_files(environ: Mapping[str, str], site: Path | None) -> list[str]:
    """The files pip reads, lowest priority first (missing ones are skipped later)."""
    env_file = environ.get("PIP_CONFIG_FILE")
    if env_file == os.devnull:
        return []
    home = environ.get("HOME") or os.path.expanduser("~")
    if sys.platform == "darwin":
        global_dirs = ["/Library/Application Support/pip"]
        user_dir = os.path.join(home, "Library", "Application Support", "pip")
        if not os.path.isdir(user_dir):
            user_dir = os.path.join(home, ".config", "pip")
    else:
        xdg_dirs = environ.get("XDG_CONFIG_DIRS") or "/etc/xdg"
        global_dirs = [os.path.join(os.path.expanduser(d), "pip")
                       for d in xdg_dirs.split(os.pathsep) if d]
        user_dir = os.path.join(environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config"),
                                "pip")
    files = [os.path.join(d, "pip.conf") for d in global_dirs] + ["/etc/pip.conf"]
    isolated = _truthy(environ.get("PIP_ISOLATED_MODE", ""))
    if not isolated and not (env_file and os.path.exists(env_file)):
        files += [os.path.join(home, ".pip", "pip.conf"), os.path.join(user_dir, "pip.conf")]
    if site is not None:
        files.append(str(site / "pip.conf"))
    if env_file:
        files.append(env_file)
    return files


def read(site: Path | None = None, environ: Mapping[str, str] | None = None) -> dict[str, Setting]:
    """pip's effective value of each option in OPTIONS that is set, for installs into the
    env at ``site`` (whose own pip.conf counts, as it does for that env's pip)."""
    import configparser

    environ = os.environ if environ is None else environ
    found: dict[str, dict[str, tuple[str, str]]] = {"global": {}, "install": {}}
    for file in config_files(environ, site):
        parser = configparser.RawConfigParser()
        try:
            with open(file, encoding="utf-8") as handle:
                parser.read_file(handle)
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            continue
        except (OSError, UnicodeDecodeError, configparser.Error) as exc:
            reason = " ".join(str(exc).split())  # configparser's messages span lines
            raise UsageError(f"cannot read pip's configuration {file}: {reason}",
                             "fix it, or set ENVMAN_PIP_CONFIG=0") from None
        for section, values in found.items():
            if parser.has_section(section):
                for key, value in parser.items(section):
                    key = key.replace("_", "-").removeprefix("--")
                    if key in OPTIONS and value.strip():  # pip ignores empty values
                        values[key] = (value, file)
    raw = {**found["global"], **found["install"]}
    if not _truthy(environ.get("PIP_ISOLATED_MODE", "")):
        for key in OPTIONS:
            var = "PIP_" + key.upper().replace("-", "_")
            if environ.get(var, "").strip():
                raw[key] = (environ[var], var)
    return {key: Setting(_parse(key, value, source), source)
            for key, (value, source) in raw.items()}


def _truthy(value: str) -> bool:
    return value.strip().lower() in _TRUE


def _parse(key: str, value: str, source: str) -> str | list[str] | bool:
    kind = OPTIONS[key][0]
    if kind == "bool":
        word = value.strip().lower()
        if word not in _TRUE | _FALSE:
            raise UsageError(f"{key} = {value!r} in {source} is not true or false")
        return word in _TRUE
    if kind == "list":
        # pip splits a multi-value setting on any whitespace (newlines in files).
        items = value.split()
        return [os.path.expanduser(i) if key in _PATHS else i for i in items]
    value = value.strip()
    return os.path.expanduser(value) if key in _PATHS else value


@record(frozen=True)
class Translation:
    """What to add to a uv command line and its environment, and what was left out because
    an explicit uv setting wins."""

    args: list[str]
    environ: dict[str, str]
    settings: dict[str, Setting]  # the ones passed on
    overridden: dict[str, tuple[str, str]]  # pip option -> (uv variable that won, pip's source)

    def describe(self) -> list[str]:
        """One line per setting passed on, saying where it came from (for --verbose)."""
        lines = [f"{key}: {_show(s.value)} (from {s.source})" for key, s in self.settings.items()]
        lines += [f"{key}: {var} wins over pip's setting from {source}"
                  for key, (var, source) in self.overridden.items()]
        return lines


def translate(settings: dict[str, Setting], environ: Mapping[str, str] | None = None,
              *, constraints: bool = True) -> Translation:
    """pip's settings as uv flags and variables. ``constraints`` is False for commands that
    resolve nothing (``uv venv``), which have no ``--constraint``."""
    environ = os.environ if environ is None else environ
    args: list[str] = []
    env: dict[str, str] = {}
    used: dict[str, Setting] = {}
    overridden: dict[str, tuple[str, str]] = {}
    for key, setting in settings.items():
        winner = next((var for var in OPTIONS[key][1] if environ.get(var, "").strip()), None)
        if winner:
            overridden[key] = (winner, setting.source)
            continue
        if key == "constraint" and not constraints:
            continue
        used[key] = setting
        value = setting.value
        # Each value has its option's kind (_parse): the isinstance checks only say so.
        if key == "index-url" and isinstance(value, str):
            args += ["--index-url", value]
        elif key == "extra-index-url" and isinstance(value, list):
            for url in value:
                args += ["--extra-index-url", url]
        elif key == "find-links" and isinstance(value, list):
            for link in value:
                args += ["--find-links", link]
        elif key == "no-index" and value:
            args.append("--no-index")
        elif key == "cert" and isinstance(value, str):
            env["SSL_CERT_FILE"] = value
        elif key == "trusted-host" and isinstance(value, list):
            for host in value:
                args += ["--allow-insecure-host", host]
        elif key == "constraint" and isinstance(value, list):
            for file in value:
                args += ["--constraint", file]
    return Translation(args, env, used, overridden)


def for_uv(site: Path | None = None, *, constraints: bool = True) -> Translation:
    """The translation to use now: empty when it is switched off."""
    if not enabled():
        return Translation([], {}, {}, {})
    return translate(read(site), constraints=constraints)


def describe_index(site: Path | None = None, environ: Mapping[str, str] | None = None) -> str:
    """Where installs into the env at ``site`` get packages from, and who said so, e.g.
    ``https://example.org/simple (from /etc/pip.conf)``. For ``envman show``, which must
    keep working when pip.conf is broken: then it says why it cannot tell."""
    environ = os.environ if environ is None else environ
    try:
        return _describe_index(site, environ)
    except UsageError as exc:
        return f"unknown: {exc.message}"


def _describe_index(site: Path | None, environ: Mapping[str, str]) -> str:
    uv_index = next((f"{environ[v]} (from {v})" for v in ("UV_DEFAULT_INDEX", "UV_INDEX_URL")
                     if environ.get(v, "").strip()), None)
    if not enabled(environ):
        return (uv_index or f"{PYPI} (default; pip's configuration is not used: "
                            "ENVMAN_PIP_CONFIG=0 or pip_config = false)")
    settings = read(site, environ)
    parts = []
    no_index = settings.get("no-index")
    if no_index and no_index.value and "no-index" not in translate(settings, environ).overridden:
        parts.append(f"none (no-index from {no_index.source})")
    elif environ.get("UV_NO_INDEX", "").strip().lower() in _TRUE:
        parts.append("none (from UV_NO_INDEX)")
    elif uv_index:
        parts.append(uv_index)
    elif "index-url" in settings:
        parts.append(f"{settings['index-url'].value} (from {settings['index-url'].source})")
    else:
        parts.append(f"{PYPI} (default)")
    for key in ("extra-index-url", "find-links"):
        setting = settings.get(key)
        if setting and not any(environ.get(v, "").strip() for v in OPTIONS[key][1]):
            parts.append(f"{key} {_show(setting.value)} (from {setting.source})")
    return "; ".join(parts)


def _show(value: object) -> str:
    if isinstance(value, list):
        return " ".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
