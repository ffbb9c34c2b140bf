"""Where things live: the store root, env directories and envman's private state.

Layout (virtualenvwrapper's, so an existing ``~/.virtualenvs`` works unchanged)::

    $WORKON_HOME/<name>/              one virtual environment per directory
    $WORKON_HOME/.envman/registry.toml  metadata (registry.py)
    $WORKON_HOME/.envman/registry.cache  its parsed copy, so `ls` need not re-parse it
    $WORKON_HOME/.envman/registry.lock  the store lock
    $WORKON_HOME/.envman/locks/<name>.lock  per-env locks, beside (never inside) the env
    $WORKON_HOME/.envman/used/<name>   touched by the shell's workon: "last used"
    $WORKON_HOME/.envman/aside/        envs kept aside while their replacement is built

This module only computes paths and answers cheap questions about them; it never
deletes or moves envs (aside.py does) and never reads the registry (registry.py does).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import EnvmanError
from .names import validate_name

STATE_DIRNAME = ".envman"


def store_root() -> Path:
    """``$WORKON_HOME`` (relative values are relative to $HOME), else ``~/.virtualenvs``."""
    home = Path(os.path.expanduser("~"))
    value = os.environ.get("WORKON_HOME", "")
    if not value:
        return home / ".virtualenvs"
    path = Path(os.path.expanduser(value))
    return path if path.is_absolute() else home / path


def is_env_dir(path: Path) -> bool:
    """A directory is an environment when it has ``pyvenv.cfg`` (PEP 405)."""
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))  # not pathlib: once per env in ls


@dataclass(frozen=True)
class Store:
    root: Path

    @classmethod
    def default(cls) -> "Store":
        return cls(store_root())

    # -- envman's private state -------------------------------------------------------
    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIRNAME

    @property
    def registry_path(self) -> Path:
        return self.state_dir / "registry.toml"

    @property
    def registry_cache_path(self) -> Path:
        """A parsed copy of the registry (regcache.py), keyed by the registry's bytes."""
        return self.state_dir / "registry.cache"

    @property
    def lock_path(self) -> Path:
        return self.state_dir / "registry.lock"

    @property
    def locks_dir(self) -> Path:
        return self.state_dir / "locks"

    @property
    def used_dir(self) -> Path:
        return self.state_dir / "used"

    @property
    def aside_dir(self) -> Path:
        return self.state_dir / "aside"

    def aside_path(self, name: str, kind: str) -> Path:
        """A fresh place in the aside dir for env ``name``: ``<name>.<id>.<kind>``. Kinds:
        ``trash`` (being deleted, aside.take_out) and ``upgrading`` (the old env
        kept while ``upgrade`` builds its replacement). doctor finds both by kind."""
        return self.aside_dir / f"{name}.{os.urandom(4).hex()}.{kind}"

    def aside_entries(self, kind: str) -> list[Path]:
        try:
            return sorted(self.aside_dir.glob(f"*.{kind}"))
        except OSError:
            return []

    @staticmethod
    def aside_owner(path: Path) -> str:
        """The env name an aside entry (``aside_path``) belongs to."""
        return path.name.rsplit(".", 2)[0]

    def env_lock_path(self, name: str) -> Path:
        return self.locks_dir / f"{validate_name(name)}.lock"

    # -- environments -----------------------------------------------------------------
    def env_path(self, name: str) -> Path:
        """The directory of env ``name``; the name is validated before the path exists."""
        return self.root / validate_name(name)

    def ensure(self) -> None:
        """Create the store and envman's state directory on first use."""
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EnvmanError(
                f"cannot create the store at {self.root}: {exc.strerror or exc}",
                "check WORKON_HOME and its permissions",
            ) from exc

    def dir_names(self) -> list[str]:
        """Names of the entries in the store that look like envs or may become one.

        Hidden entries (``.envman``, dotfiles) and virtualenvwrapper's hook scripts
        (plain files) are skipped. A symlink to a directory counts: it is listed (and
        only ever unlinked, never followed, by rm).
        """
        try:
            entries = os.scandir(self.root)
        except FileNotFoundError:
            return []
        except NotADirectoryError as exc:
            raise EnvmanError(f"the store {self.root} is not a directory") from exc
        names = []
        with entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    if entry.is_dir():  # follows symlinks on purpose: a linked env counts
                        names.append(entry.name)
                except OSError:
                    continue
        return sorted(names)

    def env_names(self) -> list[str]:
        """Names of directories in the store that are environments (have pyvenv.cfg)."""
        return [n for n in self.dir_names() if is_env_dir(self.root / n)]

    def contains(self, path: Path) -> bool:
        """True if ``path`` (not resolved: a symlink is judged by where it sits) is a
        direct child of the store."""
        return Path(os.path.abspath(path)).parent == Path(os.path.abspath(self.root))
