"""envman vars NAME [set KEY=VALUE... | unset KEY...]: per-env variables, exported on
activation and given back on deactivate (envvars.py owns them)."""

from __future__ import annotations

import os
import sys

import typer

from ..errors import UsageError
from ..store import Store
from . import render

VARS_EXAMPLES = """\b
Examples:
  envman vars web set DEBUG=1 LOG_LEVEL=info
  envman vars web unset DEBUG
  envman vars web"""


def _shown(value: str) -> str:
    """A value as a shell word: plain when it needs no quoting, else quoted so that
    newlines and quotes cannot make one variable look like several."""
    from ..envvars import sh_quote

    if value and all(ch.isalnum() or ch in "@%+=:,./-_" for ch in value) and value.isascii():
        return value
    return sh_quote(value)


def cmd_vars(
    name: str = typer.Argument(..., metavar="NAME", help="Environment name."),
    action: str | None = typer.Argument(None, metavar="set|unset",
                                        help="What to do; without it the variables are "
                                             "listed."),
    items: list[str] | None = typer.Argument(None, metavar="KEY...",
                                             help="KEY=VALUE pairs to set (a bare KEY takes "
                                                  "its value from this shell), or the "
                                                  "KEYs to unset."),
    as_json: bool = typer.Option(False, "--json", help="List as a JSON object."),
) -> None:
    """List or change an environment's variables.

    They are exported when the environment is activated (workon, auto-activation) and
    given back on deactivate exactly as they were: unset again when they were unset.
    A change shows at once in the shell where the env is active, elsewhere at the next
    activation. PATH is refused: use add-path.
    """
    from .. import envvars

    store = Store.default()
    items = items or []
    if action is None:
        values = envvars.list_vars(store, name)
        if as_json:
            render.print_json(values)
        else:
            sys.stdout.write("".join(f"{key}={_shown(value)}\n" for key, value in values.items()))
        return
    if as_json:
        raise UsageError("--json only goes with listing", f"run 'envman vars {name} --json'")
    if action == "set":
        assignments = envvars.parse_assignments(items, dict(os.environ))
        envvars.set_vars(store, name, assignments)
        render.info(f"set {', '.join(assignments)} for {name}")
    elif action == "unset":
        missing = envvars.unset_vars(store, name, items)
        for key in missing:
            render.warning(f"{key} was not set for {name}")
        done = [key for key in items if key not in missing]
        if done:
            render.info(f"unset {', '.join(dict.fromkeys(done))} for {name}")
    else:
        raise UsageError(f"unknown action {action!r}", "use set KEY=VALUE... or unset KEY...")


def register(app: typer.Typer) -> None:
    app.command("vars", epilog=VARS_EXAMPLES)(cmd_vars)
