"""The typer application: builds the command tree and runs it with envman's error
conventions (one line on stderr; exit 0 ok, 1 failed, 2 bad usage; no traceback
unless ENVMAN_DEBUG is set).

Each area of commands lives in its own module with a ``register(app)`` function;
add new areas, and the commands they register, to AREAS.
"""

from __future__ import annotations

import importlib
import sys

import typer

from .. import __version__
from ..errors import EnvmanError
from . import render
from .logs import setup_logging

# Each area and the top-level commands it registers. A command line builds only its
# command's area: typer turns every command's parameters into click objects up front,
# and each area imports what its commands need, so building the areas `envman new`
# does not use cost ~15 ms (issue 8). Help, errors and anything unknown build them all.
# tests/test_foundation_cli.py checks this table against what each area registers.
AREAS = {
    "commands_env": ("new", "ls", "show", "path", "rm"),
    "commands_doctor": ("doctor",),
    "commands_lifecycle": ("cp", "mv", "tmp", "run", "all", "wipe", "export", "import",
                           "upgrade", "add-path", "site-packages", "global-site-packages"),
    "commands_project": ("project",),
    "commands_shell": ("init", "workon", "deactivate"),
    "commands_repro": ("outdated", "lock", "diff", "sync"),
}


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"envman {__version__}\n")
        raise typer.Exit(0)


def build(command: str | None = None) -> typer.Typer:
    """The app with every command, or with only the area that defines ``command``."""
    app = typer.Typer(
        name="envman",
        help="Manage named Python virtual environments in one central store ($WORKON_HOME).",
        no_args_is_help=True,
        add_completion=False,  # static completion files: no Python on TAB
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def main(
        version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                     help="Show the version and exit."),
    ) -> None:
        """Manage named Python virtual environments in one central store ($WORKON_HOME)."""

    areas = [area for area, names in AREAS.items() if command in names] or list(AREAS)
    for area in areas:
        importlib.import_module(f"{__package__}.{area}").register(app)
    return app


def run(args: list[str]) -> int:
    setup_logging()
    # Only a command line that starts with the command's name builds just its area:
    # `envman --help new` and the like show the whole app.
    first = args[0] if args and not args[0].startswith("-") else None
    command = typer.main.get_command(build(first))
    try:
        # Not command.main(): typer's main turns Ctrl-C into a bare exit 130 and a closed
        # pipe into exit 1, hiding both from the handlers below.
        with command.make_context("envman", list(args)) as ctx:
            result = command.invoke(ctx)
    except EnvmanError as exc:
        return render.failed(exc)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        render.error("aborted")
        return 130
    except KeyboardInterrupt:
        return render.interrupted()
    except typer.TyperException as exc:  # click's usage errors, vendored by typer
        code = getattr(exc, "exit_code", 2)
        message = exc.format_message()
        if not message:  # `envman` alone: the help was the message
            return code
        ctx = getattr(exc, "ctx", None)
        where = ctx.command_path if ctx is not None else "envman"
        render.error(f"{message} (see '{where} --help')" if code == 2 else message)
        return code
    except BrokenPipeError:
        return render.reader_left()
    return result if isinstance(result, int) else 0
