"""envman allow / deny: trust a project directory's own code for auto-activation."""

from __future__ import annotations

import os

import typer

from ..errors import UsageError
from . import render


def _here() -> str:
    pwd = os.environ.get("PWD", "")
    try:
        if pwd and os.path.isabs(pwd) and os.path.samefile(pwd, "."):
            return pwd
    except OSError:
        pass
    return os.getcwd()


def cmd_allow(
    directory: str | None = typer.Argument(None, metavar="DIR",
                                           help="Project directory (default: .)."),
    check: bool = typer.Option(False, "--check",
                               help="Print nothing; exit 0 if DIR is allowed and unchanged, "
                                    "1 if not."),
) -> None:
    """Trust a project's own code for auto-activation.

    Records DIR and a hash of what it would run: its project-local .venv (pyvenv.cfg
    and every entry of .venv/bin) and every file under DIR/.virtualenvwrapper/. Any
    change to those needs a new 'envman allow'. Explicit workon does not need it.
    """
    from .. import trust

    if check:
        if directory is None:
            raise UsageError("--check needs the directory to check")
        raise typer.Exit(0 if trust.check(directory) else 1)
    real, _sha = trust.allow(directory if directory is not None else _here())
    render.info(f"allowed {real}: auto-activation may use its .venv and hook files "
                "until they change")


def cmd_deny(
    directory: str | None = typer.Argument(None, metavar="DIR",
                                           help="Project directory (default: .)."),
) -> None:
    """Forget a directory 'envman allow' trusted."""
    from .. import trust

    real, was = trust.deny(directory if directory is not None else _here())
    render.info(f"denied {real}" if was else f"{real} was not allowed; nothing to forget")


ALLOW_EXAMPLES = """\b
Examples:
  envman allow
  envman allow ~/src/web
  envman deny ~/src/web"""


def register(app: typer.Typer) -> None:
    app.command("allow", epilog=ALLOW_EXAMPLES)(cmd_allow)
    app.command("deny")(cmd_deny)
