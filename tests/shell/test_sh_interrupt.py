"""Ctrl-C during workon, in a real interactive bash and zsh on a pseudo-terminal: the
shell is left either as it was or fully activated (then `deactivate` restores it),
never half way (issue 3, robustness).

A hook that sleeps gives the test a moment inside the activation to press Ctrl-C in:
the run-as-program ``preactivate`` (before anything changes) and the sourced
``postactivate`` (after the switch)."""

from __future__ import annotations

import os
import pty
import select
import signal
import time

import pytest
from sh_helpers import SH_FILE, SHELLS, make_sh_box, write_hook

from fish_helpers import require_program

ARGV = {"bash": ["bash", "--norc", "--noprofile", "-i"], "zsh": ["zsh", "-f", "-i"]}


class Terminal:
    def __init__(self, argv: list[str], env: dict, cwd: str) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the interactive shell
            os.chdir(cwd)
            os.execvpe(argv[0], argv, env)
        self.output = b""

    def send(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def wait_for(self, marker: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        needle = marker.encode()
        while needle not in self.output:
            left = deadline - time.monotonic()
            assert left > 0, f"{marker!r} never came; output so far:\n{self.output.decode(errors='replace')}"
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                self.output += chunk
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


@pytest.fixture(scope="module")
def box(tmp_path_factory):
    box = make_sh_box(tmp_path_factory.mktemp("int"))
    box.envman("new", "--no-pip", "alpha")
    return box


def _state(term: Terminal, tag: str) -> str:
    """VIRTUAL_ENV, whether PATH and PS1 are what they were before workon."""
    # `"{tag}""=`: the echoed command line never contains the answer's "{tag}=".
    term.send(f'echo "{tag}""=${{VIRTUAL_ENV:-none}}:$([ "$PATH" = "$before" ] && echo same || '
              f'echo changed):$([ "$PS1" = "P> " ] && echo ps1 || echo other)"\n')
    term.wait_for(f"{tag}=")
    return term.wait_for("\r\n")[:-2]


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("where", ["preactivate", "postactivate"])
def test_ctrl_c_during_workon_leaves_no_half_state(box, shell, where, tmp_path):
    require_program(shell)
    hook = box.store / "alpha" / "bin" / where
    body = 'echo HOOK-STARTED; command sleep 30\n'
    write_hook(hook, ("#!/bin/sh\n" + body) if where == "preactivate" else body,
               executable=where == "preactivate")
    term = Terminal(ARGV[shell], {**box.env, "T_SH_FILE": str(SH_FILE)}, str(box.home))
    try:
        term.send('source "$T_SH_FILE"; PS1="P> "; before="$PATH"; echo READY\n')
        term.wait_for("READY\r\n")
        term.send("workon alpha\n")
        term.wait_for("HOOK-STARTED\r\n")
        time.sleep(0.3)
        term.send("\x03")
        state = _state(term, "S1")
        if where == "preactivate":
            assert state == "none:same:ps1"  # nothing had changed yet
        else:
            assert state.startswith(str(box.store / "alpha") + ":changed")  # fully active
            term.send("deactivate\n")
            assert _state(term, "S2") == "none:same:ps1"
    finally:
        term.close()
        hook.unlink()
