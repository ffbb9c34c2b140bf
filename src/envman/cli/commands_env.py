"""new, ls, show, path, rm: creating, listing, inspecting and removing envs."""

from __future__ import annotations

import sys

import typer

from .. import core
from ..store import Store
from . import render, views
from .views import create_options


def _store() -> Store:
    return Store.default()


# The options of every command that creates an env like `new` does (new, tmp, project new).
PYTHON = typer.Option(None, "-p", "--python", metavar="VERSION",
                      help="Python version (3.12), command or path.")
INSTALL = typer.Option([], "-i", "--install", metavar="PACKAGE",
                       help="Package to install (repeatable).")
REQUIREMENTS = typer.Option([], "-r", "--requirements", metavar="FILE",
                            help="Requirements file to install (repeatable).")
SYSTEM_SITE = typer.Option(False, "--system-site-packages",
                           help="Give the env access to the system site-packages.")
NO_PIP = typer.Option(False, "--no-pip", help="Do not install pip in the env.")
BACKEND = typer.Option(None, "--backend", metavar="uv|venv",
                       help="How to build it (default: uv if found).")
PROMPT = typer.Option(None, "--prompt", metavar="TEXT", help="Prompt prefix inside the env.")


def cmd_new(
    name: str = typer.Argument(..., metavar="NAME", help="Name of the new environment."),
    python: str | None = PYTHON,
    install: list[str] = INSTALL,
    requirements: list[str] = REQUIREMENTS,
    project: str | None = typer.Option(None, "-a", "--project", metavar="PATH",
                                          help="Project directory to link to the env."),
    system_site_packages: bool = SYSTEM_SITE,
    no_pip: bool = NO_PIP,
    backend: str | None = BACKEND,
    prompt: str | None = PROMPT,
    no_activate: bool = typer.Option(False, "--no-activate",
                                     help="With the shell integration: do not activate it."),
    virtualenvwrapper_name: bool = typer.Option(
        False, "--virtualenvwrapper-name", hidden=True,
        help="mkvirtualenv's name rule (any name an existing env may have)."),
    from_file: str | None = typer.Option(None, "--from", metavar="FILE",
                                         help="Build it from a pylock.toml or an envman spec."),
) -> None:
    """Create an environment.

    pip is installed in it unless --no-pip. With the shell integration loaded, the new
    environment is also activated (--no-activate to skip).
    """
    if from_file is not None:
        from .commands_lifecycle import import_into

        return import_into(from_file, name, python, [install, requirements, project,
                                                     system_site_packages, no_pip, backend, prompt])
    views.create_view(name, create_options(python, install, requirements,
                                           system_site_packages, no_pip, backend, prompt,
                                           project, virtualenvwrapper_name))


def cmd_ls(
    long: bool = typer.Option(False, "-l", "--long", help="Add path and size."),
    bare: bool = typer.Option(False, "-b", "--bare", help="Names only, one per line."),
    as_json: bool = typer.Option(False, "--json",
                                 help="A JSON array of objects (never shortened)."),
    by_python: bool = typer.Option(False, "--by-python",
                                   help="Group by base interpreter, with sizes; marks gone ones."),
) -> None:
    """List environments.

    Shows each environment's Python version, when it was created and last used, its
    project and its health; -l adds its path and size. The table fits the terminal
    (or COLUMNS): dates get shorter, paths are shortened from the middle, then columns
    are left out in this order: created, last used, python, project, size, path.
    Piped output is never shortened. --by-python groups envs by base interpreter.
    """
    if by_python:
        from .commands_hygiene import by_python_view

        return by_python_view(long, bare, as_json)
    views.list_view(long, bare, as_json)


def cmd_show(
    name: str = typer.Argument(..., metavar="NAME", help="Environment name."),
    as_json: bool = typer.Option(False, "--json", help="A JSON object."),
) -> None:
    """Show one environment's details.

    Python, health, dates, project, the packages and requirement files it was created
    with, options, hook scripts that do something, and size.
    """
    views.show_view(name, as_json)


def cmd_path(name: str = typer.Argument(..., metavar="NAME", help="Environment name.")) -> None:
    """Print an environment's directory.

    Nothing else is printed, for scripts: cd "$(envman path web)".
    """
    sys.stdout.write(f"{core.env_dir(_store(), name)}\n")


def cmd_rm(
    names: list[str] = typer.Argument(..., metavar="NAME...", help="Environments to remove."),
    yes: bool = typer.Option(False, "-y", "--yes", help="Do not ask for confirmation."),
) -> None:
    """Remove environments for good.

    Never the active one, never anything outside the store. Every name is checked
    before anything is removed: when one is invalid or names no environment, nothing
    is removed (exit 2, one line per bad name). On a terminal
    envman then asks for confirmation unless -y is given; answering no removes nothing
    (exit 1). To keep a way back, 'envman prune' moves envs to the trash instead.
    """
    store = _store()
    names = core.check_names(store, names)  # before the prompt: never ask about a typo
    if not yes and sys.stdin.isatty() and sys.stdout.isatty():
        listed = ", ".join(dict.fromkeys(names))
        if not typer.confirm(f"Remove {listed}?", default=False):
            render.error("nothing removed")
            raise typer.Exit(1)
    failed = 0
    for result in core.remove_envs(store, names):
        if result.error is not None:
            render.error(str(result.error))
            failed += 1
        else:
            render.info(f"removed {result.name}" + (f" ({result.note})" if result.note else ""))
    if failed:
        raise typer.Exit(1)


# Shown at the end of each command's help (\b keeps click from joining the lines).
NEW_EXAMPLES = """\b
Examples:
  envman new web -p 3.12 -i requests
  envman new api -r requirements.txt -a ~/src/api"""
RM_EXAMPLES = """\b
Examples:
  envman rm old-project
  envman rm -y tmp-1 tmp-2"""


def cmd_adopt(
    names: list[str] = typer.Argument(..., metavar="NAME...", help="Environments to register."),
) -> None:
    """Register environments another tool made in the store.

    A venv made by hand, or by virtualenv when mkvirtualenv runs
    $VIRTUALENVWRAPPER_VIRTUALENV, gets a registry record read from its directory;
    one already registered keeps its own.
    """
    for name in core.adopt_envs(_store(), names):
        render.info(f"registered {name}")


def register(app: typer.Typer) -> None:
    app.command("new", epilog=NEW_EXAMPLES)(cmd_new)
    app.command("ls")(cmd_ls)
    app.command("show")(cmd_show)
    app.command("path")(cmd_path)
    app.command("rm", epilog=RM_EXAMPLES)(cmd_rm)
    app.command("adopt")(cmd_adopt)
