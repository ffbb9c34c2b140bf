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
from .logs import set_verbose, setup_logging

# Each area and the top-level commands it registers. A command line builds only its
# command's area: typer turns every command's parameters into click objects up front,
# and each area imports what its commands need, so building the areas `envman new`
# does not use cost ~15 ms. Help, errors and anything unknown build them all.
# tests/test_foundation_cli.py checks this table against what each area registers.
AREAS = {
    "commands_env": ("new", "ls", "show", "path", "rm", "adopt"),
    "commands_doctor": ("doctor",),
    "commands_lifecycle": ("cp", "mv", "tmp", "run", "all", "wipe", "export", "import",
                           "upgrade", "add-path", "site-packages", "global-site-packages"),
    "commands_project": ("project",),
    "commands_shell": ("init", "workon", "deactivate"),
    "commands_hygiene": ("prune", "restore", "trash"),
    "commands_repro": ("outdated", "lock", "diff", "sync"),
    "commands_trust": ("allow", "deny"),
    "commands_link": ("link", "unlink"),
    "commands_vars": ("vars",),
}


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"envman {__version__}\n")
        raise typer.Exit(0)


def build(command: str | None = None) -> typer.Typer:
    """The app with every command, or with only the area that defines ``command``."""
    app = typer.Typer(
        name="envman",
        no_args_is_help=True,
        add_completion=False,  # static completion files: no Python on TAB
        pretty_exceptions_enable=False,
        rich_markup_mode=None,  # plain click help: fits COLUMNS, no rich import for it
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def main(
        version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                     help="Show the version and exit."),
        verbose: bool = typer.Option(False, "--verbose", "-v",
                                     help="Say where packages come from; on failure, print "
                                          "the failing tool's whole output."),
    ) -> None:
        """Manage named Python virtual environments in one central store.

        The store is $WORKON_HOME, else ~/.virtualenvs (virtualenvwrapper's layout).
        Load the shell integration (envman init --help) for workon and deactivate.
        """
        set_verbose(verbose)

    areas = [area for area, names in AREAS.items() if command in names] or list(AREAS)
    for area in areas:
        importlib.import_module(f"{__package__}.{area}").register(app)
    return app


def _summary(text: str | None) -> str:
    """A help text's first paragraph on one line: the command's one-sentence summary."""
    return " ".join((text or "").strip().split("\n\n")[0].split())


def _conventional_usage(command) -> None:
    """Usage lines as people expect them (``rm [OPTIONS] NAME...``, ``cp SRC [DST]``;
    typer writes ``{names}...``), and each command's summary whole in the list of
    commands (click cuts it to fit at 45 characters)."""
    for param in command.params:
        if param.param_type_name != "argument":
            continue
        label = param.metavar or param.name.upper()
        if getattr(param, "hidden", False):  # workon's catch-all: shown only if named
            pieces = [f"[{param.metavar}]"] if param.metavar else []
        else:
            pieces = [label if param.required else f"[{label}]"]
        param.get_usage_pieces = lambda ctx, pieces=pieces: list(pieces)
    if command.help and not command.short_help:
        command.short_help = _summary(command.help)
    for sub in getattr(command, "commands", {}).values():
        _conventional_usage(sub)


def click_command(command: str | None = None):
    """The click command tree that runs (and that docs/generate.py and the completion
    generator read): the app, or the area that defines ``command``."""
    tree = typer.main.get_command(build(command))
    _conventional_usage(tree)
    return tree


def overview() -> str:
    """What ``envman`` alone prints: the commands people use most, and where the rest is."""
    tree = click_command()
    most_used = ("new", "ls", "show", "rm", "cp", "run", "export", "import", "upgrade",
                 "doctor", "init")
    width = max(len(name) for name in most_used) + 2
    lines = [f"envman {__version__}: named Python virtual environments", "",
             "Usage: envman COMMAND [ARGS]...", "", "Commands people use most:"]
    lines += [f"  {name.ljust(width)}{tree.commands[name].short_help}" for name in most_used]
    lines += ["", "With the shell integration: workon NAME, deactivate.",
              "All commands: envman --help", "One command:  envman COMMAND --help"]
    return "\n".join(lines) + "\n"


def run(args: list[str]) -> int:
    setup_logging()
    if not args:  # a short overview, not an error
        sys.stdout.write(overview())
        return 0
    # Only a command line that starts with the command's name builds just its area:
    # `envman --help new` and the like show the whole app.
    # A leading --verbose is a global option and does not change which command it is.
    rest = list(args)
    while rest[:1] and rest[0] in ("-v", "--verbose"):
        rest.pop(0)
    first = rest[0] if rest and not rest[0].startswith("-") else None
    command = click_command(first)
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
        if not message:  # `envman project` alone: the help was the message
            return code
        ctx = getattr(exc, "ctx", None)
        where = ctx.command_path if ctx is not None else "envman"
        render.error(f"{message} (see '{where} --help')" if code == 2 else message)
        return code
    except BrokenPipeError:
        return render.reader_left()
    return result if isinstance(result, int) else 0
