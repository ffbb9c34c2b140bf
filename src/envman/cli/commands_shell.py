"""init, and the shell-only commands: `envman init bash|zsh|ksh|fish [--path] [--no-compat]`
prints what an rc file needs; `envman workon` / `envman deactivate` reach the program
only when the shell integration is not loaded (the shell function `envman` handles
them otherwise), so they explain how to load it and exit 2."""

from __future__ import annotations

import os
import sys

import typer

from .. import shellinit
from ..errors import EnvmanError, UsageError


def _detect_shell() -> str:
    name = os.path.basename(os.environ.get("SHELL", ""))
    if name == "ksh93":  # Debian's /bin/ksh93 (mksh and pdksh are not ksh93)
        name = "ksh"
    return name if name in shellinit.SHELLS else "bash"


def _rc_line(shell: str) -> str:
    rc = {"bash": "~/.bashrc", "zsh": "~/.zshrc", "ksh": "~/.kshrc",
          "fish": "~/.config/fish/config.fish"}[shell]
    return f"add it to {rc} once: envman init {shell} >> {rc}"


def cmd_init(
    shell: str = typer.Argument(..., metavar="bash|zsh|ksh|fish", help="Your shell."),
    path: bool = typer.Option(False, "--path", help="Print the path of the file to source, only."),
    no_compat: bool = typer.Option(False, "--no-compat",
                                   help="Do not define virtualenvwrapper's command names."),
    auto: bool = typer.Option(False, "--auto",
                              help="Turn on auto-activation: cd into a project activates its env."),
) -> None:
    """Print the shell integration for your rc file.

    The integration defines workon, deactivate, the cd helpers, virtualenvwrapper's
    command names and tab completion. What this prints loads it: append it to your rc
    file once (envman init bash >> ~/.bashrc) and no Python runs at shell start; or
    put eval "$(envman init bash)" in the rc file (fish: envman init fish | source),
    which follows envman when it is reinstalled elsewhere, for one Python start per
    shell. zsh: after compinit. --path prints the file that those lines source. With
    --auto, changing directory activates the env of the project you enter and leaving
    it deactivates it (ENVMAN_AUTO_ACTIVATE=1; bash, zsh and fish).
    """
    if shell not in shellinit.SHELLS:
        raise UsageError(f"unknown shell {shell!r}", "use bash, zsh, ksh or fish")
    script = shellinit.script_path(shell)
    if not script.is_file():
        raise EnvmanError(f"the shell integration file {script} is missing",
                          "reinstall envman")
    sys.stdout.write(shellinit.init_text(shell, path, not no_compat, auto))


def _shell_only(command: str) -> None:
    shell = _detect_shell()
    raise UsageError(
        f"'{command}' changes your shell, so it needs envman's shell integration, "
        "which is not loaded in this shell",
        _rc_line(shell) + ", then open a new shell",
    )


def cmd_workon(args: list[str] = typer.Argument(None, hidden=True,
                                                metavar="NAME|.")) -> None:
    """Activate an environment (shell function).

    workon is a shell function: it needs the shell integration (envman init --help).
    'workon' alone lists the envs; 'workon .' picks the env of the current directory.
    """
    _shell_only("workon")


def cmd_deactivate(args: list[str] = typer.Argument(None, hidden=True)) -> None:
    """Leave the active environment (shell function).

    deactivate is a shell function: it needs the shell integration (envman init --help).
    """
    _shell_only("deactivate")


# Shown at the end of each command's help (\b keeps click from joining the lines).
INIT_EXAMPLES = """\b
Examples:
  envman init bash >> ~/.bashrc  # once; no Python starts
  envman init zsh >> ~/.zshrc    # after compinit
  envman init ksh >> ~/.kshrc    # ksh93
  envman init fish >> ~/.config/fish/config.fish
  envman init bash --auto >> ~/.bashrc  # auto-activation
  eval "$(envman init bash)"  # Python at every start
  envman init fish | source   # the same, in config.fish"""
WORKON_EXAMPLES = """\b
Examples:
  workon web
  workon -n web    # without cd to its project
  workon .         # the env of this directory"""


def register(app: typer.Typer) -> None:
    app.command("init", epilog=INIT_EXAMPLES)(cmd_init)
    app.command("workon", epilog=WORKON_EXAMPLES, context_settings={"ignore_unknown_options": True,
                                            "allow_extra_args": True})(cmd_workon)
    app.command("deactivate", context_settings={"ignore_unknown_options": True,
                                                "allow_extra_args": True})(cmd_deactivate)
