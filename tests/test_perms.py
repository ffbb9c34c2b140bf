"""perms.py: the paths through which another user could run code in the user's shell
(writable by others, by a foreign group, or owned by another user), as doctor reports
them with the fix; and the hook names it checks are the ones the shells run."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest

from envman.perms import GLOBAL_HOOKS, LOCAL_HOOKS, unsafe_paths

REPO = Path(__file__).resolve().parents[1]


def _store(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    (store / ".envman").mkdir(parents=True)
    (store / "alpha" / "bin").mkdir(parents=True)
    for path in (store, store / ".envman", store / "alpha", store / "alpha" / "bin"):
        path.chmod(0o755)
    return store


def test_a_private_store_is_safe(tmp_path):
    store = _store(tmp_path)
    (store / "postactivate").write_text("echo hi\n")
    (store / "postactivate").chmod(0o755)
    assert unsafe_paths(store, store) == []


def test_writable_by_others_names_each_path_and_the_fix(tmp_path):
    store = _store(tmp_path)
    hook = store / "alpha" / "bin" / "postactivate.fish"
    hook.write_text("echo hi\n")
    hook.chmod(0o646)
    store.chmod(0o777)
    try:
        found = unsafe_paths(store, store)
    finally:
        store.chmod(0o755)
    assert [u.path for u in found] == [store, hook]
    assert found[0].fix == f"chmod go-w {shlex.quote(str(store))}"
    assert "writable by group or others" in found[0].problem


def test_a_linked_hook_is_judged_by_its_target(tmp_path):
    store = _store(tmp_path)
    target = tmp_path / "shared-hook"
    target.write_text("echo hi\n")
    target.chmod(0o666)
    (store / "preactivate").symlink_to(target)
    (store / "postactivate").symlink_to(tmp_path / "missing")  # dangling: nothing to read
    assert [u.path for u in unsafe_paths(store, store)] == [store / "preactivate"]


def test_group_writable_counts_only_for_a_foreign_group(tmp_path):
    store = _store(tmp_path)
    hook = store / "initialize"
    hook.write_text("echo hi\n")
    hook.chmod(0o664)
    assert unsafe_paths(store, store) == []  # the user's own primary group
    other = next(g for g in (1, 2, 100, 65534) if g != os.getgid())
    try:
        os.chown(hook, -1, other)
    except PermissionError:
        pytest.skip("only root can give a file to a group it is not in")
    assert [u.path for u in unsafe_paths(store, store)] == [hook]


def test_owned_by_another_user(tmp_path):
    store = _store(tmp_path)
    hook = store / "postdeactivate"
    hook.write_text("echo hi\n")
    try:
        os.chown(hook, 65534, -1)
    except PermissionError:
        pytest.skip("only root can give a file away")
    found = unsafe_paths(store, store)
    assert [u.path for u in found] == [hook] and "owned by another user" in found[0].problem
    assert found[0].fix.startswith("chown ")


def test_a_separate_hook_directory_is_checked(tmp_path, monkeypatch):
    store = _store(tmp_path)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    hooks.chmod(0o777)
    monkeypatch.setenv("VIRTUALENVWRAPPER_HOOK_DIR", str(hooks))
    assert [u.path for u in unsafe_paths(store)] == [hooks]


def test_hook_names_are_the_shells():
    # (the lists are envman-base.sh's: the rc line no longer parses them)
    text = (REPO / "shell" / "envman-base.sh").read_text()
    for variable, names in (("__envman_global_hooks", GLOBAL_HOOKS), ("__envman_local_hooks", LOCAL_HOOKS)):
        listed = re.search(rf'^{variable}="([^"]*)"', text, re.MULTILINE)
        assert listed and tuple(listed.group(1).split()) == names
