"""Projects: an env linked to a working directory, virtualenvwrapper style.

The link lives in two places: the registry (``project``, for ls/show/--json) and the
env's ``.project`` file (one line, virtualenvwrapper's format), which the shell's
``workon`` and ``cdproject`` read without starting Python. Both are written here.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import aside
from .core import (
    CreateOptions,
    EnvStatus,
    check_name_free,
    create_env,
    env_dir,
    write_project_file,
)
from .envinfo import read_project_file
from .errors import EnvmanError, UsageError
from .fsutil import rmtree
from .locks import env_lock
from .names import validate_project_path
from .plaindata import replace
from .registry import Registry
from .store import Store


def project_home() -> Path:
    value = os.environ.get("PROJECT_HOME", "")
    if not value:
        raise UsageError("PROJECT_HOME is not set",
                         "set it to the directory where projects should be created")
    home = Path(os.path.expanduser(value))
    if not home.is_dir():
        raise UsageError(f"PROJECT_HOME {value!r} is not a directory", "create it first")
    return home.resolve()


def new_project(store: Store, name: str, opts: CreateOptions, force: bool = False,
                progress=lambda _: None) -> tuple[EnvStatus, Path]:
    """``PROJECT_HOME/NAME`` plus an env NAME linked to it. An existing project
    directory is refused unless ``force`` (then it is used as it is). On failure a
    directory this call created is removed again; an existing one is left alone."""
    name = store.new_name(name)
    directory = project_home() / name
    validate_project_path(str(directory))
    if (directory.exists() or directory.is_symlink()) and not force:
        raise EnvmanError(f"project {name!r} already exists at {directory}",
                          "use --force to make an env for it anyway")
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} exists and is not a directory")
    check_name_free(store, name)
    try:
        made = aside.make_dir(directory)
    except FileExistsError:
        made = None  # already there (--force, or made meanwhile): never ours to delete
    try:
        status = create_env(store, name, replace(opts, project=str(directory)), progress)
    except BaseException:
        if made is not None and made.still_there():
            rmtree(directory)
        raise
    return status, directory


def set_project(store: Store, name: str, directory: str | None) -> Path:
    env = env_dir(store, name)
    target = Path(os.path.expanduser(directory)) if directory else Path.cwd()
    if not target.is_dir():
        raise UsageError(f"cannot link {name!r} to {str(target)!r}: it is not a directory")
    target = Path(os.path.abspath(target))
    validate_project_path(str(target))
    name = env.name
    with env_lock(store, name):
        try:
            write_project_file(env, str(target))
        except OSError as exc:
            raise EnvmanError(f"cannot write {env / '.project'}: {exc.strerror or exc}",
                              "the project link is unchanged") from exc
        with Registry(store).transaction() as records:
            if name in records:
                records[name].project = str(target)
    return target


def unset_project(store: Store, name: str) -> None:
    """Drop env ``name``'s project: its ``.project`` file and the registry's field."""
    env = env_dir(store, name)
    name = env.name
    with env_lock(store, name):
        try:
            write_project_file(env, None)
        except OSError as exc:
            raise EnvmanError(f"cannot remove {env / '.project'}: {exc.strerror or exc}",
                              "the project link is unchanged") from exc
        with Registry(store).transaction() as records:
            if name in records:
                records[name].project = None


def show_project(store: Store, name: str) -> str:
    env = env_dir(store, name)
    # The .project file is what the shell uses, so it wins over the registry.
    project = read_project_file(env)
    if project:
        return project
    record = Registry(store).load().get(name)
    if record and record.project:
        return record.project
    raise EnvmanError(f"environment {name!r} has no project",
                      f"link one with 'envman project set {name} DIR'")
