"""Where things live: the store root, env directories and envman's private state.

Layout (virtualenvwrapper's, so an existing ``~/.virtualenvs`` works unchanged)::

    $WORKON_HOME/<name>/              one virtual environment per directory
    $WORKON_HOME/.envman/registry.toml  metadata (registry.py)
    $WORKON_HOME/.envman/registry.cache  its parsed copy, so `ls` need not re-parse it
    $WORKON_HOME/.envman/registry.lock  the store lock
    $WORKON_HOME/.envman/locks/<name>.lock  per-env locks, beside (never inside) the env
    $WORKON_HOME/.envman/used/<name>   touched by the shell's workon: "last used"
    $WORKON_HOME/.envman/aside/        envs kept aside while their replacement is built
    $WORKON_HOME/.envman/projects      project directory -> env, for the shell (projindex.py)
    $WORKON_HOME/.envman/links         the .venv links `envman link` made (links.py)

This module only computes paths and answers cheap questions about them; it never
deletes or moves envs (aside.py does) and never reads the registry (registry.py does).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from . import names
from .errors import EnvmanError
from .plaindata import record
from .storeroot import STATE_DIRNAME, is_env_dir, store_root_text, unsafe_state


class StateUnsafe(EnvmanError):
    """A path of envman's own state is a symlink or the wrong kind of file: it is
    refused, never followed (a link there could point anywhere outside the store)."""


def refuse_unsafe(path: Path, kind: str) -> None:
    problem = unsafe_state(path, kind)
    if problem:
        raise StateUnsafe(f"refusing to use {problem}",
                          "move it out of the way; envman recreates it")


def store_root() -> Path:
    """``$WORKON_HOME`` (relative values are relative to $HOME), else ``~/.virtualenvs``.
    Symlinks are not resolved; pathlib drops ``//``, ``/./`` and trailing slashes, and the
    shells' store functions spell the root the same way, so an env's path (and
    $VIRTUAL_ENV) is one string everywhere. The rule is storeroot.py's (written without
    pathlib for the fast path)."""
    return Path(store_root_text())


@record(frozen=True)
class Store:
    root: Path

    @classmethod
    def default(cls) -> Store:
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

    def state_subdir(self, path: Path) -> Path:
        """``path`` (the aside, locks or used directory), created if absent, after
        checking that neither it nor the state directory is a symlink or a file."""
        self.ensure()
        refuse_unsafe(path, "dir")
        try:
            path.mkdir(exist_ok=True)
        except OSError as exc:
            raise EnvmanError(f"cannot create {path}: {exc.strerror or exc}") from exc
        refuse_unsafe(path, "dir")  # made by someone else between the check and mkdir
        return path

    def state_problems(self) -> list[tuple[Path, str]]:
        """Every state path that is a symlink or of the wrong kind, with why."""
        found = []
        problem = unsafe_state(self.state_dir, "dir")
        if problem:
            return [(self.state_dir, problem)]  # nothing under it is looked at
        for path, kind in ((self.aside_dir, "dir"), (self.locks_dir, "dir"),
                           (self.used_dir, "dir"), (self.registry_path, "file"),
                           (self.registry_cache_path, "file"), (self.lock_path, "file"),
                           (self.state_dir / "projects", "file"),
                           (self.state_dir / "links", "file")):
            problem = unsafe_state(path, kind)
            if problem:
                found.append((path, problem))
        return found

    def aside_path(self, name: str, kind: str) -> Path:
        """A fresh place in the aside dir for env ``name``: ``<name>.<id>.<kind>``. Kinds:
        ``trash`` (being deleted, aside.take_out) and ``upgrading`` (the old env
        kept while ``upgrade`` builds its replacement). doctor finds both by kind.
        The aside dir (or the state dir) is refused if it is a link or a file; it is
        not created here, but by the step that moves an env there (under the lock;
        ``state_subdir`` creates and checks it)."""
        names.validate_existing_name(name)
        refuse_unsafe(self.state_dir, "dir")
        refuse_unsafe(self.aside_dir, "dir")
        return self.aside_dir / f"{name}.{os.urandom(4).hex()}.{kind}"

    def aside_entries(self, kind: str) -> list[Path]:
        """Entries of ``kind`` in the aside dir; none when it (or the state dir) is a
        link or a file (doctor reports that), so nothing outside the store is touched."""
        if unsafe_state(self.state_dir, "dir") or unsafe_state(self.aside_dir, "dir"):
            return []
        try:
            # Only real directories: a plain file or a link planted there is never
            # deleted through, nor put back into the store as an env.
            return sorted(p for p in self.aside_dir.glob(f"*.{kind}")
                          if stat.S_ISDIR(os.lstat(p).st_mode)
                          and names.existing_name_problem(self.aside_owner(p)) is None)
        except OSError:
            return []

    @staticmethod
    def aside_owner(path: Path) -> str:
        """The env name an aside entry (``aside_path``) belongs to."""
        return path.name.rsplit(".", 2)[0]

    def env_lock_path(self, name: str) -> Path:
        """``locks/<name>.lock``; the locks dir is created (and checked) here."""
        path = self.state_subdir(self.locks_dir) / f"{names.validate_existing_name(name)}.lock"
        refuse_unsafe(path, "file")
        return path

    # -- environments -----------------------------------------------------------------
    def env_path(self, name: str) -> Path:
        """The directory of env ``name``, which may exist already (the existing-name
        rule: any name envman can handle safely). The name is validated before the path
        exists, so the path is always a direct child of the store."""
        return self.root / names.validate_existing_name(name)

    def existing_name(self, name: str) -> str:
        """The name of an env already in the store, as given (checked by the existing-
        name rule); or its NFC form when only that spelling exists (envman stores new
        names in NFC, and a terminal may send the other spelling)."""
        names.validate_existing_name(name)
        if not os.path.lexists(self.root / name):
            import unicodedata

            nfc = unicodedata.normalize("NFC", name)
            if nfc != name and os.path.lexists(self.root / nfc):
                return nfc
        return name

    def new_name(self, name: str, virtualenvwrapper: bool = False) -> str:
        """``name`` as a NEW env's name (NFC), by the strict rule; while the
        virtualenvwrapper hook directory is the store, hook file names are refused.
        ``virtualenvwrapper``: mkvirtualenv's looser rule instead (any name the existing-
        name rule accepts, kept as typed), so that a dotfile or script written for
        virtualenvwrapper can still make " old env" or "+x"."""
        if virtualenvwrapper:
            name = names.validate_existing_name(name)
        else:
            name = names.validate_name(name)
        if self.hooks_here():
            names.refuse_hook_name(name)
        return name

    def hooks_here(self) -> bool:
        """True if virtualenvwrapper's global hook files live in the store (its default)."""
        hook_dir = os.environ.get("VIRTUALENVWRAPPER_HOOK_DIR", "")
        if not hook_dir:
            return True
        return os.path.abspath(os.path.expanduser(hook_dir)) == os.path.abspath(self.root)

    def ensure(self) -> None:
        """Create the store and envman's state directory on first use; a state
        directory that is a symlink or a file is refused."""
        refuse_unsafe(self.state_dir, "dir")
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EnvmanError(
                f"cannot create the store at {self.root}: {exc.strerror or exc}",
                "check WORKON_HOME and its permissions",
            ) from exc
        refuse_unsafe(self.state_dir, "dir")

    def dir_names(self) -> list[str]:
        """Names of the entries in the store that look like envs or may become one.

        Hidden entries (``.envman``, dotfiles) and virtualenvwrapper's hook scripts
        (plain files) are skipped. A symlink to a directory counts: it is listed (and
        only ever unlinked, never followed, by rm). Names envman cannot handle safely
        (names.validate_existing_name) are left out: ``unmanageable`` lists them.
        """
        return [n for n in self._dir_entries() if names.existing_name_problem(n) is None]

    def unmanageable(self) -> list[tuple[str, str]]:
        """Directories in the store that look like envs but whose names envman cannot
        handle (a newline, a leading '-', too long...), each with why."""
        return self.scan_envs()[1]

    def scan_envs(self) -> tuple[list[str], list[tuple[str, str]]]:
        """One look at the store: the env names (as ``env_names``), and the envs whose
        names envman cannot handle, each with why (as ``unmanageable``)."""
        good, bad = [], []
        root = str(self.root)  # os.path on a str: a pathlib join per env costs (ls)
        for name in self._dir_entries():
            if not is_env_dir(os.path.join(root, name)):
                continue
            problem = names.existing_name_problem(name)
            if problem:
                bad.append((name, problem))
            else:
                good.append(name)
        return good, bad

    def _dir_entries(self) -> list[str]:
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
        root = str(self.root)
        return [n for n in self.dir_names() if is_env_dir(os.path.join(root, n))]

    def contains(self, path: Path) -> bool:
        """True if ``path`` (not resolved: a symlink is judged by where it sits) is a
        direct child of the store."""
        return Path(os.path.abspath(path)).parent == Path(os.path.abspath(self.root))
