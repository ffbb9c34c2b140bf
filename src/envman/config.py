"""User settings from ``config.toml``.

Location: ``$ENVMAN_CONFIG`` if set, else ``config.toml`` in platformdirs' user config
dir. Every key is optional::

    default_python = "3.12"     # what -p means when it is not given
    default_backend = "auto"    # auto | uv | venv
    pip_config = true           # pass pip's index/find-links/cert settings on to uv
    [shell]
    compat = true               # define virtualenvwrapper's command names
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import ConfigError
from .plaindata import record

BACKENDS = ("auto", "uv", "venv")


@record(frozen=True)
class Config:
    default_python: str | None = None
    default_backend: str = "auto"
    shell_compat: bool = True
    pip_config: bool = True
    path: Path | None = None


_XDG = ("linux", "freebsd", "openbsd", "netbsd")


def config_path() -> Path:
    explicit = os.environ.get("ENVMAN_CONFIG")
    if explicit:
        return Path(os.path.expanduser(explicit))
    if sys.platform.startswith(_XDG):
        return config_dir() / "config.toml"
    import platformdirs  # imported here: it costs ~15 ms and most commands never need it

    return Path(platformdirs.user_config_dir("envman", appauthor=False)) / "config.toml"


def config_dir() -> Path:
    """The directory of ``config.toml``, where user state beside it lives (trust.py's
    list). Without platformdirs on Linux and the BSDs, where its answer is
    ``$XDG_CONFIG_HOME/envman`` else ``~/.config/envman``: ``envman allow --check`` runs
    each time the shell enters a project, ``envman new`` reads the config, and importing
    platformdirs costs ~15 ms."""
    if os.environ.get("ENVMAN_CONFIG"):
        return config_path().parent
    if sys.platform.startswith(_XDG):
        xdg = os.environ.get("XDG_CONFIG_HOME", "").strip()
        base = Path(os.path.expanduser(xdg)) if xdg else Path(os.path.expanduser("~/.config"))
        return base / "envman"
    return config_path().parent


def load_config() -> Config:
    path = config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    # imported only when there is a file to parse: ~15 ms (`new` reads the config)
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}", "fix or remove the file") from exc

    python = data.get("default_python")
    if python is not None and (not isinstance(python, str) or not python.strip()):
        raise ConfigError(f"{path}: default_python must be a non-empty string")
    backend = data.get("default_backend", "auto")
    if backend not in BACKENDS:
        raise ConfigError(
            f"{path}: default_backend must be one of {', '.join(BACKENDS)}, not {backend!r}"
        )
    shell = data.get("shell", {})
    compat = shell.get("compat", True) if isinstance(shell, dict) else True
    if not isinstance(compat, bool):
        raise ConfigError(f"{path}: shell.compat must be true or false")
    pip_config = data.get("pip_config", True)
    if not isinstance(pip_config, bool):
        raise ConfigError(f"{path}: pip_config must be true or false")
    return Config(default_python=python, default_backend=backend, shell_compat=compat,
                  pip_config=pip_config, path=path)
