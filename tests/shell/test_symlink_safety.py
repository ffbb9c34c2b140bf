"""The shell integration never creates, truncates or chmods through a symlink (or other
planted file) it finds in the store: for every path the shells write or
touch (the global hook files they create, .envman, .envman/used, .envman/used/NAME,
and the state they must leave alone: .envman/aside, .envman/locks), a planted link
to a place outside the store leaves that place exactly as it was, in real bash, zsh
and fish, through loading, workon, deactivate and listing; and no program outside
the store runs."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.support import SHELLS, make_fish_box, make_sh_box, require_program

ALL_SHELLS = [*SHELLS, "fish"]

SH_SCRIPT = """
workon alpha || echo FAIL workon
deactivate || echo FAIL deactivate
workon >/dev/null || :
echo DONE
"""
FISH_SCRIPT = """
workon alpha; or echo FAIL workon
deactivate; or echo FAIL deactivate
workon >/dev/null
echo DONE
"""

# A program that leaves a mark when it runs (planted outside the store).
MARKER_PROGRAM = '#!/bin/sh\necho ran > "$T_MARK"\n'


def outside_state(root: Path) -> dict:
    """Every entry under ``root`` with its kind, mode and content."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            st = path.lstat()
            content = path.read_bytes() if stat.S_ISREG(st.st_mode) else None
            found[str(path.relative_to(root))] = (stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), content)
    return found


def _box(shell: str, tmp_path: Path):
    require_program(shell)
    box = make_fish_box(tmp_path) if shell == "fish" else make_sh_box(tmp_path)
    box.envman("new", "--no-pip", "alpha")
    return box


def _run(box, shell: str, extra_env: dict | None = None):
    env = {"T_MARK": str(box.root / "outside" / "ran"), **(extra_env or {})}
    if shell == "fish":
        result = box.run(FISH_SCRIPT, env=env)
    else:
        result = box.run(shell, SH_SCRIPT, strict=False, env=env, prelude="")
    assert "DONE" in result.lines and "FAIL" not in result.stdout, result.stdout + result.stderr
    return result


def _outside(box) -> Path:
    outside = box.root / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "precious").write_text("keep me\n")
    (outside / "precious").chmod(0o644)
    (outside / "program").write_text(MARKER_PROGRAM)
    (outside / "program").chmod(0o644)
    (outside / "dir").mkdir(exist_ok=True)
    return outside


def _hook(shell: str, name: str) -> str:
    return f"{name}.fish" if shell == "fish" else name


# Each attack plants links in the store (paths relative to it) pointing outside.
def _plant(box, attack: str, shell: str) -> None:
    store, outside = box.store, box.root / "outside"
    state = store / ".envman"
    if attack == "dangling-global-hook":
        for name in ("postactivate", "predeactivate", "initialize"):
            (store / _hook(shell, name)).symlink_to(outside / f"made-{name}")
    elif attack == "global-hook-to-outside-file":
        # loading must not chmod the target (which would make it a runnable hook)
        (store / _hook(shell, "preactivate")).symlink_to(outside / "program")
        (store / _hook(shell, "postdeactivate")).symlink_to(outside / "precious")
    elif attack.startswith("used-name-"):  # the stamp file workon writes for alpha
        (state / "used").mkdir(exist_ok=True)
        stamp = state / "used" / "alpha"
        stamp.unlink(missing_ok=True)
        if attack == "used-name-to-file":
            stamp.symlink_to(outside / "precious")
        elif attack == "used-name-dangling":
            stamp.symlink_to(outside / "made-by-workon")
        elif attack == "used-name-hard-link":
            os.link(outside / "precious", stamp)
        elif attack == "used-name-fifo":
            os.mkfifo(stamp)  # opening it for writing would hang workon
        else:
            raise AssertionError(attack)
    elif attack in ("used-dir", "used-dir-dangling"):  # the stamps' directory
        if (state / "used").exists():
            for entry in (state / "used").iterdir():
                entry.unlink()
            (state / "used").rmdir()
        (state / "used").symlink_to(outside / ("dir" if attack == "used-dir" else "made-used"))
    elif attack == "state-dir":
        os.rename(state, outside / "state")
        state.symlink_to(outside / "dir")
    elif attack in ("aside", "locks"):
        target = state / attack
        if target.is_dir() and not target.is_symlink():
            os.rename(target, outside / f"old-{attack}")
        target.symlink_to(outside / "dir")
    else:
        raise AssertionError(attack)


ATTACKS = ["dangling-global-hook", "global-hook-to-outside-file", "used-name-to-file",
           "used-name-dangling", "used-name-hard-link", "used-name-fifo", "used-dir",
           "used-dir-dangling", "state-dir", "aside", "locks"]


@pytest.mark.parametrize("attack", ATTACKS)
@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_planted_link_leaves_the_outside_alone(tmp_path, shell, attack):
    box = _box(shell, tmp_path)
    outside = _outside(box)
    _plant(box, attack, shell)
    before = outside_state(outside)
    _run(box, shell)
    ran = outside / "ran"
    if shell == "fish" and attack == "global-hook-to-outside-file":
        # fish sources its .fish hooks whatever their mode, through a link too (as
        # bash runs an executable linked hook: a dotfiles repository's hooks linked
        # into the store keep working); what matters is that nothing changed there
        ran.unlink(missing_ok=True)
    assert outside_state(outside) == before
    assert not ran.exists(), "a program outside the store ran"


@pytest.mark.parametrize("shell", SHELLS)
def test_hook_files_made_at_load_are_not_group_writable(tmp_path, shell):
    box = _box(shell, tmp_path)
    _run(box, shell)
    # virtualenvwrapper 6.1.1's modes: 0644 for a hook it sources, 0755 for one it
    # runs; never writable by the group or others, whatever the umask
    assert stat.S_IMODE((box.store / "postactivate").stat().st_mode) == 0o644
    assert stat.S_IMODE((box.store / "preactivate").stat().st_mode) == 0o755


@pytest.mark.parametrize("shell", ALL_SHELLS)
def test_used_stamp_is_still_written_when_nothing_is_planted(tmp_path, shell):
    box = _box(shell, tmp_path)
    stamp = box.store / ".envman" / "used" / "alpha"
    stamp.unlink(missing_ok=True)
    _run(box, shell)
    assert stamp.is_file() and not stamp.is_symlink() and stamp.stat().st_size == 0
