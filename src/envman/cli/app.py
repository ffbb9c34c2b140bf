"""The typer application: builds the command tree and runs it with envman's error
conventions (one line on stderr; exit 0 ok, 1 failed, 2 bad usage; no traceback
unless ENVMAN_DEBUG is set).

Each area of commands lives in its own module with a ``register(app)`` function;
add new areas to AREAS.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

from .. import __version__
from ..errors import EnvmanError
from . import render
from .logs import setup_logging

AREAS = ("commands_env", "commands_doctor", "commands_lifecycle", "commands_project",
         "commands_shell")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"envman {__version__}\n")
        raise typer.Exit(0)


def build() -> typer.Typer:
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

    for area in AREAS:
        importlib.import_module(f"{__package__}.{area}").register(app)
    return app


def run(args: list[str]) -> int:
    setup_logging()
    command = typer.main.get_command(build())
    try:
        # Not command.main(): typer's main turns Ctrl-C into a bare exit 130 and a closed
        # pipe into exit 1, hiding both from the handlers below.
        with command.make_context("envman", list(args)) as ctx:
            result = command.invoke(ctx)
    except EnvmanError as exc:
        if os.environ.get("ENVMAN_DEBUG"):
            raise
        render.error(str(exc))
        return exc.code
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
