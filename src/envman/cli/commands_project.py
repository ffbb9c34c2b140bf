"""envman project new|set|show: envs linked to project directories (PROJECT_HOME)."""

from __future__ import annotations

import sys
from typing import List, Optional

import typer

from ..store import Store
from . import render
from .commands_env import (BACKEND, INSTALL, NO_PIP, PROMPT, PYTHON, REQUIREMENTS,
                           SYSTEM_SITE)
from .render import progress_reporter
from .views import create_options

project_app = typer.Typer(help="Projects: envs linked to directories in $PROJECT_HOME.",
                          no_args_is_help=True)


@project_app.command("new")
def cmd_project_new(
        name: str = typer.Argument(..., help="Project and environment name."),
        force: bool = typer.Option(False, "-f", "--force",
                                   help="Use an existing project directory."),
        python: Optional[str] = PYTHON, install: List[str] = INSTALL,
        requirements: List[str] = REQUIREMENTS, system_site_packages: bool = SYSTEM_SITE,
        no_pip: bool = NO_PIP, backend: Optional[str] = BACKEND, prompt: Optional[str] = PROMPT,
) -> None:
    """Create $PROJECT_HOME/NAME and an env NAME linked to it."""
    from .. import projects  # imported where used: see commands_lifecycle

    opts = create_options(python, install, requirements, system_site_packages, no_pip,
                          backend, prompt)
    with progress_reporter() as progress:
        status, directory = projects.new_project(Store.default(), name, opts, force, progress)
    render.report_env_name(status.name)
    render.info(f"created project {directory} and env {status.name} (Python {status.python_version})")


@project_app.command("set")
def cmd_project_set(
        name: str = typer.Argument(..., help="Environment name."),
        directory: Optional[str] = typer.Argument(None, help="Project directory (default: .)."),
) -> None:
    """Link an env to a project directory."""
    from .. import projects

    target = projects.set_project(Store.default(), name, directory)
    render.info(f"Setting project for {name} to {target}")


@project_app.command("show")
def cmd_project_show(name: str = typer.Argument(..., help="Environment name.")) -> None:
    """Print the env's project directory."""
    from .. import projects

    sys.stdout.write(projects.show_project(Store.default(), name) + "\n")


def register(app: typer.Typer) -> None:
    app.add_typer(project_app, name="project")
