"""What readline really inserts: an interactive bash in a pseudo-terminal, TAB typed on
real lines. The COMP_WORDS tests check the candidates; this checks the quoting bash adds
when inserting them (a name with a space must arrive as one argument)."""

from __future__ import annotations

import os
from pathlib import Path

from test_completion_shells import COMPLETIONS, make_store

from tests.support import Terminal, require_program

PROBE = "workon() { printf 'ARG=[%s]\\n' \"$@\"; }; cdvirtualenv() { workon \"$@\"; }"
# The prompt, set as '[p]''$ ' so that the echoed command line never contains it.
PROMPT = "[p]$ "


def type_lines(env: dict, lines: list[str]) -> str:
    """Type each line (TAB included) into `bash -i`, press Enter; return the terminal.
    Each line is typed once the prompt shows, so readline reads it, TAB and Enter in
    order (a TAB's completion runs before the next key is read)."""
    # an interactive bash without the user's rc files
    with Terminal(["bash", "--norc", "--noprofile", "-i"], env) as term:
        term.send(f"PS1='[p]''$ '; source '{COMPLETIONS}/envman.bash'; {PROBE}\n")
        term.wait_for(PROMPT)
        for line in lines:
            term.send(line + "\n")
            term.wait_for(PROMPT)
        term.send("exit\n")
        term.read_to_end()
        term.wait()
    return term.shown.decode(errors="replace")


def test_readline_inserts_a_name_with_a_space_as_one_word(tmp_path: Path):
    require_program("bash")
    store = make_store(tmp_path)
    venv = tmp_path / "active"
    (venv / "bin").mkdir(parents=True)
    env = dict(os.environ, WORKON_HOME=str(store), HOME=str(tmp_path), TERM="dumb",
               VIRTUAL_ENV=str(venv))
    screen = type_lines(env, ["workon my\t", "workon 'my\t", "workon fooba\t",
                              "cdvirtualenv b\t"])
    args = [line.strip() for line in screen.splitlines() if line.startswith("ARG=")]
    assert args == ["ARG=[my env]", "ARG=[my env]", "ARG=[foobar]", "ARG=[bin/]"]
