"""The shell integration finds the envman program once, at load, and calls it by that
absolute path: envman installed only inside a venv keeps working after
`workon other` takes that venv's bin/ off PATH, and a shell file sourced while envman
is not on PATH at all finds it beside its own install, through ENVMAN_PROGRAM or
through `envman init`, or says in one line that it cannot.

The installed envman is a real wheel of this worktree, built once per session and
installed (with its dependencies, from uv's cache) into a venv the tests make."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import (
    FISH_FILE,
    REPO,
    SHELLS,
    make_fish_box,
    make_sh_box,
    require_program,
    sh_file,
)

PY_VERSION = f"python{sys.version_info[0]}.{sys.version_info[1]}"
NOT_FOUND = "envman: warning: the envman program was not found"


def _path_without_envman() -> str:
    """The PATH the tests run with, minus every directory holding an `envman`."""
    entries = os.environ.get("PATH", "").split(os.pathsep)
    return os.pathsep.join(p for p in entries if p and not os.path.exists(os.path.join(p, "envman")))


@pytest.fixture(scope="session")
def tool_venv(tmp_path_factory) -> Path:
    """A venv holding envman installed from a wheel of this worktree, as `pip install
    envman` in a venv leaves it: PREFIX/bin/envman, the shell files in site-packages."""
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    assert uv, "uv is a dependency of envman"
    wheels = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                    str(REPO)], check=True, capture_output=True, timeout=600)
    venv = tmp_path_factory.mktemp("tool") / "tool venv"
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    subprocess.run([uv, "venv", "-q", "-p", sys.executable, str(venv)], check=True, env=env,
                   timeout=300)
    subprocess.run([uv, "pip", "install", "-q", "--python", str(venv / "bin" / "python"),
                    *map(str, wheels.glob("*.whl"))], check=True, env=env, timeout=600)
    assert os.access(venv / "bin" / "envman", os.X_OK)
    return venv


def _installed_shell_dir(venv: Path) -> Path:
    return venv / "lib" / PY_VERSION / "site-packages" / "envman" / "shell"


# The same session in both syntaxes: mkvirtualenv into one, then every command
# again from there (the tool venv's bin/ is off PATH from the first workon on).
SH_SESSION = """
. "$T_TOOL/bin/activate"
. "$T_SHELL_FILE"
type -a envman >/dev/null 2>&1 || true
mkvirtualenv --without-pip one >/dev/null || echo FAIL mkvirtualenv one
echo "VE1=${VIRTUAL_ENV##*/}"
envman ls --json >/dev/null || echo FAIL envman ls
mkvirtualenv --without-pip two >/dev/null || echo FAIL mkvirtualenv two
echo "LS=$(lsvirtualenv -b | tr '\\n' ' ')"
cpvirtualenv two three >/dev/null || echo FAIL cpvirtualenv
echo "VE2=${VIRTUAL_ENV##*/}"
workon one || echo FAIL workon one
workon two || echo FAIL workon two
workon one || echo FAIL workon one again
cdvirtualenv || echo FAIL cdvirtualenv
rmvirtualenv three >/dev/null || echo FAIL rmvirtualenv
echo "ENVS=$(envman ls --json | tr -d ' \\n')"
deactivate
echo "END=${VIRTUAL_ENV-none}"
"""

FISH_SESSION = """
source "$T_TOOL/bin/activate.fish"
source "$T_SHELL_FILE"
mkvirtualenv --without-pip one >/dev/null; or echo FAIL mkvirtualenv one
echo "VE1="(string replace -r '.*/' '' -- $VIRTUAL_ENV)
envman ls --json >/dev/null; or echo FAIL envman ls
mkvirtualenv --without-pip two >/dev/null; or echo FAIL mkvirtualenv two
echo "LS="(lsvirtualenv -b | string join ' ')
cpvirtualenv two three >/dev/null; or echo FAIL cpvirtualenv
echo "VE2="(string replace -r '.*/' '' -- $VIRTUAL_ENV)
workon one; or echo FAIL workon one
workon two; or echo FAIL workon two
workon one; or echo FAIL workon one again
cdvirtualenv; or echo FAIL cdvirtualenv
rmvirtualenv three >/dev/null; or echo FAIL rmvirtualenv
echo "ENVS="(envman ls --json | string join '' | string replace -a ' ' '')
deactivate
set -q VIRTUAL_ENV; and echo "END=$VIRTUAL_ENV"; or echo END=none
"""


def _check_session(result, store: Path) -> None:
    assert "FAIL" not in result.stdout, result.stdout + result.stderr
    assert "command not found" not in result.stderr and "Unknown command" not in result.stderr, result.stderr
    assert result.value("VE1") == "one"
    assert result.value("LS").split() == ["one", "two"]
    assert result.value("VE2") == "three"
    envs = result.value("ENVS")
    assert '"one"' in envs and '"two"' in envs and '"three"' not in envs
    assert result.value("END") == "none"
    assert sorted(p.name for p in store.iterdir() if (p / "pyvenv.cfg").exists()) == ["one", "two"]


@pytest.mark.slow
@pytest.mark.parametrize("shell", SHELLS)
def test_envman_installed_only_in_a_venv_survives_workon(tool_venv, tmp_path, shell):
    box = make_sh_box(tmp_path)
    env = {"PATH": _path_without_envman(), "T_TOOL": str(tool_venv),
           "T_SHELL_FILE": str(_installed_shell_dir(tool_venv) / sh_file(shell).name)}
    result = box.run(shell, SH_SESSION, strict=False, load=False, env=env)
    _check_session(result, box.store)


@pytest.mark.slow
def test_envman_installed_only_in_a_venv_survives_workon_fish(tool_venv, tmp_path):
    require_program("fish")
    box = make_fish_box(tmp_path)
    env = {"PATH": _path_without_envman(), "T_TOOL": str(tool_venv),
           "T_SHELL_FILE": str(_installed_shell_dir(tool_venv) / "envman.fish")}
    result = box.run(FISH_SESSION, load=False, env=env)
    _check_session(result, box.store)


@pytest.mark.slow
@pytest.mark.parametrize("shell", [*SHELLS, "fish"])
def test_installed_file_finds_the_program_beside_it_without_path(tool_venv, tmp_path, shell):
    """The rc line sources the installed file; envman is on PATH nowhere."""
    require_program(shell)
    name = "envman.fish" if shell == "fish" else sh_file(shell).name
    script = ('. "$T_SHELL_FILE"\nenvman new --no-pip solo >/dev/null\n'
              'echo "VE=$VIRTUAL_ENV"\nenvman ls --json\n')
    env = {"PATH": _path_without_envman(), "T_SHELL_FILE": str(_installed_shell_dir(tool_venv) / name)}
    if shell == "fish":
        result = make_fish_box(tmp_path).run(script, load=False, env=env)
    else:
        result = make_sh_box(tmp_path).run(shell, script, strict=False, load=False, env=env)
    assert result.status == 0, result.stdout + result.stderr
    assert result.stderr == ""
    assert result.value("VE").endswith("/solo") and '"solo"' in result.stdout


def _dev_program() -> str:
    program = shutil.which("envman", path=str(Path(sys.executable).parent))
    assert program, "the development venv has envman"
    return program


# Loading the repository's file (not beside any install) with envman off PATH.
SH_NOT_ON_PATH = """
. "$T_SHELL_FILE"
envman new --no-pip solo >/dev/null; echo "NEW=$?"
echo "VE=${VIRTUAL_ENV-none}"
"""
FISH_NOT_ON_PATH = """
source "$T_SHELL_FILE"
envman new --no-pip solo >/dev/null; echo "NEW=$status"
set -q VIRTUAL_ENV; and echo "VE=$VIRTUAL_ENV"; or echo VE=none
"""


def _run_not_on_path(tmp_path: Path, shell: str, extra: dict, prefix: str = ""):
    require_program(shell)
    env = {"PATH": _path_without_envman(), **extra}
    if shell == "fish":
        return make_fish_box(tmp_path).run(prefix + FISH_NOT_ON_PATH, load=False,
                                      env={"T_SHELL_FILE": str(FISH_FILE), **env})
    return make_sh_box(tmp_path).run(shell, prefix + SH_NOT_ON_PATH, strict=False, load=False,
                                     env={"T_SHELL_FILE": str(sh_file(shell)), **env})


@pytest.mark.parametrize("shell", [*SHELLS, "fish"])
def test_envman_program_override_is_used(tmp_path, shell):
    result = _run_not_on_path(tmp_path, shell, {"ENVMAN_PROGRAM": _dev_program()})
    assert result.stderr == "" and result.value("NEW") == "0", result.stderr
    assert result.value("VE").endswith("/solo")


@pytest.mark.parametrize("shell", [*SHELLS, "fish"])
def test_envman_init_records_the_running_program(tmp_path, shell):
    # eval/| source of `envman init`, run by absolute path as an rc line would
    line = (f'{_dev_program()} init fish | source\n' if shell == "fish"
            else f'eval "$({_dev_program()} init {shell})"\n')
    result = _run_not_on_path(tmp_path, shell, {}, prefix=line)
    assert result.stderr == "" and result.value("NEW") == "0", result.stderr
    assert result.value("VE").endswith("/solo")


@pytest.mark.parametrize("shell", [*SHELLS, "fish"])
def test_program_not_found_says_so_once_and_workon_still_works(tmp_path, shell):
    require_program(shell)
    box = make_fish_box(tmp_path) if shell == "fish" else make_sh_box(tmp_path)
    box.envman("new", "--no-pip", "alpha")
    if shell == "fish":
        script = ('source "$T_SHELL_FILE"\nworkon alpha; and echo "VE=$VIRTUAL_ENV"\n'
                  'deactivate; and echo DEACTIVATED\nenvman ls; echo "LS=$status"\n')
        result = box.run(script, load=False, env={"PATH": _path_without_envman(),
                                                  "T_SHELL_FILE": str(FISH_FILE)})
    else:
        script = ('. "$T_SHELL_FILE"\nworkon alpha && echo "VE=$VIRTUAL_ENV"\n'
                  'deactivate && echo DEACTIVATED\nenvman ls; echo "LS=$?"\n')
        result = box.run(shell, script, strict=False, load=False,
                         env={"PATH": _path_without_envman(), "T_SHELL_FILE": str(sh_file(shell))})
    lines = result.stderr.splitlines()
    assert lines[0].startswith(NOT_FOUND) and "ENVMAN_PROGRAM" in lines[0] and "init" in lines[0]
    assert len(lines) == 2 and lines[1].startswith("envman: error: the envman program was not found")
    assert result.value("VE").endswith("/alpha") and "DEACTIVATED" in result.lines
    assert result.value("LS") == "127"


def test_init_embeds_an_absolute_program(sandbox):
    out = sandbox.ok("init", "bash").stdout.splitlines()
    # run as `python -m envman` here: the interpreter, with -m envman
    assert out[:3] == ["", "# envman's shell integration (envman init bash)",
                       f"__envman_init_python='{os.path.abspath(sys.executable)}'"]
    fish = sandbox.ok("init", "fish").stdout.splitlines()
    assert fish[2] == f"set -g __envman_init_python '{os.path.abspath(sys.executable)}'"


@pytest.mark.parametrize("shell", [*SHELLS, "fish"])
def test_init_run_as_python_m_envman_records_the_interpreter(tmp_path, shell):
    python = str(Path(sys.executable).parent / "python")
    line = (f"{python} -m envman init fish | source\n" if shell == "fish"
            else f'eval "$({python} -m envman init {shell})"\n')
    result = _run_not_on_path(tmp_path, shell, {}, prefix=line)
    assert result.stderr == "" and result.value("NEW") == "0", result.stderr
    assert result.value("VE").endswith("/solo")
