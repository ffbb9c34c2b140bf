"""Ctrl-C during workon, in a real interactive bash, zsh and ksh on a pseudo-terminal: the
shell is left either as it was or fully activated (then `deactivate` restores it),
never half way.

A hook that sleeps gives the test a moment inside the activation to press Ctrl-C in:
the run-as-program ``preactivate`` (before anything changes) and the sourced
``postactivate`` (after the switch)."""

from __future__ import annotations

import time

import pytest

from tests.support import (
    INTERACTIVE,
    SHELLS,
    Terminal,
    make_sh_box,
    require_program,
    sh_file,
    write_hook,
)


@pytest.fixture(scope="module")
def box(tmp_path_factory):
    return make_sh_box(tmp_path_factory.mktemp("int"), envs=("alpha",))


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
    term = Terminal(INTERACTIVE[shell], {**box.env, "T_SH_FILE": str(sh_file(shell))}, str(box.home))
    try:
        term.send('. "$T_SH_FILE"; PS1="P> "; before="$PATH"; echo READY\n')
        term.wait_for("READY\r\n")
        term.send("workon alpha\n")
        term.wait_for("HOOK-STARTED\r\n")
        time.sleep(0.3)
        term.send("\x03")
        state = _state(term, "S1")
        if where == "preactivate" and shell != "ksh":
            assert state == "none:same:ps1"  # nothing had changed yet
        elif where == "preactivate" and state == "none:same:ps1":
            pass  # ksh93 may stop the function with the program it interrupted...
        else:  # ...or go on once it died (then the activation is whole)
            assert state.startswith(str(box.store / "alpha") + ":changed")  # fully active
            term.send("deactivate\n")
            assert _state(term, "S2") == "none:same:ps1"
    finally:
        term.close()
        hook.unlink()
