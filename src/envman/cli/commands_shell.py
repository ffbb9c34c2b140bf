"""init, and the shell-only commands: `envman init bash|zsh|fish [--path] [--no-compat]`
prints what an rc file needs; `envman workon` / `envman deactivate` reach the program
only when the shell integration is not loaded (the shell function `envman` handles
them otherwise), so they explain how to load it and exit 2."""

from __future__ import annotations

import os
import sys

import typer

from .. import shellinit
from ..config import load_config
from ..errors import EnvmanError, UsageError


def _detect_shell() -> str:
    name = os.path.basename(os.environ.get("SHELL", ""))
    return name if name in shellinit.SHELLS else "bash"


def _rc_line(shell: str) -> str:
    rc = {"bash": "~/.bashrc", "zsh": "~/.zshrc", "fish": "~/.config/fish/config.fish"}[shell]
    return f"add this line to {rc}: {shellinit.source_line(shell)}"


def cmd_init(
    shell: str = typer.Argument(..., help="bash, zsh or fish."),
    path: bool = typer.Option(False, "--path", help="Print the path of the file to source, only."),
    no_compat: bool = typer.Option(False, "--no-compat",
                                   help="Do not define virtualenvwrapper's command names."),
) -> None:
    """Print the shell code that loads envman's shell integration (workon, deactivate...).

    Fastest rc line (no Python at shell start): source "$(envman init --path SHELL)"'s
    output path; or eval "$(envman init bash)" / envman init fish | source."""
    if shell not in shellinit.SHELLS:
        raise UsageError(f"unknown shell {shell!r}", "use bash, zsh or fish")
    script = shellinit.script_path(shell)
    if not script.is_file():
        raise EnvmanError(f"the shell integration file {script} is missing",
                          "reinstall envman")
    if path:
        sys.stdout.write(f"{script}\n")
        return
    compat = not no_compat and load_config().shell_compat
    sys.stdout.write(shellinit.render(shell, compat))


def _shell_only(command: str) -> None:
    shell = _detect_shell()
    raise UsageError(
        f"'{command}' changes your shell, so it needs envman's shell integration, "
        "which is not loaded in this shell",
        _rc_line(shell) + ", then open a new shell",
    )


def cmd_workon(args: list[str] = typer.Argument(None, hidden=True)) -> None:  # noqa: ARG001
    """Activate an env (a shell function: needs the shell integration)."""
    _shell_only("workon")


def cmd_deactivate(args: list[str] = typer.Argument(None, hidden=True)) -> None:  # noqa: ARG001
    """Leave the active env (a shell function: needs the shell integration)."""
    _shell_only("deactivate")


def register(app: typer.Typer) -> None:
    app.command("init")(cmd_init)
    app.command("workon", context_settings={"ignore_unknown_options": True,
                                            "allow_extra_args": True})(cmd_workon)
    app.command("deactivate", context_settings={"ignore_unknown_options": True,
                                                "allow_extra_args": True})(cmd_deactivate)
