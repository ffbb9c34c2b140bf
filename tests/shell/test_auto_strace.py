"""Auto-activation costs no process at a prompt: 1000 prompts in an unchanged directory,
in real interactive bash, zsh and fish on a pseudo-terminal under strace, start 0
processes (between two marker files the shell opens with a builtin redirection). The
shell starts inside a project, so auto mode is on and an env is active throughout, and
another tool's prompt hook counts the prompts to prove they happened."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support import FISH_FILE, SH_FILE, Terminal, require_program
from tests.support.auto import make_world

PROMPTS = 1000
STARTS = re.compile(r"\b(execve|fork|vfork|clone3?)\(")

RC = {
    "bash": f"""\
PS1='$ '
\\builtin source {SH_FILE!s}
ENVMAN_AUTO_ACTIVATE=1
__t_n=0
PROMPT_COMMAND="$PROMPT_COMMAND"$'\\n''__t_n=$((__t_n + 1))'
""",
    "zsh": f"""\
PS1='$ '
\\builtin source {SH_FILE!s}
ENVMAN_AUTO_ACTIVATE=1
__t_n=0
__t_count() {{ __t_n=$((__t_n + 1)); }}
precmd_functions+=(__t_count)
""",
    "fish": f"""\
function fish_prompt; echo '$ '; end
function fish_right_prompt; end
function fish_title; end
builtin source {FISH_FILE!s}
set -g ENVMAN_AUTO_ACTIVATE 1
set -g __t_n 0
function __t_count --on-event fish_prompt; set -g __t_n (math $__t_n + 1); end
""",
}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return make_world(tmp_path_factory.mktemp("strace"))


def _argv(shell: str, rc: Path) -> list[str]:
    if shell == "bash":
        return ["bash", "--noprofile", "--rcfile", str(rc), "-i"]
    if shell == "zsh":
        return ["zsh", "-i"]  # ZDOTDIR points at the rc's directory
    return ["fish", "--no-config", "--private", "-C", f"source {rc}", "-i"]


@pytest.mark.slow
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_thousand_prompts_start_no_process(world, shell, tmp_path):
    strace = require_program("strace")
    require_program(shell)
    rc_dir = tmp_path / "rc"
    rc_dir.mkdir()
    rc = rc_dir / (".zshrc" if shell == "zsh" else "rc")
    rc.write_text(RC[shell])
    log, mark1, mark2 = tmp_path / "strace.log", tmp_path / "mark1", tmp_path / "mark2"
    env = dict(world.sh.env, ZDOTDIR=str(rc_dir), TERM="dumb")
    argv = [strace, "-f", "-qq", "-o", str(log), "-e", "trace=process,openat", *_argv(shell, rc)]
    term = Terminal(argv, env, str(world.projects / "p1" / "sub"))
    try:
        term.send('echo "VE=$VIRTUAL_ENV" "RE""ADY"\n')
        before = term.wait_for("READY", timeout=60)
        noop = "true" if shell == "fish" else ":"
        term.send(f"{noop} > {mark1}\n" + "\n" * PROMPTS + f"{noop} > {mark2}\n")
        term.send('echo "N=$__t_n" "DO""NE"\n')
        text = term.wait_for("DONE", timeout=120)
    finally:
        term.close()
    assert f"VE={world.store / 'e1'}" in before
    prompts = int(re.search(r"N=(\d+)", text).group(1))
    assert prompts >= PROMPTS
    lines = log.read_text(errors="replace").splitlines()
    first = next(i for i, line in enumerate(lines) if str(mark1) in line and "openat(" in line)
    last = next(i for i, line in enumerate(lines) if str(mark2) in line and "openat(" in line)
    started = [line for line in lines[first:last]
               if STARTS.search(line) and "resumed" not in line and "CLONE_THREAD" not in line]
    assert started == [], "\n".join(started[:20])
