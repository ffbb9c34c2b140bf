"""The shell side of issue 17's Python pieces, in real bash, zsh and fish: the call the
shell makes on entering a project (`__envman_exec allow --check -- DIR`) answers 1, 0,
then 1 after a change, silently; `envman link` through the shell's `envman` function
makes a `.venv` that `workon` of the linked env and `cdproject` agree with. Hostile
directory names come in through environment variables."""

from __future__ import annotations

import os

import pytest

from tests.support import HOSTILE, SHELLS, make_fish_box, make_sh_box, require_program

CHECK_SH = """
__envman_exec allow --check -- "$T_DIR" && echo "first=0" || echo "first=$?"
envman allow "$T_DIR" >/dev/null
__envman_exec allow --check -- "$T_DIR" && echo "second=0" || echo "second=$?"
echo 'echo hi' > "$T_DIR/.virtualenvwrapper/postactivate"
__envman_exec allow --check -- "$T_DIR" && echo "third=0" || echo "third=$?"
"""

CHECK_FISH = """
__envman_exec allow --check -- $T_DIR; echo "first=$status"
envman allow $T_DIR >/dev/null
__envman_exec allow --check -- $T_DIR; echo "second=$status"
echo 'echo hi' > $T_DIR/.virtualenvwrapper/postactivate
__envman_exec allow --check -- $T_DIR; echo "third=$status"
"""

LINK_SH = """
cd -- "$T_DIR"
envman link --new -p "$T_PY" >/dev/null
echo "link=$(readlink .venv)"
cd /
workon "$T_NAME"
echo "pwd=$PWD"
echo "ve=$VIRTUAL_ENV"
"""

LINK_FISH = """
cd $T_DIR
envman link --new -p $T_PY >/dev/null
echo "link="(readlink .venv)
cd /
workon $T_NAME
echo "pwd=$PWD"
echo "ve=$VIRTUAL_ENV"
"""


def _project(root, name=HOSTILE):
    directory = root / "projects" / name
    (directory / ".virtualenvwrapper").mkdir(parents=True)
    return directory


@pytest.mark.parametrize("shell", SHELLS)
def test_allow_check_from_bash_and_zsh(tmp_path, shell):
    box = make_sh_box(tmp_path)
    directory = _project(tmp_path)
    out = box.ok(shell, CHECK_SH, env={"T_DIR": str(directory)})
    assert out.stdout.split() == ["first=1", "second=0", "third=1"]


def test_allow_check_from_fish(tmp_path):
    require_program("fish")
    box = make_fish_box(tmp_path)
    directory = _project(tmp_path)
    out = box.ok(CHECK_FISH, env={"T_DIR": str(directory)})
    assert out.stdout.split() == ["first=1", "second=0", "third=1"]


def _python() -> str:
    import sys

    return f"{sys.version_info[0]}.{sys.version_info[1]}"


@pytest.mark.parametrize("shell", SHELLS)
def test_link_then_workon_from_bash_and_zsh(tmp_path, shell):
    box = make_sh_box(tmp_path)
    directory = _project(tmp_path, "web")
    out = box.ok(shell, LINK_SH, env={"T_DIR": str(directory), "T_NAME": "web",
                                      "T_PY": _python()})
    assert out.stdout.splitlines() == [f"link={box.store / 'web'}", f"pwd={directory}",
                                       f"ve={box.store / 'web'}"]
    assert os.path.islink(directory / ".venv")


def test_link_then_workon_from_fish(tmp_path):
    require_program("fish")
    box = make_fish_box(tmp_path)
    directory = _project(tmp_path, "web")
    out = box.ok(LINK_FISH, env={"T_DIR": str(directory), "T_NAME": "web", "T_PY": _python()})
    assert out.stdout.splitlines() == [f"link={box.store / 'web'}", f"pwd={directory}",
                                       f"ve={box.store / 'web'}"]
