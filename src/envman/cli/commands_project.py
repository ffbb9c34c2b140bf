"""envman project new|set|show: envs linked to project directories (PROJECT_HOME)."""

from __future__ import annotations

import sys

import typer

from ..store import Store
from . import render
from .commands_env import BACKEND, INSTALL, NO_PIP, PROMPT, PYTHON, REQUIREMENTS, SYSTEM_SITE
from .render import progress_reporter
from .views import create_options

project_app = typer.Typer(help="Manage projects: environments linked to directories.\n\n"
                               "A project is a directory (new ones go in $PROJECT_HOME) that "
                               "workon cds into. 'envman ls' lists each env's project.",
                          no_args_is_help=True, rich_markup_mode=None)


@project_app.command("new")
def cmd_project_new(
        name: str = typer.Argument(..., metavar="NAME", help="Project and environment name."),
        force: bool = typer.Option(False, "-f", "--force",
                                   help="Use an existing project directory."),
        python: str | None = PYTHON, install: list[str] = INSTALL,
        requirements: list[str] = REQUIREMENTS, system_site_packages: bool = SYSTEM_SITE,
        no_pip: bool = NO_PIP, backend: str | None = BACKEND, prompt: str | None = PROMPT,
) -> None:
    """Create a project directory and its environment.

    Makes $PROJECT_HOME/NAME and an env NAME linked to it.
    """
    from .. import projects  # imported where used: see commands_lifecycle

    opts = create_options(python, install, requirements, system_site_packages, no_pip,
                          backend, prompt)
    with progress_reporter() as progress:
        status, directory = projects.new_project(Store.default(), name, opts, force, progress)
    render.report_env_name(status.name)
    render.info(f"created project {directory} and env {status.name} "
                f"(Python {status.python_version})")


@project_app.command("set")
def cmd_project_set(
        name: str = typer.Argument(..., metavar="NAME", help="Environment name."),
        directory: str | None = typer.Argument(None, metavar="PATH",
                                                  help="Project directory (default: .)."),
) -> None:
    """Link an environment to a project directory."""
    from .. import projects

    target = projects.set_project(Store.default(), name, directory)
    render.info(f"Setting project for {name} to {target}")


@project_app.command("show")
def cmd_project_show(name: str = typer.Argument(..., metavar="NAME",
                                                help="Environment name.")) -> None:
    """Print an environment's project directory."""
    from .. import projects

    sys.stdout.write(projects.show_project(Store.default(), name) + "\n")


def register(app: typer.Typer) -> None:
    app.add_typer(project_app, name="project")
