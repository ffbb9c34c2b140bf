"""What is particular to ksh93 (Debian's ksh), beyond the bash/zsh tests that also run in
it (sh_helpers.SHELLS): its prompt expands parameters and numbers a `!`, its typeset is
local only in `function name {` definitions, and loading, workon and deactivate start no
process there either. The file itself is generated from envman.sh
(tests/completion/test_ksh_transform.py)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.support import (
    INTERACTIVE,
    KSH_FILE,
    SHELLS,
    Terminal,
    make_sh_box,
    require_program,
    sh_file,
    write_hook,
)


@pytest.fixture(scope="module")
def box(tmp_path_factory):
    return make_sh_box(tmp_path_factory.mktemp("ksh"), envs=("alpha",))


def test_a_hostile_prompt_text_is_shown_not_run_on_a_real_terminal(tmp_path):
    """ksh93 expands $(...), `...` and ${...} in PS1 at every prompt, then replaces a !
    by the command number: the env's prompt text must come out as it is."""
    require_program("ksh")
    box = make_sh_box(tmp_path)
    text = "$(echo PWNED) `echo PWNED` ${HOME} \\w %~ ! !!"
    box.envman("new", "--no-pip", "--prompt", text, "evil")
    term = Terminal(INTERACTIVE["ksh"], {**box.env, "T_SH_FILE": str(KSH_FILE)}, str(box.home))
    try:
        # "REA""DY": the echoed command line never holds the answer
        term.send('. "$T_SH_FILE"; PS1="> "; workon evil; echo "REA""DY"\n')
        term.wait_for("READY\r\n")
        shown = term.wait_for("> ")
        assert shown == f"({text}) > "
        term.send('deactivate; echo "DO""NE"\n')
        term.wait_for("DONE\r\n")
        assert term.wait_for("> ") == "> "
    finally:
        term.close()


def test_hooks_change_the_users_shell_not_a_function_scope(box, tmp_path):
    """Sourced hooks run inside envman's functions; in ksh93 what they set, export, alias
    or define must still reach the shell, and envman's own locals must not."""
    env = box.store / "alpha"
    write_hook(env / "bin" / "postactivate",
               "export T_EXPORTED=1\nT_PLAIN=2\nalias t_alias='echo ALIASED'\n"
               "t_func() { echo FUNC; }\n", executable=False)
    write_hook(env / "bin" / "predeactivate", "unset T_PLAIN\n", executable=False)
    try:
        r = box.ok("ksh", """
workon alpha
echo "EXPORTED=$(sh -c 'echo "${T_EXPORTED-unset}"')"
echo "PLAIN=${T_PLAIN-unset}"
eval 't_alias'
t_func
echo "LOCALS=$(typeset + | grep -c '^_em_' || :)"
deactivate
echo "AFTER=${T_PLAIN-unset}"
""")
    finally:
        (env / "bin" / "postactivate").unlink()
        (env / "bin" / "predeactivate").unlink()
    assert r.value("EXPORTED") == "1"
    assert r.value("PLAIN") == "2"
    assert "ALIASED" in r.lines and "FUNC" in r.lines
    assert r.value("LOCALS") == "0"
    assert r.value("AFTER") == "unset"


def _processes(trace: Path, marks: list[Path]) -> list[list[str]]:
    """The execve, fork, vfork and clone calls strace recorded, in the parts the opening
    of each MARK file separates."""
    calls = re.compile(r"\b(execve|fork|vfork|clone3?)\(")
    parts: list[list[str]] = [[]]
    for line in trace.read_text().splitlines():
        if any(f'"{mark}"' in line for mark in marks) and "openat(" in line:
            parts.append([])
        elif calls.search(line):
            parts[-1].append(line)
    return parts


@pytest.mark.parametrize("shell", SHELLS)
def test_load_workon_deactivate_and_cd_helpers_start_no_process(box, shell, tmp_path):
    strace = require_program("strace")
    require_program(shell)
    box.ok(shell, "true\n")  # a first load in this store creates the hook files (chmod)
    marks = [tmp_path / "loaded", tmp_path / "checked"]
    for mark in marks:
        mark.touch()
    # Once per shell, before the first hook file, the store's permissions are checked
    # (envman-lazy.sh: bash and ksh run find for it): between the two marks.
    script = tmp_path / "script"
    script.write_text(f'{". " if shell == "ksh" else "source "}"$T_SH_FILE"\n'
                      ': < "$T_MARK1"\nworkon alpha\ndeactivate\n: < "$T_MARK2"\n'
                      "workon alpha\ncdvirtualenv\ndeactivate\nworkon alpha\nworkon -n alpha\n"
                      "deactivate\nworkon >/dev/null || :\n")
    trace = tmp_path / "trace"
    argv = {"bash": ["bash", "--norc", "--noprofile"], "zsh": ["zsh", "-f"], "ksh": ["ksh"]}
    proc = subprocess.run([strace, "-f", "-qq", "-o", str(trace),
                           "-e", "trace=execve,fork,vfork,clone,clone3,openat", *argv[shell], str(script)],
                          capture_output=True, text=True, timeout=120, cwd=box.home,
                          env={**box.env, "T_SH_FILE": str(sh_file(shell)),
                               "T_MARK1": str(marks[0]), "T_MARK2": str(marks[1])})
    assert (proc.returncode, proc.stderr) == (0, ""), proc.stderr
    load, first_workon, hot = _processes(trace, marks)
    assert len(load) == 1 and "execve(" in load[0], "\n".join(load)  # the shell itself
    assert hot == [], "\n".join(hot)
    programs = [re.search(r'execve\("([^"]*)"', line) for line in first_workon]
    # (and mkdir: a store's .envman/used, made by the first workon ever in that store,
    # which is this one when no test before it activated an env here)
    assert {m.group(1).rsplit("/", 1)[-1] for m in programs if m} <= {"find", "id", "mkdir"}


def test_workon_without_the_integration_names_the_kshrc_line(box):
    import sys
    r = subprocess.run([sys.executable, "-m", "envman", "workon", "alpha"], capture_output=True,
                       text=True, timeout=120, env={**box.env, "SHELL": "/bin/ksh93"})
    assert r.returncode == 2
    # the file of the envman that runs (the checkout's, or an installed copy under CI)
    installed = subprocess.run([sys.executable, "-m", "envman", "init", "--path", "ksh"],
                               capture_output=True, text=True, timeout=120, env=box.env,
                               check=True).stdout.strip()
    assert installed.endswith("envman.ksh")
    assert "add it to ~/.kshrc once: envman init ksh >> ~/.kshrc" in r.stderr
