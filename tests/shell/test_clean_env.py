"""The shells the tests start get an explicit, clean environment: nothing of
the shell that started pytest leaks in, so the suite passes when run from inside an
activated venv, with a custom prompt, BASH_ENV, ZDOTDIR or exported functions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO, SHELLS, make_env, make_fish_box, make_sh_box, require_program

LEAKY = {
    "PS1": "(leak) $ ", "PROMPT_COMMAND": "echo leak", "VIRTUAL_ENV": "/leak/venv",
    "VIRTUAL_ENV_PROMPT": "leak", "_OLD_VIRTUAL_PATH": "/leak/bin", "_OLD_VIRTUAL_PS1": "old",
    "PYTHONPATH": "/leak/lib", "PYTHONHOME": "/leak", "ENV": "/leak/env.sh",
    "ZDOTDIR": "/leak/zdotdir", "CDPATH": "/leak", "BASH_FUNC_workon%%": "() { echo leak; }",
}


def test_make_env_drops_what_the_caller_set(tmp_path, monkeypatch):
    for key, value in LEAKY.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("BASH_ENV", str(tmp_path / "bash_env"))
    monkeypatch.setenv("PATH", "/leak/venv/bin" + os.pathsep + os.environ["PATH"])
    env = make_env(tmp_path, tmp_path / "store")
    assert not set(env) & {*LEAKY, "BASH_ENV"}
    assert "/leak/venv/bin" not in env["PATH"].split(os.pathsep)


@pytest.mark.parametrize("shell", [*SHELLS, "fish"])
def test_shells_see_none_of_it(tmp_path, monkeypatch, shell):
    require_program(shell)
    marker = tmp_path / "bash_env_ran"
    (tmp_path / "bash_env").write_text(f'echo ran > "{marker}"\n')
    for key, value in LEAKY.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("BASH_ENV", str(tmp_path / "bash_env"))
    names = " ".join(sorted(k for k in LEAKY if k.isidentifier()))
    # Each variable's value as the shell sees it (zsh always has a PS1 and a CDPATH).
    if shell == "fish":
        box = make_fish_box(tmp_path)
        result = box.ok(f"for v in {names}; set -q $v; and echo \"V $v=$$v\"; end\n"
                        "echo WORKON-OK\n")
    else:
        box = make_sh_box(tmp_path)
        result = box.ok(shell, f"for v in {names}; do\n"
                               '  eval "_t=\\${$v-}"; printf "V %s=%s\\n" "$v" "$_t"\n'
                               "done\n"
                               "echo WORKON-OK\n")
    seen = dict(line[2:].split("=", 1) for line in result.lines if line.startswith("V "))
    if shell != "fish":  # fish prints only the set ones; the others print every name
        assert sorted(seen) == names.split(), result.lines
    assert [key for key, value in seen.items() if value == LEAKY[key]] == []
    assert "WORKON-OK" in result.lines
    assert not marker.exists()


@pytest.mark.slow
def test_suite_passes_from_inside_an_activated_venv(tmp_path):
    """A slice of the shell tests (prompt, PATH and hooks), run by a pytest started from a
    shell with a venv activated the way a developer has one."""
    require_program("bash")
    venv = Path(sys.prefix)
    script = (f'. "{venv}/bin/activate"\nPS1="(dev) $ "; export PS1\n'
              f'export PROMPT_COMMAND="echo leak" _OLD_VIRTUAL_PS1="(old) "\n'
              f'exec python -m pytest -q -p no:cacheprovider -x '
              f'tests/shell/test_sh_integration.py -k "prompt or switching or deactivate"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], cwd=REPO,
                          capture_output=True, text=True, env=env, timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
