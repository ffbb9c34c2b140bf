"""The shell integration files: where they are and the code that loads them.

The integration itself is static shell code in ``shell/`` (``envman.sh`` for bash,
``envman.zsh``, ``envman.ksh`` for ksh93, all three generated from ``envman-rc.sh``;
``envman.fish``, generated from ``envman-rc.fish``), so loading it
never needs Python: ``envman init SHELL`` prints the few lines that load it (the
program's path, and a ``source`` of the file, guarded for an install that has gone), to
append to an rc file once, or to ``eval``/``| source`` at every start; ``envman init
--path SHELL`` prints the file alone.

Values are put into shell code only through :func:`quote`, one per shell family:
POSIX single quotes for bash, zsh and ksh; fish gets its own, because inside fish's
single quotes a backslash still escapes (``shlex.quote`` would be wrong there).

The shell files find the envman program once, when they load, and call it by that
absolute path (a venv's bin/ leaves PATH at the first ``workon other``): from
``$ENVMAN_PROGRAM``, beside their own install, from what :func:`render` records (the
program that is running now), or from PATH.

Turning virtualenvwrapper's names off: ``ENVMAN_COMPAT=0`` set before the file is
loaded (``set -g ENVMAN_COMPAT 0`` in fish); ``envman init --no-compat`` emits that.
Auto-activation by directory: ``ENVMAN_AUTO_ACTIVATE=1``, before or after the file is
loaded; ``envman init --auto`` emits that.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SHELLS = ("bash", "zsh", "ksh", "fish")
# (envman.sh hands zsh over to envman.zsh: older rc lines source it in zsh too)
_FILES = {"bash": "envman.sh", "zsh": "envman.zsh", "ksh": "envman.ksh", "fish": "envman.fish"}


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
    """The rc-file line that loads the integration without starting Python (ksh93's
    `source` is an alias, which a script or `ENV` file may not have: `.` always works)."""
    load = "." if shell == "ksh" else "source"
    return f"{load} {quote(shell, str(script_path(shell)))}"


def running_program() -> tuple[str, str]:
    """How to call the envman that is running now, by absolute path: ``("program",
    PATH)`` for its console script, else ``("python", PATH)`` for ``PATH -m envman``.
    (A console script run through PATH gets its full path as ``argv[0]``.)"""
    argv0 = sys.argv[0] if sys.argv else ""
    if os.path.basename(argv0) in ("envman", "envman.exe"):
        program = os.path.abspath(argv0)
        if os.path.isfile(program) and os.access(program, os.X_OK):
            return "program", program
    return "python", os.path.abspath(sys.executable)


def _set_global(shell: str, name: str, value: str) -> str:
    if shell == "fish":
        return f"set -g {name} {quote(shell, value)}"
    return f"{name}={quote(shell, value)}"


def guarded_load(shell: str) -> str:
    """The source line, for an rc file that outlives the install: when the file is gone
    (envman moved or removed), one line saying so instead of the shell's own error,
    which a `set -e` in the rc file turns into a shell that closes at once."""
    path = str(script_path(shell))
    gone = quote(shell, f"envman: {path} is gone (envman was moved or removed): update or "
                        f"delete the envman lines in your rc file (envman init {shell})")
    say = f"printf '%s\\n' {gone} >&2"
    if shell == "fish":
        return f"if test -r {quote(shell, path)}\n    {source_line(shell)}\nelse\n    {say}\nend"
    return f"if [ -r {quote(shell, path)} ]; then\n    {source_line(shell)}\nelse\n    {say}\nfi"


def init_text(shell: str, path_only: bool, compat: bool, auto: bool) -> str:
    """What `envman init SHELL` prints, for the full CLI and the fast path alike (both
    have checked that SHELL is known and its file is there)."""
    if path_only:
        return f"{script_path(shell)}\n"
    return render(shell, compat, auto)


def render(shell: str, compat: bool = True, auto: bool = False) -> str:
    """Shell code that loads the integration into the shell that evaluates it, telling
    it where this envman is (used when neither ENVMAN_PROGRAM nor the file's own install
    says). It is the same whatever config.toml says (the shell file reads `[shell]
    compat` itself at every start), so lines appended to an rc file follow the config."""
    kind, path = running_program()
    # An empty line first: `envman init bash >> ~/.bashrc` onto an rc file whose last
    # line has no newline must not join that line; then what the lines are, for a
    # reader of the rc file.
    lines = ["", f"# envman's shell integration (envman init {shell})",
             _set_global(shell, f"__envman_init_{kind}", path)]
    if not compat:
        lines.append("set -g ENVMAN_COMPAT 0" if shell == "fish" else "ENVMAN_COMPAT=0")
    if auto:
        lines.append(_set_global(shell, "ENVMAN_AUTO_ACTIVATE", "1"))
    lines.append(guarded_load(shell))
    return "\n".join(lines) + "\n"
