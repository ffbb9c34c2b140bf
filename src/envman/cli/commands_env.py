"""new, ls, show, path, rm: creating, listing, inspecting and removing envs."""

from __future__ import annotations

import sys
from typing import List, Optional

import typer

from .. import core
from ..store import Store
from . import render, views
from .views import create_options


def _store() -> Store:
    return Store.default()


# The options of every command that creates an env like `new` does (new, tmp, project new).
PYTHON = typer.Option(None, "-p", "--python", help="Python version (3.12), command or path.")
INSTALL = typer.Option([], "-i", "--install", help="Package to install (repeatable).")
REQUIREMENTS = typer.Option([], "-r", "--requirements",
                            help="Requirements file to install (repeatable).")
SYSTEM_SITE = typer.Option(False, "--system-site-packages",
                           help="Give the env access to the system site-packages.")
NO_PIP = typer.Option(False, "--no-pip", help="Do not install pip in the env.")
BACKEND = typer.Option(None, "--backend", help="uv or venv (default: uv if found).")
PROMPT = typer.Option(None, "--prompt", help="Prompt prefix inside the env.")


def cmd_new(
    name: str = typer.Argument(..., help="Name of the new environment."),
    python: Optional[str] = PYTHON,
    install: List[str] = INSTALL,
    requirements: List[str] = REQUIREMENTS,
    project: Optional[str] = typer.Option(None, "-a", "--project",
                                          help="Project directory to link to the env."),
    system_site_packages: bool = SYSTEM_SITE,
    no_pip: bool = NO_PIP,
    backend: Optional[str] = BACKEND,
    prompt: Optional[str] = PROMPT,
    no_activate: bool = typer.Option(False, "--no-activate",
                                     help="With the shell integration: do not activate it."),
    from_file: str | None = typer.Option(None, "--from",
                                         help="Build it from a pylock.toml or an envman spec."),
) -> None:
    """Create an environment (with pip unless --no-pip)."""
    if from_file is not None:
        from .commands_lifecycle import import_into

        return import_into(from_file, name, python, [install, requirements, project,
                                                     system_site_packages, no_pip, backend, prompt])
    views.create_view(name, create_options(python, install, requirements,
                                           system_site_packages, no_pip, backend, prompt,
                                           project))


def cmd_ls(
    long: bool = typer.Option(False, "-l", "--long", help="Add path and size."),
    bare: bool = typer.Option(False, "-b", "--bare", help="Names only, one per line."),
    as_json: bool = typer.Option(False, "--json", help="A JSON array of objects."),
) -> None:
    """List environments with python version, created, last used, project and health."""
    views.list_view(long, bare, as_json)


def cmd_show(
    name: str = typer.Argument(..., help="Environment name."),
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
) -> None:
    """Show one environment's details."""
    views.show_view(name, as_json)


def cmd_path(name: str = typer.Argument(..., help="Environment name.")) -> None:
    """Print the environment's directory and nothing else."""
    sys.stdout.write(f"{core.env_dir(_store(), name)}\n")


def cmd_rm(
    names: List[str] = typer.Argument(..., help="Environments to remove."),
    yes: bool = typer.Option(False, "-y", "--yes", help="Do not ask for confirmation."),
) -> None:
    """Remove environments (never the active one, never anything outside the store)."""
    from ..names import validate_existing_name

    for name in names:
        validate_existing_name(name)
    if not yes and sys.stdin.isatty() and sys.stdout.isatty():
        listed = ", ".join(names)
        if not typer.confirm(f"Remove {listed}?", default=False):
            raise typer.Abort()
    failed = 0
    for result in core.remove_envs(_store(), names):
        if result.error is not None:
            render.error(str(result.error))
            failed += 1
        else:
            render.info(f"removed {result.name}" + (f" ({result.note})" if result.note else ""))
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("new")(cmd_new)
    app.command("ls")(cmd_ls)
    app.command("show")(cmd_show)
    app.command("path")(cmd_path)
    app.command("rm")(cmd_rm)
