"""What readline really inserts: an interactive bash in a pseudo-terminal, TAB typed on
real lines. The COMP_WORDS tests check the candidates; this checks the quoting bash adds
when inserting them (a name with a space must arrive as one argument)."""

from __future__ import annotations

import os
import pty
import select
import time
from pathlib import Path

from test_completion_shells import COMPLETIONS, make_store

from conftest import require_program

PROBE = "workon() { printf 'ARG=[%s]\\n' \"$@\"; }; cdvirtualenv() { workon \"$@\"; }"


def type_lines(env: dict, lines: list[str]) -> str:
    """Type each line (TAB included) into `bash -i`, press Enter; return the terminal."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: an interactive bash without the user's rc files
        os.execvpe("bash", ["bash", "--norc", "--noprofile", "-i"], env)
    out = b""

    def drain(seconds: float) -> None:
        nonlocal out
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    out += os.read(fd, 65536)
                except OSError:
                    return

    os.write(fd, f"PS1='$ '; source '{COMPLETIONS}/envman.bash'; {PROBE}\n".encode())
    drain(1.0)
    for line in lines:
        os.write(fd, line.encode())
        drain(1.0)
        os.write(fd, b"\n")
        drain(0.5)
    os.write(fd, b"exit\n")
    drain(0.5)
    os.close(fd)
    os.waitpid(pid, 0)
    return out.decode(errors="replace")


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
