"""envman link / unlink: a project's .venv as a symlink to a store env."""

from __future__ import annotations

import typer

from ..store import Store
from . import render
from .commands_env import PYTHON


def cmd_link(
    name: str | None = typer.Argument(None, metavar="NAME",
                                      help="Environment (default: the active one, else "
                                           "the one named after DIR)."),
    directory: str | None = typer.Argument(None, metavar="DIR",
                                           help="Project directory (default: .)."),
    new: bool = typer.Option(False, "--new", help="Create the environment first."),
    python: str | None = PYTHON,
) -> None:
    """Make DIR/.venv a symlink to a store environment.

    Also records DIR as the env's project. Tools that look for .venv (uv, VS Code,
    PyCharm, poetry) then use the named env; 'envman unlink' undoes both.
    """
    from .. import links
    from .render import progress_reporter
    from .views import create_options

    store = Store.default()

    def create(env_name: str) -> None:
        from .. import core

        with progress_reporter() as progress:
            status = core.create_env(store, env_name, create_options(python), progress)
        render.info(f"created {status.name} (Python {status.python_version})")

    if python is not None and not new:
        from ..errors import UsageError

        raise UsageError("-p/--python only applies with --new")
    result = links.link(store, name, directory, new=new, create=create)
    for warning in result.warnings:
        render.warning(warning)
    if result.already:
        render.info(f"{result.directory}/.venv already links to {result.name}; "
                    "its project is set")
    else:
        render.info(f"linked {result.directory}/.venv to {result.name}")


def cmd_unlink(
    directory: str | None = typer.Argument(None, metavar="DIR",
                                           help="Project directory (default: .)."),
) -> None:
    """Remove DIR/.venv's link to a store environment, and the env's project."""
    from .. import links

    result = links.unlink(Store.default(), directory)
    done = []
    if result.removed_link:
        done.append(f"removed {result.directory}/.venv")
    if result.unset_project:
        done.append(f"{result.name} has no project now")
    render.info("; ".join(done) if done else f"forgot the link of {result.directory}")


LINK_EXAMPLES = """\b
Examples:
  envman link
  envman link web ~/src/web
  envman link --new
  envman unlink"""


def register(app: typer.Typer) -> None:
    app.command("link", epilog=LINK_EXAMPLES)(cmd_link)
    app.command("unlink")(cmd_unlink)
