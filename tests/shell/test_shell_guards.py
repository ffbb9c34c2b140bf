"""What the shells refuse or warn about, the same in bash, zsh and fish:
a store path (WORKON_HOME) with a newline or another control character; a project path
with one, read from .project (workon must not cd into another directory and source its
hooks); hook paths other users can write (warned once, with the fix). And fish's
mktmpenv takes virtualenv's --without-pip like mkvirtualenv does."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support import SHELLS, make_fish_box, make_sh_box, missing, require_program

ALL_SHELLS = [*SHELLS, "fish"]
STORE_ERROR = ("envman: error: WORKON_HOME contains a newline or another control character; "
               "set it to a directory path without one")


def _box(shell: str, tmp_path, *envs: str):
    require_program(shell)
    box = make_fish_box(tmp_path) if shell == "fish" else make_sh_box(tmp_path)
    for name in envs:
        box.envman("new", "--no-pip", name)
    return box


def _run(box, shell: str, script: str, env: dict | None = None):
    """SCRIPT after loading, written for both syntaxes: `; and`/`&&` are avoided."""
    if shell == "fish":
        return box.run(script, env=env)
    return box.run(shell, script, strict=False, env=env)


# ---------------------------------------------------------------- WORKON_HOME

@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_store_path_with_a_newline_is_refused_in_one_line(tmp_path, shell):
    box = _box(shell, tmp_path, "alpha")
    bad = f"{box.store}\nother"
    before = sorted(os.listdir(tmp_path)) + [f"script.{shell}"]  # the script the box writes
    code = "$status" if shell == "fish" else "$?"
    result = _run(box, shell, f"echo LOADED\nworkon alpha\necho WORKON={code}\n"
                  f"mkvirtualenv beta\necho MK={code}\n", env={"WORKON_HOME": bad})
    status = {key: result.value(key) for key in ("WORKON", "MK")}
    assert "LOADED" in result.lines
    assert status == {"WORKON": "2", "MK": "2"}
    assert result.stderr.splitlines() == [STORE_ERROR] * 3  # load, workon, mkvirtualenv
    assert sorted(os.listdir(tmp_path)) == sorted(before)
    assert not (box.store / "postactivate").exists()  # no hook made in a split-off path


@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_store_path_with_a_control_character_is_refused(tmp_path, shell):
    box = _box(shell, tmp_path, "alpha")
    result = _run(box, shell, "workon alpha\n", env={"WORKON_HOME": f"{box.store}\x1b[31m"})
    assert result.stderr.splitlines() == [STORE_ERROR] * 2
    assert result.status == 2


# ---------------------------------------------------------------- .project

def _project_with_hook(box, shell: str, name: str):
    """A directory whose postactivate hook leaves a mark if sourced."""
    project = box.root / name
    hook = project / ".virtualenvwrapper" / ("postactivate.fish" if shell == "fish" else "postactivate")
    hook.parent.mkdir(parents=True)
    hook.write_text(f'echo sourced > "{box.root}/sourced"\n')
    return project


@pytest.mark.parametrize("shell", ALL_SHELLS)
@pytest.mark.parametrize("separator", ["\n", "\r", "\x1b"])
def test_project_path_with_a_control_character_is_ignored(tmp_path, shell, separator):
    box = _box(shell, tmp_path, "alpha")
    first = _project_with_hook(box, shell, "decoy")
    # The path that was set is "<decoy>\n<rest>": the shells would read "<decoy>"
    (box.store / "alpha" / ".project").write_text(f"{first}{separator}elsewhere\n")
    result = _run(box, shell, "workon alpha\necho \"PWD=$PWD\"\necho \"VE=$VIRTUAL_ENV\"\n"
                  "cdproject\necho \"AFTER=$PWD\"\n")
    assert result.value("VE").endswith("/alpha")
    assert result.value("PWD") == str(box.root / "home") == result.value("AFTER")
    assert not (box.root / "sourced").exists()
    warning = ("envman: warning: ignoring the project path in "
               f"{box.store / 'alpha' / '.project'}: it contains a newline or another control character")
    assert result.stderr.splitlines()[0] == warning


@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_plain_project_path_still_works(tmp_path, shell):
    box = _box(shell, tmp_path, "alpha")
    project = _project_with_hook(box, shell, "real project")
    (box.store / "alpha" / ".project").write_text(f"{project}\n")
    result = _run(box, shell, "workon alpha\necho \"PWD=$PWD\"\n")
    assert result.stderr == "" and result.value("PWD") == str(project)
    assert (box.root / "sourced").exists()


# ---------------------------------------------------------------- permissions

def _sourced_hook(box, shell: str) -> None:
    hook = box.store / ("postactivate.fish" if shell == "fish" else "postactivate")
    hook.write_text('echo HOOK\n')
    hook.chmod(0o644)


@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_store_writable_by_others_is_warned_once_with_the_fix(tmp_path, shell):
    box = _box(shell, tmp_path, "alpha", "beta")
    _sourced_hook(box, shell)
    box.store.chmod(0o777)
    try:
        result = _run(box, shell, "workon alpha\nworkon beta\ndeactivate\n")
    finally:
        box.store.chmod(0o755)
    assert result.lines.count("HOOK") == 2
    warning = (f"envman: warning: '{box.store}' is writable by group or others, who could run "
               f"code in your shell through envman's hooks; fix: chmod go-w '{box.store}'")
    assert result.stderr.splitlines() == [warning]


@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_several_unsafe_paths_make_one_line(tmp_path, shell):
    box = _box(shell, tmp_path, "alpha")
    _sourced_hook(box, shell)
    hook = box.store / ("postactivate.fish" if shell == "fish" else "postactivate")
    hook.chmod(0o666)
    (box.store / ".envman").chmod(0o757)
    result = _run(box, shell, "workon alpha\n")
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "and 1 more paths are writable by group or others" in lines[0]
    assert "envman doctor" in lines[0]


@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_group_writable_for_a_foreign_group_is_warned(tmp_path, shell):
    box = _box(shell, tmp_path, "alpha")
    _sourced_hook(box, shell)
    hook = box.store / ("postactivate.fish" if shell == "fish" else "postactivate")
    other = next((g for g in (1, 2, 100, 65534) if g != os.getgid()), None)
    try:
        os.chown(hook, -1, other)
    except PermissionError:
        missing("root (only root can give a file to a group it is not in)")
    hook.chmod(0o664)
    result = _run(box, shell, "workon alpha\n")
    warning = (f"envman: warning: '{hook}' is writable by group or others, who could run code "
               f"in your shell through envman's hooks; fix: chmod go-w '{hook}'")
    assert result.stderr.splitlines() == [warning]
    os.chown(hook, -1, os.getgid())  # the user's own group: not a stranger
    assert _run(box, shell, "workon alpha\n").stderr == ""


# ---------------------------------------------------------------- fish mktmpenv

def test_fish_mktmpenv_without_pip(tmp_path):
    box = _box("fish", tmp_path)
    box.store.mkdir()
    result = box.ok("mktmpenv --without-pip -n >/dev/null\necho \"VE=$VIRTUAL_ENV\"\n"
                    "test -e $VIRTUAL_ENV/bin/pip; and echo PIP=yes; or echo PIP=no\n"
                    "deactivate >/dev/null\nset -q VIRTUAL_ENV; or echo GONE\n")
    venv = result.value("VE")
    assert os.path.basename(venv).startswith("tmp-") and result.value("PIP") == "no"
    assert "GONE" in result.lines and not os.path.exists(venv)


def test_python_doctor_names_the_same_paths(tmp_path):
    """doctor lists what the shells warn about, with the fix (perms.py)."""
    box = make_sh_box(tmp_path)
    box.envman("new", "--no-pip", "alpha")
    box.store.chmod(0o777)
    try:
        proc = subprocess.run([sys.executable, "-m", "envman", "doctor", "--json"],
                              capture_output=True, text=True, env=box.env, timeout=120, check=False)
    finally:
        box.store.chmod(0o755)
    assert proc.returncode == 1
    assert "unsafe-permissions" in proc.stdout and "chmod go-w" in proc.stdout
