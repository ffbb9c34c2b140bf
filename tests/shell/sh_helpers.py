"""Driving real bash (``bash --norc --noprofile``), zsh (``zsh -f``) and ksh93 (``ksh``,
no ENV file) with envman's shell integration loaded (envman.sh; ksh: the envman.ksh
generated from it), in strict mode (``set -eu``, plus pipefail).

Values reach the scripts through environment variables (``$T_NAME`` ...), never by
pasting them into shell source, so hostile names need no quoting in the tests. The
root conftest helpers (HOSTILE, make_env, require_program) come through fish_helpers,
which loads tests/conftest.py by path (a name clash with pytest's conftest import).
"""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from pty_support import read_pty

from fish_helpers import HOSTILE, REPO, Result, make_env, require_program, snapshot

SH_FILE = REPO / "shell" / "envman.sh"
KSH_FILE = REPO / "shell" / "envman.ksh"
SHELLS = ["bash", "zsh", "ksh"]
STRICT = {"bash": "set -eu -o pipefail\n", "zsh": "set -eu\nsetopt pipefail\n",
          "ksh": "set -eu -o pipefail\n"}
COMMAND = {"bash": ["bash", "--norc", "--noprofile"], "zsh": ["zsh", "-f"], "ksh": ["ksh"]}
INTERACTIVE = {shell: [*argv, "-i"] for shell, argv in COMMAND.items()}
# ksh93's builtin command only adds builtins, and its source is an alias: `.` loads.
LOAD = {"bash": '\\builtin source "$T_SH_FILE"\n', "zsh": '\\builtin source "$T_SH_FILE"\n',
        "ksh": '\\. "$T_SH_FILE"\n'}


# `command -v NAME`'s path as it is: ksh93 prints an odd path quoted ($'...'), which
# this turns back. For the tests' scripts: $(command -v NAME) -> $(t_which NAME).
T_WHICH = ('t_which() { _t_p="$(command -v "$1")" || return; '
           'case "$_t_p" in /*) ;; *) eval "_t_p=$_t_p" ;; esac; printf \'%s\\n\' "$_t_p"; }\n')


def sh_file(shell: str) -> Path:
    """The integration file ``shell`` loads."""
    return KSH_FILE if shell == "ksh" else SH_FILE

__all__ = ["HOSTILE", "INTERACTIVE", "KSH_FILE", "SHELLS", "T_WHICH", "ShBox", "Terminal", "make_sh_box", "sh_file",
           "snapshot", "Result"]


@dataclass
class ShBox:
    """A HOME and a store (under a hostile directory name) of their own."""

    root: Path
    store: Path
    env: dict

    @property
    def home(self) -> Path:
        return self.root / "home"

    def run(self, shell: str, script: str, *, strict: bool = True, load: bool = True,
            env: dict | None = None, cwd: Path | None = None, prelude: str = "") -> Result:
        require_program(shell)
        full_env = dict(self.env)
        full_env["T_SH_FILE"] = str(sh_file(shell))
        if env:
            full_env.update(env)
        text = prelude + (STRICT[shell] if strict else "")
        if load:
            text += LOAD[shell]
        script_file = self.root / f"script.{shell}"
        script_file.write_text(text + script, encoding="utf-8")
        proc = subprocess.run([*COMMAND[shell], str(script_file)], capture_output=True,
                              text=True, env=full_env, cwd=cwd or self.home, timeout=300,
                              stdin=subprocess.DEVNULL)
        return Result(proc.stdout, proc.stderr, proc.returncode)

    def ok(self, shell: str, script: str, **kw) -> Result:
        result = self.run(shell, script, **kw)
        assert result.status == 0, f"status {result.status}\n{result.stdout}\n--- stderr:\n{result.stderr}"
        assert result.stderr == "", result.stderr
        return result

    def envman(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run([sys.executable, "-m", "envman", *args], capture_output=True,
                              text=True, env=self.env, timeout=300, stdin=subprocess.DEVNULL)
        if check:
            assert proc.returncode == 0, f"envman {args}: {proc.stdout}\n{proc.stderr}"
        return proc

    def snapshot(self) -> dict:
        return snapshot(self.store)


def make_sh_box(base: Path) -> ShBox:
    """The store lives under a directory with virtualenv's torture name."""
    hostile = base / HOSTILE
    (base / "home").mkdir(parents=True, exist_ok=True)
    hostile.mkdir(parents=True, exist_ok=True)
    store = hostile / "store"
    return ShBox(root=base, store=store, env=make_env(base, store))


def write_hook(path: Path, body: str, executable: bool = True) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    if executable:
        path.chmod(0o755)


# A hook that logs "<hook> <args> | <cwd>" (and VIRTUAL_ENV's last part) to $T_LOG.
def logging_hook(label: str) -> str:
    return (f'#!/bin/sh\nprintf "%s\\n" "{label} $* | $(pwd) | ${{VIRTUAL_ENV##*/}}" >> "$T_LOG"\n')


def sourced_hook(label: str) -> str:
    # Sourced into a `set -u` shell: every expansion needs a default.
    return ('_t_v="${VIRTUAL_ENV-}"; _t_l="${VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV-}"\n'
            f'printf "%s\\n" "{label} | ${{_t_v##*/}} | ${{_t_l##*/}} | $PWD" >> "$T_LOG"\n')


def pre_post_hooks(directory: Path, pre: str, post: str) -> None:
    """A run hook ``pre`` and a sourced hook ``post`` in ``directory``, both logging."""
    write_hook(directory / pre, logging_hook(pre))
    write_hook(directory / post, sourced_hook(post), executable=False)


class Terminal:
    """An interactive shell on a pseudo-terminal: type into it, read what it shows."""

    def __init__(self, argv: list[str], env: dict, cwd: str) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the interactive shell
            os.chdir(cwd)
            os.execvpe(argv[0], argv, env)
        self.output = b""

    def send(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def wait_for(self, marker: str, timeout: float = 20) -> str:
        needle = marker.encode()
        try:
            self.output = read_pty(self.fd, timeout, until=needle, shown=self.output)
        except AssertionError:
            raise AssertionError(f"{marker!r} never came; output so far:\n"
                                 f"{self.output.decode(errors='replace')}") from None
        assert needle in self.output, (f"{marker!r} never came (the terminal closed); output "
                                       f"so far:\n{self.output.decode(errors='replace')}")
        # up to and including the marker; what follows stays for the next wait
        end = self.output.index(needle) + len(needle)
        text, self.output = self.output[:end], self.output[end:]
        return text.decode(errors="replace")

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)
