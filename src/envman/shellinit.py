"""The shell integration files: where they are and the code that loads them.

The integration itself is static shell code in ``shell/`` (``envman.sh`` for bash
and zsh, ``envman.fish``), so loading it never needs Python: the recommended rc
line sources the file directly (``envman init --path SHELL`` prints where it is).
``envman init SHELL`` prints the few lines that load it, for ``eval``/``| source``.

Values are put into shell code only through :func:`quote`, one per shell family:
POSIX single quotes for bash and zsh; fish gets its own, because inside fish's
single quotes a backslash still escapes (``shlex.quote`` would be wrong there).

Turning virtualenvwrapper's names off: ``ENVMAN_COMPAT=0`` set before the file is
loaded (``set -g ENVMAN_COMPAT 0`` in fish); ``envman init --no-compat`` emits that.
"""

from __future__ import annotations

from pathlib import Path

SHELLS = ("bash", "zsh", "fish")
_FILES = {"bash": "envman.sh", "zsh": "envman.sh", "fish": "envman.fish"}


def shell_dir() -> Path:
    """``envman/shell`` in an installed wheel (force-included there), else the
    repository's top-level ``shell/`` for an editable install. (The shell files find
    ``completions/`` beside this directory themselves.)"""
    package = Path(__file__).resolve().parent
    installed = package / "shell"
    if installed.is_dir():
        return installed
    return package.parent.parent / "shell"


def script_path(shell: str) -> Path:
    return shell_dir() / _FILES[shell]


def quote(shell: str, value: str) -> str:
    if shell == "fish":
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return "'" + value.replace("'", "'\"'\"'") + "'"


def source_line(shell: str) -> str:
    """The rc-file line that loads the integration without starting Python."""
    return f"source {quote(shell, str(script_path(shell)))}"


def render(shell: str, compat: bool = True) -> str:
    """Shell code that loads the integration into the shell that evaluates it."""
    lines = []
    if not compat:
        lines.append("set -g ENVMAN_COMPAT 0" if shell == "fish" else "ENVMAN_COMPAT=0")
    lines.append(source_line(shell))
    return "\n".join(lines) + "\n"
