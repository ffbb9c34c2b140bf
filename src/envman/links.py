"""``envman link`` / ``unlink``: a project's ``.venv`` as a symlink to a store env.

``link NAME DIR`` makes ``DIR/.venv`` a symlink to ``<store>/NAME`` and records DIR as
the env's project (projects.py writes ``.project`` and the registry; the project index
follows). Tools that look for ``.venv`` (uv, VS Code, PyCharm, poetry) then use the named
env. ``unlink DIR`` removes the symlink (only a symlink: never a directory) and the
project.

This module owns the list of links envman made, ``<store>/.envman/links`` (format as the
project index: a header line ``# envman links 1``, then ``DIR<TAB>NAME`` lines), written
atomically under the store lock. It is what lets ``doctor`` find a link whose env was
removed (its ``.project`` is gone with it) or a link that a tool replaced with a plain
directory. ``mv`` repoints the links of the env it renames (``follow_rename``).

uv (0.13 here) follows the link: ``uv sync``/``add``/``run`` install into the store env.
When the env's Python does not satisfy the project's ``requires-python`` (or
``.python-version``, or ``--python``), uv *recreates* the environment: through the link
it wipes the store env's contents and builds a new venv in its place (``uv venv --clear``
does the same; older uv versions replaced a linked ``.venv`` with a directory). ``link``
therefore checks the project's requirements against the env and says how to keep the
link: rebuild the env on a Python the project accepts with ``envman upgrade NAME -p X.Y``
rather than letting uv do it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EnvmanError, UsageError
from .store import Store, is_env_dir, refuse_unsafe, unsafe_state

HEADER = "# envman links 1"
VENV = ".venv"


def links_path(store: Store) -> Path:
    return store.state_dir / "links"


# -- the list of links ------------------------------------------------------------------
def read_links(store: Store) -> list[tuple[str, str]]:
    """(directory, env name) of every link envman made and has not unlinked."""
    path = links_path(store)
    if unsafe_state(store.state_dir, "dir") or unsafe_state(path, "file"):
        return []
    try:
        data = path.read_bytes()
    except OSError:
        return []
    lines = data.decode("utf-8", "surrogateescape").split("\n")
    if not lines or lines[0] != HEADER:
        return []
    found = []
    for line in lines[1:]:
        directory, sep, name = line.partition("\t")
        if sep and directory.startswith("/") and name:
            found.append((directory, name))
    return found


def _write_links(store: Store, pairs: list[tuple[str, str]]) -> None:
    from .fsutil import atomic_write

    refuse_unsafe(store.state_dir, "dir")
    path = links_path(store)
    refuse_unsafe(path, "file")
    lines = [HEADER] + [f"{d}\t{n}" for d, n in sorted(set(pairs))]
    atomic_write(path, ("\n".join(lines) + "\n").encode("utf-8", "surrogateescape"))


def _edit_links(store: Store, change) -> None:
    """Change the list under the store lock (taken by an otherwise empty transaction:
    locks.py's store lock is the registry's)."""
    from .registry import Registry

    with Registry(store).transaction():
        pairs = read_links(store)
        new = change(list(pairs))
        if sorted(set(new)) != sorted(set(pairs)):
            _write_links(store, new)


def forget(store: Store, directory: str) -> None:
    _edit_links(store, lambda pairs: [p for p in pairs if p[0] != directory])


# -- where a link points ----------------------------------------------------------------
def link_target_name(store: Store, venv: str) -> str | None:
    """The store env name a ``.venv`` symlink points at (by its text, or by where it
    resolves), or None when it is not a symlink into the store."""
    try:
        target = os.readlink(venv)
    except OSError:
        return None
    absolute = os.path.normpath(os.path.join(os.path.dirname(venv), target))
    root = os.path.normpath(str(store.root))
    if os.path.dirname(absolute) == root:
        return os.path.basename(absolute)
    real_root = os.path.realpath(root)
    real = os.path.realpath(absolute)
    if os.path.dirname(real) == real_root:
        return os.path.basename(real)
    return None


def _default_dir(directory: str | None) -> str:
    """DIR as given (made absolute, not resolved), or the current directory as the shell
    spells it ($PWD, when it is this directory), so that the project path matches the
    $PWD the shell compares it with."""
    if directory:
        return os.path.abspath(os.path.expanduser(directory))
    cwd = os.getcwd()
    pwd = os.environ.get("PWD", "")
    try:
        if pwd and os.path.isabs(pwd) and os.path.samefile(pwd, cwd):
            return os.path.normpath(pwd)
    except OSError:
        pass
    return cwd


def _active_env(store: Store) -> str | None:
    active = os.environ.get("VIRTUAL_ENV", "")
    if not active:
        return None
    parent = os.path.dirname(os.path.normpath(active))
    try:
        if os.path.samefile(parent, store.root) and is_env_dir(Path(active)):
            return os.path.basename(os.path.normpath(active))
    except OSError:
        pass
    return None


@dataclass
class LinkResult:
    name: str
    directory: str
    created_env: bool = False
    already: bool = False  # the link was there already
    warnings: list[str] = field(default_factory=list)


def link(store: Store, name: str | None, directory: str | None, new: bool = False,
         create=None) -> LinkResult:
    """Make ``DIR/.venv`` a symlink to env NAME and DIR its project. NAME defaults to
    the active env (when it is a store env), else DIR's basename. ``new``: create the
    env first (``create(name)`` builds it). Every refusal comes before anything is
    changed."""
    from .names import validate_project_path
    from .projects import set_project

    target_dir = _default_dir(directory)
    if not os.path.isdir(target_dir):
        raise UsageError(f"cannot link {target_dir!r}: it is not a directory")
    validate_project_path(target_dir)
    real_root = os.path.realpath(store.root)
    real_dir = os.path.realpath(target_dir)
    if real_dir == real_root or real_dir.startswith(real_root + os.sep):
        raise UsageError(f"cannot link {target_dir!r}: it is inside the store",
                         "link a project directory outside $WORKON_HOME")
    if name is None:
        name = None if new else _active_env(store)
        if name is None:
            name = os.path.basename(target_dir)
            if not name:
                raise UsageError("the directory has no name to name an env after",
                                 "give the env's name: envman link NAME DIR")
    venv = os.path.join(target_dir, VENV)
    env_path = store.env_path(store.existing_name(name) if not new else store.new_name(name))
    name = env_path.name
    already = False
    try:
        st = os.lstat(venv)
    except FileNotFoundError:
        st = None
    if st is not None:
        if stat.S_ISLNK(st.st_mode) and link_target_name(store, venv) == name and not new:
            already = True
        elif stat.S_ISLNK(st.st_mode):
            raise UsageError(f"{venv} is already a symlink (to {os.readlink(venv)})",
                             f"'envman unlink {target_dir}' first")
        elif stat.S_ISDIR(st.st_mode):
            raise UsageError(f"{venv} is a directory (a project-local env?); not replacing it",
                             "move it out of the way first")
        else:
            raise UsageError(f"{venv} exists and is not a symlink; not replacing it",
                             "move it out of the way first")
    created = False
    if new:
        if os.path.lexists(env_path):
            raise UsageError(f"environment {name!r} already exists",
                             f"drop --new to link it: envman link {name}")
        create(name)
        created = True
    elif not is_env_dir(env_path):
        raise UsageError(f"environment {name!r} does not exist",
                         "create it with --new, or name another env")
    if not already:
        try:
            os.symlink(str(env_path), venv)
        except OSError as exc:
            raise EnvmanError(f"cannot create {venv}: {exc.strerror or exc}") from exc
    try:
        set_project(store, name, target_dir)
        _edit_links(store, lambda pairs: [p for p in pairs if p[0] != target_dir]
                    + [(target_dir, name)])
    except BaseException:
        if not already and os.readlink(venv) == str(env_path):
            os.unlink(venv)  # the link this call made, still as it made it
        raise
    return LinkResult(name, target_dir, created, already, python_warnings(env_path, target_dir))


@dataclass
class UnlinkResult:
    directory: str
    name: str | None
    removed_link: bool
    unset_project: bool


def unlink(store: Store, directory: str | None) -> UnlinkResult:
    """Remove ``DIR/.venv`` when it is a symlink into the store, and the project of
    the env it points at (when that project is DIR). A directory or file there is
    never removed."""
    from .envinfo import read_project_file
    from .projects import unset_project

    target_dir = _default_dir(directory)
    if not os.path.isdir(target_dir):
        raise UsageError(f"cannot unlink {target_dir!r}: it is not a directory")
    venv = os.path.join(target_dir, VENV)
    recorded = dict(read_links(store)).get(target_dir)
    name = None
    removed = False
    if os.path.islink(venv):
        name = link_target_name(store, venv)
        if name is None:
            raise UsageError(f"{venv} is a symlink to {os.readlink(venv)}, not to an env "
                             "of the store; not removing it")
    elif os.path.lexists(venv):
        what = "a directory" if os.path.isdir(venv) else "not a symlink"
        hint = ("it replaced envman's link (uv or an editor recreated it?); move it away "
                "yourself" if recorded else "envman only removes its own links")
        raise UsageError(f"{venv} is {what}; not removing it", hint)
    else:
        name = recorded
        if name is None:
            owners = [n for n in store.env_names()
                      if read_project_file(store.root / n) == target_dir]
            if not owners:
                raise UsageError(f"{target_dir} has no .venv link and is no env's project")
            name = owners[0]
    if os.path.islink(venv):
        os.unlink(venv)
        removed = True
    unset = False
    env = store.root / name
    if is_env_dir(env) and read_project_file(env) == target_dir:
        unset_project(store, name)
        unset = True
    forget(store, target_dir)
    return UnlinkResult(target_dir, name, removed, unset)


def follow_rename(store: Store, old: str, new: str) -> list[str]:
    """After ``mv OLD NEW``: every ``.venv`` link to OLD (recorded, or in NEW's project)
    is replaced by one to NEW, atomically (a new link renamed over the old one). Returns
    the directories changed. Best effort: the move stands; a link left behind is
    reported by doctor as broken."""
    from . import log
    from .envinfo import read_project_file

    dirs = {d for d, n in read_links(store) if n == old}
    project = read_project_file(store.root / new)
    if project:
        dirs.add(project)
    moved = []
    for directory in sorted(dirs):
        venv = os.path.join(directory, VENV)
        if not os.path.islink(venv) or link_target_name(store, venv) != old:
            continue
        tmp = os.path.join(directory, f".venv.envman-{os.getpid()}.tmp")
        try:
            os.symlink(str(store.env_path(new)), tmp)
            os.replace(tmp, venv)  # .venv is a link: replaced itself, nothing followed
        except OSError as exc:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            log.get().warning("%s still links to %s (%s); 'envman link %s %s' fixes it",
                              venv, old, exc.strerror or exc, new, directory)
            continue
        moved.append(directory)
    if moved or dirs:
        try:
            _edit_links(store, lambda pairs: [(d, new if n == old else n) for d, n in pairs])
        except (OSError, EnvmanError) as exc:
            log.get().warning("the list of links was not updated (%s)", exc)
    return moved


# -- keeping uv from replacing the env --------------------------------------------------
def _project_python_specs(directory: str) -> tuple[str | None, str | None]:
    """(requires-python from pyproject.toml, the first line of .python-version)."""
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    requires = pinned = None
    try:
        data = tomllib.loads(Path(directory, "pyproject.toml").read_text(encoding="utf-8"))
        value = data.get("project", {}).get("requires-python")
        requires = value if isinstance(value, str) else None
    except (OSError, ValueError, AttributeError):
        pass
    try:
        lines = Path(directory, ".python-version").read_text(encoding="utf-8").split()
        pinned = lines[0] if lines else None
    except (OSError, ValueError):
        pass
    return requires, pinned


def python_warnings(env: Path, directory: str) -> list[str]:
    """Why uv would recreate the env behind the link, each with how to keep it."""
    from .envinfo import cfg_version, read_pyvenv_cfg

    version = cfg_version(read_pyvenv_cfg(env) or {})
    if not version:
        return []
    requires, pinned = _project_python_specs(directory)
    found = []
    keep = (f"to keep the link, rebuild the env on a Python the project accepts "
            f"('envman upgrade {env.name} -p X.Y'), never let uv recreate it")
    if requires:
        try:
            from packaging.specifiers import InvalidSpecifier, SpecifierSet
        except ImportError:  # pragma: no cover - packaging comes with envman's deps
            pass
        else:
            try:
                ok = SpecifierSet(requires).contains(version, prereleases=True)
            except InvalidSpecifier:
                ok = True
            if not ok:
                found.append(f"the project requires Python {requires} and {env.name} has "
                             f"{version}: uv would wipe {env} and recreate it; {keep}")
    if pinned and not (version == pinned or version.startswith(pinned + ".")):
        if pinned[:1].isdigit():
            found.append(f".python-version asks for {pinned} and {env.name} has {version}: "
                         f"uv would wipe {env} and recreate it; {keep}")
    return found


# -- doctor -----------------------------------------------------------------------------
def link_problems(store: Store) -> list[tuple[str, str, str, str]]:
    """(kind, directory, name, message) for each link that is broken: "link-broken" (it
    points at an env that is gone), "link-replaced" (a plain directory is in its place),
    "link-env-recreated" (the env behind it was emptied and rebuilt by another tool: its
    .project, which link wrote, is gone), "link-gone" (the link or its directory was
    removed: only the list remembers it)."""
    from .envinfo import read_project_file

    recorded = dict(read_links(store))
    pairs = dict(recorded)
    # Links envman did not record (made by hand, or by virtualenvwrapper users) are
    # found from the projects of the envs that exist.
    for name in store.env_names():
        project = read_project_file(store.root / name)
        if project and os.path.islink(os.path.join(project, VENV)):
            pairs.setdefault(project, name)
    found = []
    for directory, name in sorted(pairs.items()):
        venv = os.path.join(directory, VENV)
        if os.path.islink(venv):
            target = link_target_name(store, venv)
            if target is None:
                if directory in recorded:
                    found.append(("link-gone", directory, name,
                                  f"{venv} no longer points into the store "
                                  f"(it points at {os.readlink(venv)})"))
                continue
            if not is_env_dir(store.root / target):
                found.append(("link-broken", directory, target,
                              f"{venv} points at env {target!r}, which does not exist"))
            elif (directory in recorded and recorded[directory] == target
                  and not os.path.lexists(store.root / target / ".project")):
                # link set the project; only a tool that emptied the env removes it
                found.append(("link-env-recreated", directory, target,
                              f"env {target!r} behind {venv} lost its .project file: uv "
                              "(or another tool) wiped and recreated it through the link"))
        elif os.path.isdir(venv):
            found.append(("link-replaced", directory, name,
                          f"{venv} was a link to env {name!r} and is now a plain directory "
                          "(uv or an editor recreated it)"))
        else:
            found.append(("link-gone", directory, name,
                          f"the link {venv} to env {name!r} was removed"))
    return found
